// Exercise 7.8: decode_incrementally.
#include "ch07/ch07_test.hpp"

using namespace ch07_test;

TEST_CASE("7.8 decoding the example token by token gives PyTorch's causal multi-head attention", "[ch07][7.8]") {
    const Matrix x = expected().tensor<2>("example/inputs");
    SECTION("all at once (the module's forward)") {
        REQUIRE_THAT(ch07::decode_incrementally(x, stored_weights("example", 2, 2)),
                     Equals(expected().tensor<2>("example/output"), 1e-12, 0.0));
    }
    SECTION("prefix by prefix (row t recomputed from tokens 0..t)") {
        REQUIRE_THAT(ch07::decode_incrementally(x, stored_weights("example", 2, 2)),
                     Equals(expected().tensor<2>("example/decoded"), 1e-12, 0.0));
    }
    SECTION("grouped-query, H = 4, H_kv = 2") {
        REQUIRE_THAT(ch07::decode_incrementally(expected().tensor<2>("gqa4/inputs"), stored_weights("gqa4", 4, 2)),
                     Equals(expected().tensor<2>("gqa4/output"), 1e-12, 0.0));
    }
    SECTION("nn.MultiheadAttention, causal attn_mask, Q/K/V biases") {
        REQUIRE_THAT(ch07::decode_incrementally(expected().tensor<2>("torch_mha/inputs"), stored_torch_mha()),
                     Equals(expected().tensor<2>("torch_mha/output"), 1e-12, 0.0));
    }
}

TEST_CASE("7.8 on random sizes, incremental decoding equals recomputation at every row", "[ch07][7.8]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t H_kv = wb::ref::random_size(seed, 11, 1, 3), group = wb::ref::random_size(seed, 12, 1, 3);
    const std::size_t hd = wb::ref::random_size(seed, 13, 1, 4), d_in = wb::ref::random_size(seed, 14, 1, 6);
    const std::size_t T = wb::ref::random_size(seed, 15, 1, 10);
    CAPTURE(seed, H_kv, group, hd, d_in, T);
    const ch07::MultiHeadWeights w = random_weights(seed, d_in, H_kv * group, H_kv, hd, seed % 3 == 0);
    const Matrix x = wb::ref::random_matrix(seed + 5, T, d_in);
    const Matrix got = ch07::decode_incrementally(x, w);
    REQUIRE_THAT(got, Equals(loop_multi_head(x, w), 1e-12, 0.0));
    SECTION("row t depends on tokens 0..t only: changing the last token changes the last row alone") {
        Matrix changed = x;
        for (std::size_t c = 0; c < d_in; ++c) changed(T - 1, c) += 1.0;
        const Matrix again = ch07::decode_incrementally(changed, w);
        REQUIRE_THAT(block_of(again, 0, T - 1, 0, again.shape(1)),
                     Equals(block_of(got, 0, T - 1, 0, got.shape(1)), 0.0, 0.0));
    }
}

TEST_CASE("7.8 one token: its own value through out_proj, no tokens, or the wrong width, throw", "[ch07][7.8]") {
    const ch07::MultiHeadWeights w = stored_weights("example", 2, 2);
    SECTION("T = 1") {
        const Matrix x = {{0.43, 0.15, 0.89}};
        REQUIRE_THAT(ch07::decode_incrementally(x, w), Equals(loop_multi_head(x, w), 1e-12, 0.0));
    }
    SECTION("T = 0") {
        REQUIRE_THROWS_MATCHES(ch07::decode_incrementally(Matrix(xt::zeros<double>({0, 3})), w), std::invalid_argument,
                               Says("decode_incrementally:"));
    }
    SECTION("tokens of 2 numbers for d_in 3") {
        REQUIRE_THROWS_MATCHES(ch07::decode_incrementally(Matrix(xt::zeros<double>({4, 2})), w), std::invalid_argument,
                               Says("kv_cache_step:"));
    }
}
