// Exercise 7.3: tile_update.
#include "ch07/ch07_test.hpp"

using namespace ch07_test;

namespace {
// Requires the invariants of rows [0, rows) of `state` over keys 0..end-1 of `scores` (-inf = masked).
void require_invariants(const ch07::TileState& state, const Matrix& scores, const Matrix& values, std::size_t end) {
    for (std::size_t i = 0; i < state.m.size(); ++i) {
        CAPTURE(i, end);
        const ch07::PartialState want = loop_state(scores, i, values, first_keys(end));
        REQUIRE(state.m(i) == want.m);
        REQUIRE(std::fabs(state.l(i) - want.l) <= 1e-12 * std::max(1.0, want.l));
        for (std::size_t c = 0; c < want.acc.size(); ++c) REQUIRE(std::fabs(state.acc(i, c) - want.acc(c)) <= 1e-12);
    }
}
}  // namespace

TEST_CASE("7.3 block by block, (m, l, acc) equal PyTorch's states over every prefix of the keys", "[ch07][7.3]") {
    const auto h = GENERATE(as<std::size_t>{}, 0, 1);
    const auto block = GENERATE(as<std::size_t>{}, 1, 2, 4);
    const auto causal = GENERATE(false, true);
    CAPTURE(h, block, causal);
    const std::string p = "example/head" + std::to_string(h) + "/";
    const std::string name = p + (causal ? "causal_" : "") + "states_b" + std::to_string(block) + "/";
    Matrix scores = expected().tensor<2>(p + "scores");  // (T, T), PyTorch's scaled scores
    if (causal)
        for (std::size_t i = 0; i < 6; ++i)
            for (std::size_t j = i + 1; j < 6; ++j) scores(i, j) = minus_infinity;
    const Matrix values = stored_head(h).values;  // (T, hd)
    const Matrix m = expected().tensor<2>(name + "m"), l = expected().tensor<2>(name + "l");
    const wb::Tensor3 acc = expected().tensor<3>(name + "acc");
    ch07::TileState state = ch07::empty_tile_state(6, 2);
    std::size_t k = 0;
    for (std::size_t k0 = 0; k0 < 6; k0 += block, ++k) {
        const std::size_t k1 = std::min<std::size_t>(k0 + block, 6);
        ch07::tile_update(state, block_of(scores, 0, 6, k0, k1), block_of(values, k0, k1, 0, 2));
        CAPTURE(k0, k1);
        const Vector want_m = xt::view(m, k, xt::all()), want_l = xt::view(l, k, xt::all());
        const Matrix want_acc = xt::view(acc, k, xt::all(), xt::all());
        REQUIRE_THAT(state.m, Equals(want_m, 0.0, 0.0));
        REQUIRE_THAT(state.l, Equals(want_l, 1e-12, 1e-12));
        REQUIRE_THAT(state.acc, Equals(want_acc, 1e-12, 1e-12));
    }
    REQUIRE_THAT(ch07::finish(state),
                 Equals(expected().tensor<2>(p + (causal ? "causal_context" : "context")), 1e-12, 0.0));
}

TEST_CASE("7.3 on random tiles with masks, rows empty for a while and rows never visible, the invariants hold after "
          "every block",
          "[ch07][7.3]") {
    const auto seed = GENERATE(range(1, 31));
    const std::size_t rows = wb::ref::random_size(seed, 1, 1, 7), T_k = wb::ref::random_size(seed, 2, 1, 20);
    const std::size_t hv = wb::ref::random_size(seed, 3, 1, 5), block = wb::ref::random_size(seed, 4, 1, T_k + 1);
    CAPTURE(seed, rows, T_k, hv, block);
    Matrix scores = wb::ref::random_matrix(seed, rows, T_k, -20.0, 20.0);  // (rows, T_k)
    const Matrix values = wb::ref::random_matrix(seed + 50, T_k, hv);      // (T_k, hv)
    const Matrix u = wb::ref::random_matrix(seed + 90, rows, T_k, 0.0, 1.0);
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < T_k; ++j)
            if (u(i, j) < 0.3 || (i == 0) || (i == 1 && j < T_k / 2)) scores(i, j) = minus_infinity;
    // Row 0 never sees a key; row 1 sees nothing in the first half of the keys.
    for (std::size_t j = 0; j < T_k; ++j)
        if (rows > 1 && j >= T_k / 2) scores(1, j) = scores(1, j) == minus_infinity ? 3.0 : scores(1, j) + 25.0;
    ch07::TileState state = ch07::empty_tile_state(rows, hv);
    for (std::size_t k0 = 0; k0 < T_k; k0 += block) {
        const std::size_t k1 = std::min(k0 + block, T_k);
        ch07::tile_update(state, block_of(scores, 0, rows, k0, k1), block_of(values, k0, k1, 0, hv));
        require_invariants(state, scores, values, k1);
    }
    INFO("row 0 saw no key: still m = -inf, l = 0, acc = 0, and no NaN anywhere");
    REQUIRE(state.m(0) == minus_infinity);
    REQUIRE(state.l(0) == 0.0);
    for (std::size_t c = 0; c < hv; ++c) REQUIRE(state.acc(0, c) == 0.0);
}

