// Exercise 4.7: multi_head_forward.
#include "ch04/ch04_test.hpp"

using namespace ch04_test;

TEST_CASE("4.7 the efficient version on the batch matches PyTorch", "[ch04][4.7]") {
    const wb::Tensor3 batch = expected().tensor<3>("batch");  // (2, 6, 3)
    INFO("seed 123, d_in 3, d_out 2, two heads (hd 1), output projection with bias: (2, 6, 2)");
    REQUIRE_THAT(ch04::multi_head_forward(batch, stored_mha()), Equals(expected().tensor<3>("mha/context"), 1e-12));
}

TEST_CASE("4.7 with the same weights it equals torch.nn.MultiheadAttention", "[ch04][4.7]") {
    INFO("d_in = d_out = 4, H = 2, Q/K/V biases, a causal attn_mask; PyTorch's own module made these numbers");
    REQUIRE_THAT(ch04::multi_head_forward(expected().tensor<3>("torch_mha/inputs"), stored_torch_mha()),
                 Equals(expected().tensor<3>("torch_mha/context"), 1e-12));
}

TEST_CASE("4.7 on random B, T, H, hd the forward agrees with a plain-loop per-head version", "[ch04][4.7]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 3), T = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t H = wb::ref::random_size(seed, 3, 1, 4), hd = wb::ref::random_size(seed, 4, 1, 4);
    const std::size_t d_in = wb::ref::random_size(seed, 5, 1, 6);
    const bool qkv_bias = seed % 2 == 0, out_proj = seed % 3 != 0;
    CAPTURE(seed, B, T, H, hd, d_in, qkv_bias, out_proj);
    const wb::Tensor3 inputs = random_tensor3(seed, B, T, d_in);  // (B, T, d_in)
    const ch04::MultiHeadWeights weights = random_mha(seed, d_in, H * hd, H, qkv_bias, out_proj);
    REQUIRE_THAT(ch04::multi_head_forward(inputs, weights), Equals(loop_multi_head(inputs, weights), 1e-12));
}

TEST_CASE("4.7 causality: changing a later token leaves every earlier output unchanged", "[ch04][4.7]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 2), T = wb::ref::random_size(seed, 2, 2, 7);
    const std::size_t H = wb::ref::random_size(seed, 3, 1, 3), hd = wb::ref::random_size(seed, 4, 1, 3);
    const std::size_t changed_token = wb::ref::random_size(seed, 5, 1, T - 1);
    CAPTURE(seed, B, T, H, hd, changed_token);
    const wb::Tensor3 inputs = random_tensor3(seed, B, T, 3);  // (B, T, 3)
    const ch04::MultiHeadWeights weights = random_mha(seed, 3, H * hd, H, true, true);
    wb::Tensor3 changed = inputs;
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t k = 0; k < 3; ++k) changed(b, changed_token, k) += 0.5 + static_cast<double>(k);
    const wb::Tensor3 before = ch04::multi_head_forward(inputs, weights);  // (B, T, d_out)
    const wb::Tensor3 after = ch04::multi_head_forward(changed, weights);
    const wb::Tensor3 earlier_before = xt::view(before, xt::all(), xt::range(0, changed_token), xt::all());
    const wb::Tensor3 earlier_after = xt::view(after, xt::all(), xt::range(0, changed_token), xt::all());
    REQUIRE_THAT(earlier_after, Equals(earlier_before, 1e-12));
    const wb::Tensor3 at_before = xt::view(before, xt::all(), xt::range(changed_token, changed_token + 1), xt::all());
    const wb::Tensor3 at_after = xt::view(after, xt::all(), xt::range(changed_token, changed_token + 1), xt::all());
    INFO("the changed token's own output must change: it attends to itself");
    REQUIRE_THAT(at_after, !Equals(at_before, 1e-9, 0.0));
}

TEST_CASE("4.7 heads that do not divide d_out throw std::invalid_argument", "[ch04][4.7]") {
    ch04::MultiHeadWeights weights = random_mha(1, 3, 6, 4, false, true);  // 4 heads for d_out 6
    REQUIRE_THROWS_MATCHES(ch04::multi_head_forward(random_tensor3(1, 1, 2, 3), weights), std::invalid_argument,
                           Says("multi_head_forward:"));
}

TEST_CASE("4.7 an input width that is not d_in throws std::invalid_argument", "[ch04][4.7]") {
    const bool out_proj = GENERATE(false, true);
    CAPTURE(out_proj);
    ch04::MultiHeadWeights weights = random_mha(2, 3, 4, 2, true, out_proj);  // d_in 3, d_out 4, 2 heads
    REQUIRE_THROWS_MATCHES(ch04::multi_head_forward(random_tensor3(3, 1, 2, 5), weights), std::invalid_argument,
                           Says("multi_head_forward:", "d_in"));
    REQUIRE_THROWS_MATCHES(ch04::multi_head_forward(random_tensor3(4, 2, 3, 2), weights), std::invalid_argument,
                           Says("multi_head_forward:", "d_in"));
}

TEST_CASE("4.7 num_heads = 0 throws std::invalid_argument, not a division by zero", "[ch04][4.7]") {
    ch04::MultiHeadWeights weights = random_mha(1, 3, 6, 2, false, true);
    weights.num_heads = 0;
    REQUIRE_THROWS_MATCHES(ch04::multi_head_forward(random_tensor3(1, 1, 2, 3), weights), std::invalid_argument,
                           Says("multi_head_forward:"));
}

TEST_CASE("4.7 edge sizes: one token, one head, an empty batch", "[ch04][4.7]") {
    SECTION("T = 1: the only token attends to itself, so the context is its value, projected") {
        const ch04::MultiHeadWeights weights = random_mha(5, 3, 4, 2, true, false);
        const wb::Tensor3 x = random_tensor3(6, 2, 1, 3);
        REQUIRE_THAT(ch04::multi_head_forward(x, weights), Equals(ch04::apply_linear(x, weights.value), 1e-12));
    }
    SECTION("H = d_out: heads of size 1") {
        const ch04::MultiHeadWeights weights = random_mha(7, 3, 4, 4, false, true);
        const wb::Tensor3 x = random_tensor3(8, 2, 3, 3);
        REQUIRE_THAT(ch04::multi_head_forward(x, weights), Equals(loop_multi_head(x, weights), 1e-12));
    }
    SECTION("B = 0: an empty batch gives an empty (0, T, d_out) context") {
        const ch04::MultiHeadWeights weights = random_mha(9, 3, 4, 2, false, true);
        const wb::Tensor3 out = ch04::multi_head_forward(wb::Tensor3(xt::zeros<double>({0, 3, 3})), weights);
        REQUIRE(wb::shape_of(out) == "(0, 3, 4)");
    }
}
