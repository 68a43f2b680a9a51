// Exercise 4.9: multi_head_parameter_count.
#include "ch04/ch04_test.hpp"

using namespace ch04_test;

namespace {
std::size_t stored_count(const std::string& name) {
    return static_cast<std::size_t>(expected().scalar(name));
}
}  // namespace

TEST_CASE("4.9 a GPT-2-small-sized attention has PyTorch's parameter count", "[ch04][4.9]") {
    INFO("d_in = d_out = 768, 12 heads; the context length 1024 only sizes the mask, a buffer");
    SECTION("with Q/K/V biases (as GPT-2 has, and as nn.MultiheadAttention(768, 12) has)") {
        REQUIRE(ch04::multi_head_parameter_count(768, 768, 12, true) == stored_count("counts/gpt2_qkv_bias"));
        REQUIRE(ch04::multi_head_parameter_count(768, 768, 12, true) == stored_count("counts/gpt2_nn_multihead"));
    }
    SECTION("without Q/K/V biases") {
        REQUIRE(ch04::multi_head_parameter_count(768, 768, 12, false) == stored_count("counts/gpt2_no_qkv_bias"));
    }
    SECTION("one head of 768 has as many as twelve of 64") {
        REQUIRE(ch04::multi_head_parameter_count(768, 768, 1, true) == stored_count("counts/gpt2_one_head"));
    }
    SECTION("the chapter's small module: d_in 3, d_out 2, two heads") {
        REQUIRE(ch04::multi_head_parameter_count(3, 2, 2, false) == stored_count("mha/parameter_count"));
    }
}

TEST_CASE("4.9 on random sizes the count is the number of values the weights hold", "[ch04][4.9]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t H = wb::ref::random_size(seed, 1, 1, 6), hd = wb::ref::random_size(seed, 2, 1, 9);
    const std::size_t d_in = wb::ref::random_size(seed, 3, 1, 40);
    const bool qkv_bias = seed % 2 == 1;
    CAPTURE(seed, H, hd, d_in, qkv_bias);
    wb::TorchGenerator gen(seed);
    const ch04::MultiHeadWeights w = ch04::draw_multi_head(gen, d_in, H * hd, H, qkv_bias, true);
    const std::size_t held = w.query.weight.size() + w.query.bias.size() + w.key.weight.size() + w.key.bias.size() +
                             w.value.weight.size() + w.value.bias.size() + w.out_proj->weight.size() +
                             w.out_proj->bias.size();
    REQUIRE(ch04::multi_head_parameter_count(d_in, H * hd, H, qkv_bias) == held);
    INFO("the number of heads only decides how d_out is sliced, not how many weights there are");
    REQUIRE(ch04::multi_head_parameter_count(d_in, H * hd, 1, qkv_bias) == held);
}

TEST_CASE("4.9 heads that do not divide d_out throw std::invalid_argument naming both", "[ch04][4.9]") {
    REQUIRE_THROWS_MATCHES(ch04::multi_head_parameter_count(768, 768, 5, true), std::invalid_argument,
                           Says("multi_head_parameter_count:", "768", "5"));
    REQUIRE_THROWS_MATCHES(ch04::multi_head_parameter_count(768, 768, 0, true), std::invalid_argument,
                           Says("multi_head_parameter_count:"));
}