TEST_CASE("7.3 a new block with a much larger maximum rescales both l and acc", "[ch07][7.3]") {
    const Matrix values_1 = {{1.0, 2.0}}, values_2 = {{-1.0, 0.5}};  // (1, hv) each
    ch07::TileState state = ch07::empty_tile_state(1, 2);
    ch07::tile_update(state, Matrix{{0.0}}, values_1);  // m = 0, l = 1, acc = v1
    ch07::tile_update(state, Matrix{{5.0}}, values_2);  // m = 5: the old part is worth exp(-5)
    const double r = std::exp(-5.0);
    REQUIRE(state.m(0) == 5.0);
    REQUIRE(std::fabs(state.l(0) - (1.0 + r)) < 1e-15);
    INFO("acc must be exp(-5) * v1 + v2: forgetting to rescale acc (or rescaling l alone) gives v1 + v2");
    REQUIRE_THAT(state.acc, Equals(Matrix{{r * 1.0 - 1.0, r * 2.0 + 0.5}}, 1e-15, 0.0));
}

TEST_CASE("7.3 scores of about a thousand (PyTorch's large example) do not overflow", "[ch07][7.3]") {
    const Matrix q = expected().tensor<2>("large/queries"), k = expected().tensor<2>("large/keys");
    const Matrix v = expected().tensor<2>("large/values");
    Matrix scores = xt::zeros<double>({q.shape(0), k.shape(0)});
    for (std::size_t i = 0; i < q.shape(0); ++i)
        for (std::size_t j = 0; j < k.shape(0); ++j) scores(i, j) = score(q, i, k, j);
    const auto block = GENERATE(as<std::size_t>{}, 1, 3, 7);
    CAPTURE(block);
    ch07::TileState state = ch07::empty_tile_state(q.shape(0), v.shape(1));
    for (std::size_t k0 = 0; k0 < k.shape(0); k0 += block) {
        const std::size_t k1 = std::min(k0 + block, k.shape(0));
        ch07::tile_update(state, block_of(scores, 0, q.shape(0), k0, k1), block_of(v, k0, k1, 0, v.shape(1)));
    }
    REQUIRE_THAT(ch07::finish(state), Equals(expected().tensor<2>("large/context"), 1e-12, 0.0));
}

TEST_CASE("7.3 sizes that do not fit throw std::invalid_argument, each alone", "[ch07][7.3]") {
    ch07::TileState state = ch07::empty_tile_state(3, 2);
    const Matrix scores = xt::zeros<double>({3, 4}), values = xt::ones<double>({4, 2});
    SECTION("scores with 2 rows for a state of 3") {
        REQUIRE_THROWS_MATCHES(ch07::tile_update(state, Matrix(xt::zeros<double>({2, 4})), values),
                               std::invalid_argument, Says("tile_update:"));
    }
    SECTION("4 score columns but 5 value rows") {
        REQUIRE_THROWS_MATCHES(ch07::tile_update(state, scores, Matrix(xt::ones<double>({5, 2}))),
                               std::invalid_argument, Says("tile_update:"));
    }
    SECTION("values of 3 columns for acc of 2") {
        REQUIRE_THROWS_MATCHES(ch07::tile_update(state, scores, Matrix(xt::ones<double>({4, 3}))),
                               std::invalid_argument, Says("tile_update:"));
    }
    SECTION("all fitting: no throw") {
        REQUIRE_NOTHROW(ch07::tile_update(state, scores, values));
    }
}
