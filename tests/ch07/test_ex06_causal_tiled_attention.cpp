// Exercise 7.6: causal_tiled_attention.
#include "ch07/ch07_test.hpp"

#include <xtensor/xadapt.hpp>

using namespace ch07_test;

TEST_CASE("7.6 the example's causal heads match PyTorch for every pair of block sizes", "[ch07][7.6]") {
    const auto h = GENERATE(as<std::size_t>{}, 0, 1);
    const Head head = stored_head(h);
    const Matrix want = expected().tensor<2>("example/head" + std::to_string(h) + "/causal_context");  // (T, hd)
    for (std::size_t bq = 1; bq <= 7; ++bq)
        for (std::size_t bk = 1; bk <= 7; ++bk) {
            CAPTURE(h, bq, bk);
            REQUIRE_THAT(ch07::causal_tiled_attention(head.queries, head.keys, head.values, {bq, bk}),
                         Equals(want, 1e-12, 0.0));
        }
}

TEST_CASE("7.6 large scores, and padding with queries at the last 7 of 9 positions (row 0 sees no key), match PyTorch",
          "[ch07][7.6]") {
    const auto bq = GENERATE(as<std::size_t>{}, 1, 2, 3, 7);
    const auto bk = GENERATE(as<std::size_t>{}, 1, 4, 9);
    CAPTURE(bq, bk);
    SECTION("large scores") {
        REQUIRE_THAT(ch07::causal_tiled_attention(expected().tensor<2>("large/queries"),
                                                  expected().tensor<2>("large/keys"),
                                                  expected().tensor<2>("large/values"), {bq, bk}),
                     Equals(expected().tensor<2>("large/causal_context"), 1e-12, 0.0));
    }
    SECTION("padding, offset 2, a fully masked row") {
        const Matrix got = ch07::causal_tiled_attention(
            expected().tensor<2>("padding/queries"), expected().tensor<2>("padding/keys"),
            expected().tensor<2>("padding/values"), {bq, bk}, stored_padding("padding/key_padding"));
        INFO("query 0 sits at position 2 and keys 0..2 are padding: its context is 0, not NaN");
        REQUIRE_THAT(got, Equals(expected().tensor<2>("padding/causal_context"), 1e-12, 0.0));
    }
}

TEST_CASE("7.6 on random shapes (T_q <= T_k), block sizes and padding, equal to the naive causal attention",
          "[ch07][7.6]") {
    const auto seed = GENERATE(range(1, 31));
    const std::size_t T_k = wb::ref::random_size(seed, 1, 1, 24), T_q = wb::ref::random_size(seed, 2, 1, T_k);
    const std::size_t hd = wb::ref::random_size(seed, 3, 1, 8), hv = wb::ref::random_size(seed, 4, 1, 5);
    const std::size_t bq = wb::ref::random_size(seed, 5, 1, T_q + 2), bk = wb::ref::random_size(seed, 6, 1, T_k + 2);
    CAPTURE(seed, T_q, T_k, hd, hv, bq, bk);
    const Matrix q = wb::ref::random_matrix(seed, T_q, hd, -2.0, 2.0),
                 k = wb::ref::random_matrix(seed + 1, T_k, hd, -2.0, 2.0);
    const Matrix v = wb::ref::random_matrix(seed + 2, T_k, hv);
    SECTION("no padding") {
        REQUIRE_THAT(ch07::causal_tiled_attention(q, k, v, {bq, bk}),
                     Equals(loop_attention(q, k, v, true), 1e-12, 0.0));
    }
    SECTION("random padding") {
        const std::vector<bool> padding = random_padding(seed, T_k);
        REQUIRE_THAT(ch07::causal_tiled_attention(q, k, v, {bq, bk}, padding),
                     Equals(loop_attention(q, k, v, true, padding), 1e-12, 0.0));
    }
    SECTION("T_q = T_k, blocks of 1 and of the whole length") {
        const Matrix square = wb::ref::random_matrix(seed + 3, T_k, hd, -2.0, 2.0);
        const Matrix want = loop_attention(square, k, v, true);
        REQUIRE_THAT(ch07::causal_tiled_attention(square, k, v, {1, 1}), Equals(want, 1e-12, 0.0));
        REQUIRE_THAT(ch07::causal_tiled_attention(square, k, v, {T_k, T_k}), Equals(want, 1e-12, 0.0));
    }
}

