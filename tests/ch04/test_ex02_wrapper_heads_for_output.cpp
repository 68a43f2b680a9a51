// Exercise 4.2: wrapper_heads_for_output.
#include "ch04/ch04_test.hpp"

using namespace ch04_test;

namespace {
// The wrapper's output by the given heads alone (so this test does not need exercise 4.1).
wb::Tensor3 concatenated(const wb::Tensor3& inputs, const std::vector<ch04::CausalHead>& heads) {
    std::vector<wb::Tensor3> outputs;
    std::size_t width = 0;
    for (const auto& head : heads) {
        outputs.push_back(ch04::causal_head_forward(inputs, head));  // (B, T, hd)
        width += outputs.back().shape(2);
    }
    wb::Tensor3 context = xt::zeros<double>({inputs.shape(0), inputs.shape(1), width});
    std::size_t column = 0;
    for (const auto& out : outputs) {
        xt::view(context, xt::all(), xt::all(), xt::range(column, column + out.shape(2))) = out;
        column += out.shape(2);
    }
    return context;
}
}  // namespace

TEST_CASE("4.2 two heads with 2-d context vectors in all match PyTorch's wrapper with d_out = 1", "[ch04][4.2]") {
    wb::TorchGenerator gen(123);
    const std::vector<ch04::CausalHead> heads = ch04::wrapper_heads_for_output(gen, 3, 2, 2);
    REQUIRE(heads.size() == 2);
    const std::vector<ch04::CausalHead> torch_heads = stored_heads("wrapper_2d", 2);
    for (std::size_t h = 0; h < 2; ++h) {
        CAPTURE(h);
        INFO("each head must be drawn as nn.Linear(3, 1) for W_query, W_key, W_value, in that order");
        REQUIRE_THAT(heads[h].query.weight, Equals(torch_heads[h].query.weight, 1e-7));
        REQUIRE_THAT(heads[h].key.weight, Equals(torch_heads[h].key.weight, 1e-7));
        REQUIRE_THAT(heads[h].value.weight, Equals(torch_heads[h].value.weight, 1e-7));
    }
    REQUIRE_THAT(concatenated(expected().tensor<3>("batch"), heads),
                 Equals(expected().tensor<3>("wrapper_2d/context"), 1e-6));
}

TEST_CASE("4.2 two heads with 4 columns in all are the chapter's wrapper", "[ch04][4.2]") {
    wb::TorchGenerator gen(123);
    const std::vector<ch04::CausalHead> heads = ch04::wrapper_heads_for_output(gen, 3, 4, 2);
    REQUIRE(heads.size() == 2);
    REQUIRE_THAT(concatenated(expected().tensor<3>("batch"), heads),
                 Equals(expected().tensor<3>("wrapper/context"), 1e-6));
}

TEST_CASE("4.2 on random sizes the heads have d_out / H rows and are drawn one after the other", "[ch04][4.2]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t H = wb::ref::random_size(seed, 1, 1, 5), hd = wb::ref::random_size(seed, 2, 1, 4);
    const std::size_t d_in = wb::ref::random_size(seed, 3, 1, 6);
    CAPTURE(seed, H, hd, d_in);
    wb::TorchGenerator gen(seed), replay(seed);
    const std::vector<ch04::CausalHead> heads = ch04::wrapper_heads_for_output(gen, d_in, H * hd, H);
    REQUIRE(heads.size() == H);
    for (std::size_t h = 0; h < H; ++h) {
        CAPTURE(h);
        const ch04::CausalHead drawn = ch04::draw_causal_head(replay, d_in, hd);
        REQUIRE_THAT(heads[h].query.weight, Equals(drawn.query.weight, 0.0, 0.0));
        REQUIRE_THAT(heads[h].key.weight, Equals(drawn.key.weight, 0.0, 0.0));
        REQUIRE_THAT(heads[h].value.weight, Equals(drawn.value.weight, 0.0, 0.0));
    }
}

TEST_CASE("4.2 heads that cannot share d_out equally, or zero sizes, throw std::invalid_argument naming the values",
          "[ch04][4.2]") {
    wb::TorchGenerator gen(1);
    REQUIRE_THROWS_MATCHES(ch04::wrapper_heads_for_output(gen, 3, 5, 3), std::invalid_argument,
                           Says("wrapper_heads_for_output:", "5", "3"));
    REQUIRE_THROWS_MATCHES(ch04::wrapper_heads_for_output(gen, 3, 4, 0), std::invalid_argument,
                           Says("wrapper_heads_for_output:"));
    REQUIRE_THROWS_MATCHES(ch04::wrapper_heads_for_output(gen, 3, 0, 2), std::invalid_argument,
                           Says("wrapper_heads_for_output:"));
    REQUIRE_THROWS_MATCHES(ch04::wrapper_heads_for_output(gen, 0, 4, 2), std::invalid_argument,
                           Says("wrapper_heads_for_output:"));
}
