// Exercise 7.7: kv_cache_step.
#include "ch07/ch07_test.hpp"

using namespace ch07_test;

namespace {
// Feeds every row of `inputs` through kv_cache_step with a cache of `capacity`; returns the outputs.
Matrix steps(const Matrix& inputs, const ch07::MultiHeadWeights& w, std::size_t capacity,
             ch07::KVCache* kept = nullptr) {
    ch07::KVCache cache = ch07::make_cache(w, capacity);
    Matrix out = xt::zeros<double>({inputs.shape(0), w.query.weight.shape(0)});
    for (std::size_t t = 0; t < inputs.shape(0); ++t) {
        const Vector y = ch07::kv_cache_step(cache, row_of(inputs, t), w);
        REQUIRE(y.size() == out.shape(1));
        REQUIRE(cache.length == t + 1);
        for (std::size_t c = 0; c < y.size(); ++c) out(t, c) = y(c);
    }
    if (kept) *kept = cache;
    return out;
}
}  // namespace

TEST_CASE("7.7 every step equals PyTorch's full recomputation of its prefix", "[ch07][7.7]") {
    SECTION("the example: H = 2, H_kv = 2") {
        REQUIRE_THAT(steps(expected().tensor<2>("example/inputs"), stored_weights("example", 2, 2), 6),
                     Equals(expected().tensor<2>("example/decoded"), 1e-12, 0.0));
    }
    SECTION("grouped-query: H = 2 sharing H_kv = 1") {
        REQUIRE_THAT(steps(expected().tensor<2>("example/inputs"), stored_weights("gqa", 2, 1), 6),
                     Equals(expected().tensor<2>("gqa/output"), 1e-12, 0.0));
    }
    SECTION("grouped-query: H = 4, H_kv = 2, nine tokens") {
        REQUIRE_THAT(steps(expected().tensor<2>("gqa4/inputs"), stored_weights("gqa4", 4, 2), 9),
                     Equals(expected().tensor<2>("gqa4/decoded"), 1e-12, 0.0));
    }
    SECTION("nn.MultiheadAttention with Q/K/V biases and a causal attn_mask") {
        REQUIRE_THAT(steps(expected().tensor<2>("torch_mha/inputs"), stored_torch_mha(), 5),
                     Equals(expected().tensor<2>("torch_mha/output"), 1e-12, 0.0));
    }
}

TEST_CASE("7.7 the cache holds each token's key and value in its row, and nothing beyond length", "[ch07][7.7]") {
    const ch07::MultiHeadWeights w = stored_weights("gqa4", 4, 2);
    const Matrix x = expected().tensor<2>("gqa4/inputs");  // (9, 5)
    ch07::KVCache cache;
    steps(x, w, 12, &cache);
    REQUIRE(cache.length == 9);
    const Matrix keys = loop_linear(x, w.key), values = loop_linear(x, w.value);  // (9, H_kv*hd)
    for (std::size_t g = 0; g < 2; ++g)
        for (std::size_t t = 0; t < 12; ++t)
            for (std::size_t c = 0; c < 2; ++c) {
                CAPTURE(g, t, c);
                REQUIRE(std::fabs(cache.keys(g, t, c) - (t < 9 ? keys(t, g * 2 + c) : 0.0)) < 1e-12);
                REQUIRE(std::fabs(cache.values(g, t, c) - (t < 9 ? values(t, g * 2 + c) : 0.0)) < 1e-12);
            }
}

TEST_CASE("7.7 rows beyond the cache's length are never read: garbage there changes nothing", "[ch07][7.7]") {
    const ch07::MultiHeadWeights w = stored_weights("example", 2, 2);
    const Matrix x = expected().tensor<2>("example/inputs");
    const Matrix want = expected().tensor<2>("example/decoded");
    ch07::KVCache cache = ch07::make_cache(w, 10);
    cache.keys.fill(1e3);  // keys of 1000 would win every softmax if they were read
    cache.values.fill(-7.0);
    for (std::size_t t = 0; t < 6; ++t) {
        CAPTURE(t);
        INFO("step t attends over cached tokens 0..t: t + 1 of them, not one more");
        REQUIRE_THAT(ch07::kv_cache_step(cache, row_of(x, t), w), Equals(row_of(want, t), 1e-12, 0.0));
    }
}

TEST_CASE("7.7 on random sizes and groupings, every step equals a plain-loop recomputation", "[ch07][7.7]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t H_kv = wb::ref::random_size(seed, 1, 1, 3), group = wb::ref::random_size(seed, 2, 1, 3);
    const std::size_t hd = wb::ref::random_size(seed, 3, 1, 4), d_in = wb::ref::random_size(seed, 4, 1, 6);
    const std::size_t T = wb::ref::random_size(seed, 5, 1, 9), extra = wb::ref::random_size(seed, 6, 0, 3);
    CAPTURE(seed, H_kv, group, hd, d_in, T, extra);
    const ch07::MultiHeadWeights w = random_weights(seed, d_in, H_kv * group, H_kv, hd, seed % 2 == 0);
    const Matrix x = wb::ref::random_matrix(seed + 77, T, d_in);
    REQUIRE_THAT(steps(x, w, T + extra), Equals(loop_multi_head(x, w), 1e-12, 0.0));
}

TEST_CASE("7.7 a full cache throws std::length_error, a wrong width or a cache of other heads std::invalid_argument",
          "[ch07][7.7]") {
    const ch07::MultiHeadWeights w = stored_weights("gqa4", 4, 2);  // d_in 5, H_kv 2, hd 2
    const Vector x = row_of(expected().tensor<2>("gqa4/inputs"), 0);
    SECTION("capacity 1: the first step works, the second finds the cache full") {
        ch07::KVCache cache = ch07::make_cache(w, 1);
        REQUIRE_NOTHROW(ch07::kv_cache_step(cache, x, w));
        REQUIRE_THROWS_MATCHES(ch07::kv_cache_step(cache, x, w), std::length_error, Says("kv_cache_step:"));
    }
    SECTION("capacity 0") {
        ch07::KVCache cache = ch07::make_cache(w, 0);
        REQUIRE_THROWS_MATCHES(ch07::kv_cache_step(cache, x, w), std::length_error, Says("kv_cache_step:"));
    }
    SECTION("a token of 4 numbers for d_in 5") {
        ch07::KVCache cache = ch07::make_cache(w, 3);
        REQUIRE_THROWS_MATCHES(ch07::kv_cache_step(cache, Vector{1.0, 2.0, 3.0, 4.0}, w), std::invalid_argument,
                               Says("kv_cache_step:"));
    }
    SECTION("a cache of 4 key/value heads for weights with 2") {
        ch07::KVCache cache = ch07::make_cache(w, 3);
        cache.keys = xt::zeros<double>({4, 3, 2});
        cache.values = xt::zeros<double>({4, 3, 2});
        REQUIRE_THROWS_MATCHES(ch07::kv_cache_step(cache, x, w), std::invalid_argument, Says("kv_cache_step:"));
    }
    SECTION("a cache of hd 3 for weights with hd 2") {
        ch07::KVCache cache = ch07::make_cache(w, 3);
        cache.keys = xt::zeros<double>({2, 3, 3});
        cache.values = xt::zeros<double>({2, 3, 3});
        REQUIRE_THROWS_MATCHES(ch07::kv_cache_step(cache, x, w), std::invalid_argument, Says("kv_cache_step:"));
    }
}
