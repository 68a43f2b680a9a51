// Exercise 4.1: wrapper_forward.
#include "ch04/ch04_test.hpp"

using namespace ch04_test;

TEST_CASE("4.1 the two-head wrapper on the batch matches PyTorch", "[ch04][4.1]") {
    const wb::Tensor3 batch = expected().tensor<3>("batch");  // (2, 6, 3)
    const wb::Tensor3 context = ch04::wrapper_forward(batch, stored_heads("wrapper", 2));
    INFO("two heads of 2 columns each: (B, T, H*hd) = (2, 6, 4)");
    REQUIRE_THAT(context, Equals(expected().tensor<3>("wrapper/context"), 1e-12));
    for (std::size_t h = 0; h < 2; ++h) {
        CAPTURE(h);
        const wb::Tensor3 columns = xt::view(context, xt::all(), xt::all(), xt::range(2 * h, 2 * h + 2));
        REQUIRE_THAT(columns, Equals(expected().tensor<3>("wrapper/head" + std::to_string(h) + "/context"), 1e-12));
    }
}

TEST_CASE("4.1 on random inputs the wrapper is its heads side by side, head 0 first", "[ch04][4.1]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 3), T = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t H = wb::ref::random_size(seed, 3, 1, 4), hd = wb::ref::random_size(seed, 4, 1, 3);
    const std::size_t d_in = wb::ref::random_size(seed, 5, 1, 5);
    CAPTURE(seed, B, T, H, hd, d_in);
    const wb::Tensor3 inputs = random_tensor3(seed, B, T, d_in);  // (B, T, d_in)
    const std::vector<ch04::CausalHead> heads = random_heads(seed, H, d_in, hd);
    const wb::Tensor3 context = ch04::wrapper_forward(inputs, heads);  // (B, T, H*hd)

    SECTION("agrees with a plain-loop multi-head attention given the stacked weights") {
        REQUIRE_THAT(context, Equals(loop_multi_head(inputs, stacked_for_oracle(heads)), 1e-12));
    }
    SECTION("columns h*hd .. h*hd+hd-1 are head h's own output") {
        for (std::size_t h = 0; h < H; ++h) {
            CAPTURE(h);
            const wb::Tensor3 head_h = ch04::causal_head_forward(inputs, heads[h]);  // (B, T, hd)
            const wb::Tensor3 columns = xt::view(context, xt::all(), xt::all(), xt::range(h * hd, (h + 1) * hd));
            REQUIRE_THAT(columns, Equals(head_h, 1e-12));
        }
    }
}

TEST_CASE("4.1 no heads or heads of different sizes throw std::invalid_argument", "[ch04][4.1]") {
    const wb::Tensor3 inputs = random_tensor3(3, 1, 4, 3);  // (1, 4, 3)
    REQUIRE_THROWS_MATCHES(ch04::wrapper_forward(inputs, {}), std::invalid_argument, Says("wrapper_forward:"));
    std::vector<ch04::CausalHead> heads = random_heads(4, 2, 3, 2);
    heads[1] = random_heads(5, 1, 3, 3)[0];  // head 1 has 3 columns, head 0 has 2
    REQUIRE_THROWS_MATCHES(ch04::wrapper_forward(inputs, heads), std::invalid_argument, Says("wrapper_forward:"));
}
