// Exercise 7.2: merge_states.
#include "ch07/ch07_test.hpp"

using namespace ch07_test;

namespace {
void require_same_state(const ch07::PartialState& got, const ch07::PartialState& want) {
    REQUIRE(got.m == want.m);
    REQUIRE(std::fabs(got.l - want.l) <= 1e-12 * std::max(1.0, want.l));
    REQUIRE_THAT(got.acc, Equals(want.acc, 1e-12, 1e-12));
}
}  // namespace

TEST_CASE("7.2 the example's two parts of the keys merge into PyTorch's state over all of them", "[ch07][7.2]") {
    // PyTorch's state of every query over all six keys: the last entry of the prefix states.
    const auto h = GENERATE(as<std::size_t>{}, 0, 1);
    const std::string p = "example/head" + std::to_string(h) + "/states_b1/";
    const Matrix m = expected().tensor<2>(p + "m");           // (6 prefixes, T)
    const Matrix l = expected().tensor<2>(p + "l");           // (6, T)
    const wb::Tensor3 acc = expected().tensor<3>(p + "acc");  // (6, T, hd)
    const Head head = stored_head(h);
    const Matrix scores = expected().tensor<2>("example/head" + std::to_string(h) + "/scores");  // (T, T)
    for (std::size_t i = 0; i < 6; ++i)
        for (std::size_t cut = 0; cut <= 6; ++cut) {
            CAPTURE(h, i, cut);
            std::vector<std::size_t> left, right;
            for (std::size_t j = 0; j < 6; ++j) (j < cut ? left : right).push_back(j);
            const ch07::PartialState merged =
                ch07::merge_states(loop_state(scores, i, head.values, left), loop_state(scores, i, head.values, right));
            REQUIRE(std::fabs(merged.m - m(5, i)) < 1e-15);
            REQUIRE(std::fabs(merged.l - l(5, i)) < 1e-12);
            REQUIRE_THAT(merged.acc, Equals(Vector{acc(5, i, 0), acc(5, i, 1)}, 1e-12, 0.0));
        }
}

TEST_CASE("7.2 on random disjoint key sets with far-apart maxima, merging equals the state of the union",
          "[ch07][7.2]") {
    const auto seed = GENERATE(range(1, 26));
    const std::size_t n = wb::ref::random_size(seed, 1, 2, 24), hv = wb::ref::random_size(seed, 2, 1, 6);
    CAPTURE(seed, n, hv);
    Matrix scores = wb::ref::random_matrix(seed, 1, n, -30.0, 30.0);  // (1, n)
    const Matrix values = wb::ref::random_matrix(seed + 7, n, hv);    // (n, hv)
    const Vector side = wb::ref::random_vector(seed + 3, n, 0.0, 1.0);
    std::vector<std::size_t> a, b;
    for (std::size_t j = 0; j < n; ++j) (side(j) < 0.5 ? a : b).push_back(j);
    for (std::size_t j : b) scores(0, j) += (seed % 2 ? 200.0 : -200.0);  // one side far above the other
    const ch07::PartialState sa = loop_state(scores, 0, values, a), sb = loop_state(scores, 0, values, b);
    const ch07::PartialState want = loop_state(scores, 0, values, first_keys(n));
    SECTION("a then b") {
        require_same_state(ch07::merge_states(sa, sb), want);
    }
    SECTION("b then a") {
        require_same_state(ch07::merge_states(sb, sa), want);
    }
}

TEST_CASE("7.2 the maximum on either side: the other side is rescaled, l and acc alike", "[ch07][7.2]") {
    const ch07::PartialState low{1.0, 2.0, Vector{4.0, -2.0}}, high{3.0, 1.5, Vector{1.0, 1.0}};
    const double r = std::exp(-2.0);
    for (const auto& [a, b] : {std::pair{low, high}, std::pair{high, low}}) {
        const ch07::PartialState got = ch07::merge_states(a, b);
        REQUIRE(got.m == 3.0);
        REQUIRE(std::fabs(got.l - (1.5 + r * 2.0)) < 1e-15);
        REQUIRE_THAT(got.acc, Equals(Vector{1.0 + r * 4.0, 1.0 - r * 2.0}, 1e-15, 0.0));
    }
}

TEST_CASE("7.2 an empty side leaves the other, two empty sides give an empty state, not NaN", "[ch07][7.2]") {
    const ch07::PartialState empty{minus_infinity, 0.0, Vector{0.0, 0.0, 0.0}};
    const ch07::PartialState some{-2.5, 3.25, Vector{1.0, -2.0, 0.5}};
    SECTION("empty + some") {
        require_same_state(ch07::merge_states(empty, some), some);
    }
    SECTION("some + empty") {
        require_same_state(ch07::merge_states(some, empty), some);
    }
    SECTION("empty + empty") {
        const ch07::PartialState got = ch07::merge_states(empty, empty);
        REQUIRE(got.m == minus_infinity);
        REQUIRE(got.l == 0.0);
        REQUIRE(got.acc.size() == 3);
        for (double a : got.acc) REQUIRE(a == 0.0);
    }
}

TEST_CASE("7.2 acc of different sizes throws std::invalid_argument", "[ch07][7.2]") {
    const ch07::PartialState two{0.0, 1.0, Vector{1.0, 2.0}}, three{0.0, 1.0, Vector{1.0, 2.0, 3.0}};
    REQUIRE_THROWS_MATCHES(ch07::merge_states(two, three), std::invalid_argument, Says("merge_states:"));
    REQUIRE_THROWS_MATCHES(ch07::merge_states(three, two), std::invalid_argument, Says("merge_states:"));
}