TEST_CASE("7.6 the tiles of each kind and the dot products are counted, tiles in the future are never touched",
          "[ch07][7.6]") {
    SECTION("the example, blocks of 2: 3 skipped, 3 full, 3 masked, 24 of 36 dot products") {
        const Head head = stored_head(0);
        ch07::TileCounts counts;
        ch07::causal_tiled_attention(head.queries, head.keys, head.values, {2, 2}, {}, &counts);
        REQUIRE(counts.skipped == 3);
        REQUIRE(counts.full == 3);
        REQUIRE(counts.masked == 3);
        REQUIRE(counts.score_dots == 24);
    }
    SECTION("random sizes: the counts a brute-force classification gives") {
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            const std::size_t T_k = wb::ref::random_size(seed, 1, 1, 30), T_q = wb::ref::random_size(seed, 2, 1, T_k);
            const std::size_t bq = wb::ref::random_size(seed, 3, 1, 9), bk = wb::ref::random_size(seed, 4, 1, 9);
            CAPTURE(seed, T_q, T_k, bq, bk);
            ch07::TileCounts want;
            for (std::size_t q0 = 0; q0 < T_q; q0 += bq)
                for (std::size_t k0 = 0; k0 < T_k; k0 += bk) {
                    const std::size_t q1 = std::min(q0 + bq, T_q), k1 = std::min(k0 + bk, T_k);
                    std::size_t seen = 0;
                    for (std::size_t i = q0; i < q1; ++i)
                        for (std::size_t j = k0; j < k1; ++j) seen += j <= T_k - T_q + i;
                    if (seen == 0) {
                        ++want.skipped;
                        continue;
                    }
                    ++(seen == (q1 - q0) * (k1 - k0) ? want.full : want.masked);
                    want.score_dots += (q1 - q0) * (k1 - k0);
                }
            ch07::TileCounts got;
            const Matrix q = wb::ref::random_matrix(seed, T_q, 2), k = wb::ref::random_matrix(seed + 1, T_k, 2);
            ch07::causal_tiled_attention(q, k, k, {bq, bk}, {}, &got);
            REQUIRE(got.skipped == want.skipped);
            REQUIRE(got.full == want.full);
            REQUIRE(got.masked == want.masked);
            REQUIRE(got.score_dots == want.score_dots);
        }
    }
    SECTION("NaN keys and values in the last key block leave every earlier query block exact") {
        const std::size_t T = 12, b = 4;
        const Matrix q = wb::ref::random_matrix(8, T, 3), k = wb::ref::random_matrix(9, T, 3);
        const Matrix v = wb::ref::random_matrix(10, T, 2);
        const Matrix want = loop_attention(q, k, v, true);
        Matrix k_nan = k, v_nan = v;
        for (std::size_t j = T - b; j < T; ++j) {
            for (std::size_t c = 0; c < 3; ++c) k_nan(j, c) = std::nan("");
            for (std::size_t c = 0; c < 2; ++c) v_nan(j, c) = std::nan("");
        }
        INFO("a tile wholly in the future must be skipped, not computed and masked (0 * NaN is NaN)");
        const Matrix got = ch07::causal_tiled_attention(q, k_nan, v_nan, {b, b});
        REQUIRE_THAT(block_of(got, 0, T - b, 0, 2), Equals(block_of(want, 0, T - b, 0, 2), 1e-12, 0.0));
    }
}

