// Exercise 4.8: weights_from_wrapper.
#include "ch04/ch04_test.hpp"

using namespace ch04_test;

TEST_CASE("4.8 the wrapper's weights stacked for the efficient version match PyTorch's arrangement", "[ch04][4.8]") {
    const ch04::MultiHeadWeights w = ch04::weights_from_wrapper(stored_heads("wrapper", 2));
    REQUIRE(w.num_heads == 2);
    REQUIRE_FALSE(w.out_proj.has_value());
    INFO("torch.cat([head.W_query.weight for head in wrapper.heads], dim=0): head 0 on top");
    REQUIRE_THAT(w.query.weight, Equals(expected().tensor<2>("arranged/W_query"), 0.0, 0.0));
    REQUIRE_THAT(w.key.weight, Equals(expected().tensor<2>("arranged/W_key"), 0.0, 0.0));
    REQUIRE_THAT(w.value.weight, Equals(expected().tensor<2>("arranged/W_value"), 0.0, 0.0));
}

TEST_CASE("4.8 with the arranged weights the efficient version returns the wrapper's output", "[ch04][4.8]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 3), T = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t H = wb::ref::random_size(seed, 3, 1, 4), hd = wb::ref::random_size(seed, 4, 1, 3);
    const std::size_t d_in = wb::ref::random_size(seed, 5, 1, 5);
    CAPTURE(seed, B, T, H, hd, d_in);
    std::vector<ch04::CausalHead> heads = random_heads(seed, H, d_in, hd);
    const bool bias = seed % 2 == 0;
    if (bias)
        for (std::size_t h = 0; h < H; ++h) {
            heads[h].query.bias = wb::ref::random_vector(seed * 7 + h, hd);
            heads[h].key.bias = wb::ref::random_vector(seed * 11 + h, hd);
            heads[h].value.bias = wb::ref::random_vector(seed * 13 + h, hd);
        }
    CAPTURE(bias);
    const ch04::MultiHeadWeights w = ch04::weights_from_wrapper(heads);
    REQUIRE(w.num_heads == H);
    REQUIRE_FALSE(w.out_proj.has_value());
    REQUIRE(w.query.bias.size() == (bias ? H * hd : 0));
    // Checked with the plain-loop oracle and the given heads, so no other exercise is needed.
    const wb::Tensor3 inputs = random_tensor3(seed, B, T, d_in);  // (B, T, d_in)
    const wb::Tensor3 oracle = loop_multi_head(inputs, w);        // (B, T, H*hd)
    for (std::size_t h = 0; h < H; ++h) {
        CAPTURE(h);
        const wb::Tensor3 head_h = ch04::causal_head_forward(inputs, heads[h]);  // (B, T, hd)
        const wb::Tensor3 columns = xt::view(oracle, xt::all(), xt::all(), xt::range(h * hd, (h + 1) * hd));
        REQUIRE_THAT(columns, Equals(head_h, 1e-12));
    }
}

TEST_CASE("4.8 no heads or heads of different sizes throw std::invalid_argument", "[ch04][4.8]") {
    REQUIRE_THROWS_MATCHES(ch04::weights_from_wrapper({}), std::invalid_argument, Says("weights_from_wrapper:"));
    std::vector<ch04::CausalHead> heads = random_heads(4, 2, 3, 2);
    heads[1] = random_heads(5, 1, 3, 1)[0];
    REQUIRE_THROWS_MATCHES(ch04::weights_from_wrapper(heads), std::invalid_argument, Says("weights_from_wrapper:"));
}

TEST_CASE("4.8 each way a head can differ from head 0 throws on its own", "[ch04][4.8]") {
    const std::vector<ch04::CausalHead> good = random_heads(6, 3, 3, 2);  // 3 heads, d_in 3, hd 2
    REQUIRE_NOTHROW(ch04::weights_from_wrapper(good));
    std::vector<ch04::CausalHead> heads = good;
    SECTION("head 2's key has a different hd") {
        heads[2].key = random_linear(7, 3, 3, false);
        REQUIRE_THROWS_MATCHES(ch04::weights_from_wrapper(heads), std::invalid_argument, Says("weights_from_wrapper:"));
    }
    SECTION("head 1's value reads a different d_in") {
        heads[1].value = random_linear(7, 4, 2, false);
        REQUIRE_THROWS_MATCHES(ch04::weights_from_wrapper(heads), std::invalid_argument, Says("weights_from_wrapper:"));
    }
    SECTION("head 1's query has a bias, head 0's has none") {
        heads[1].query = random_linear(7, 3, 2, true);
        REQUIRE_THROWS_MATCHES(ch04::weights_from_wrapper(heads), std::invalid_argument, Says("weights_from_wrapper:"));
    }
    SECTION("head 0's query has a bias, head 1's has none") {
        heads[0].query = random_linear(7, 3, 2, true);
        REQUIRE_THROWS_MATCHES(ch04::weights_from_wrapper(heads), std::invalid_argument, Says("weights_from_wrapper:"));
    }
}