TEST_CASE("7.6 bad sizes throw std::invalid_argument, each with the others right", "[ch07][7.6]") {
    const Matrix q = xt::ones<double>({3, 2}), k = xt::ones<double>({4, 2}), v = xt::ones<double>({4, 5});
    SECTION("block_q 0") {
        REQUIRE_THROWS_MATCHES(ch07::causal_tiled_attention(q, k, v, {0, 2}), std::invalid_argument,
                               Says("causal_tiled_attention:"));
    }
    SECTION("block_k 0") {
        REQUIRE_THROWS_MATCHES(ch07::causal_tiled_attention(q, k, v, {2, 0}), std::invalid_argument,
                               Says("causal_tiled_attention:"));
    }
    SECTION("no queries") {
        REQUIRE_THROWS_MATCHES(ch07::causal_tiled_attention(Matrix(xt::ones<double>({0, 2})), k, v, {2, 2}),
                               std::invalid_argument, Says("causal_tiled_attention:"));
    }
    SECTION("5 queries for 4 keys") {
        REQUIRE_THROWS_MATCHES(ch07::causal_tiled_attention(Matrix(xt::ones<double>({5, 2})), k, v, {2, 2}),
                               std::invalid_argument, Says("causal_tiled_attention:"));
    }
    SECTION("keys of hd 3") {
        REQUIRE_THROWS_MATCHES(ch07::causal_tiled_attention(q, Matrix(xt::ones<double>({4, 3})), v, {2, 2}),
                               std::invalid_argument, Says("causal_tiled_attention:"));
    }
    SECTION("5 values for 4 keys") {
        REQUIRE_THROWS_MATCHES(ch07::causal_tiled_attention(q, k, Matrix(xt::ones<double>({5, 5})), {2, 2}),
                               std::invalid_argument, Says("causal_tiled_attention:"));
    }
    SECTION("key_padding of 5 entries for 4 keys") {
        REQUIRE_THROWS_MATCHES(ch07::causal_tiled_attention(q, k, v, {2, 2}, std::vector<bool>(5, false)),
                               std::invalid_argument, Says("causal_tiled_attention:"));
    }
    SECTION("all right, 4 queries for 4 keys: no throw") {
        REQUIRE_NOTHROW(ch07::causal_tiled_attention(Matrix(xt::ones<double>({4, 2})), k, v, {2, 2}));
    }
}

TEST_CASE("7.6 the float32 path (given, on sgemm) agrees with your causal tiled attention", "[ch07][7.6]") {
    // Heads of 32 and key blocks of 40: the given kernel's 16-wide strips, its single columns after
    // them (40 = 2 x 16 + 8) and its row groups of 6 with the rest (blocks of 6 queries) all run.
    const std::size_t d = 64, H = 2, hd = d / H;
    const ch07::FastWeights fw = ch07::random_fast_weights(d, H, 5);
    const auto T = GENERATE(as<std::size_t>{}, 1, 7, 33, 70);  // threads from 64 tokens on
    const auto threads = GENERATE(as<std::size_t>{}, 1, 2);
    CAPTURE(T, threads);
    const Matrix x = wb::ref::random_matrix(T + 40, T, d);  // (T, d)
    std::vector<float> xf(x.begin(), x.end()), out(T * d), naive(T * d);
    ch07::fast_causal_attention(xf.data(), T, fw, out.data(), {6, 40, threads});
    ch07::naive_causal_attention_f32(xf.data(), T, fw, naive.data());
    // The same layer in double precision, heads through your causal_tiled_attention.
    Matrix qkv = xt::zeros<double>({T, 3 * d}), merged = xt::zeros<double>({T, d}), want = xt::zeros<double>({T, d});
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t o = 0; o < 3 * d; ++o) {
            double s = fw.b_qkv[o];
            for (std::size_t c = 0; c < d; ++c) s += static_cast<double>(fw.w_qkv[o * d + c]) * x(t, c);
            qkv(t, o) = s;
        }
    for (std::size_t h = 0; h < H; ++h) {
        const Matrix context = ch07::causal_tiled_attention(columns_of(qkv, h, hd), columns_of(qkv, H + h, hd),
                                                            columns_of(qkv, 2 * H + h, hd), {3, 5});
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t c = 0; c < hd; ++c) merged(t, h * hd + c) = context(t, c);
    }
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t o = 0; o < d; ++o) {
            double s = fw.b_out[o];
            for (std::size_t c = 0; c < d; ++c) s += static_cast<double>(fw.w_out[o * d + c]) * merged(t, c);
            want(t, o) = s;
        }
    const Matrix fast = xt::adapt(out, {T, d}), slow = xt::adapt(naive, {T, d});
    REQUIRE_THAT(fast, Equals(want, 1e-5, 0.0));
    REQUIRE_THAT(slow, Equals(want, 1e-5, 0.0));
}
