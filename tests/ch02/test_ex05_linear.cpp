// Exercise 2.5: linear.
#include "ch02/ch02_test.hpp"

using namespace ch02_test;

TEST_CASE("2.5 nn.Linear(3, 2) at seed 789 on the sentence matches PyTorch", "[ch02][2.5]") {
    const Matrix inputs = expected().tensor<2>("inputs");  // (6, 3)
    SECTION("without bias") {
        const ch02::SelfAttentionV2 v2 = expected_v2("v2");
        REQUIRE_THAT(ch02::linear(v2.W_query, inputs), Equals(expected().tensor<2>("v2_queries"), 1e-12));
        REQUIRE_THAT(ch02::linear(v2.W_key, inputs), Equals(expected().tensor<2>("v2_keys"), 1e-12));
        REQUIRE_THAT(ch02::linear(v2.W_value, inputs), Equals(expected().tensor<2>("v2_values"), 1e-12));
    }
    SECTION("with bias") {
        const ch02::SelfAttentionV2 v2 = expected_v2("v2_bias");
        REQUIRE_THAT(ch02::linear(v2.W_query, inputs), Equals(expected().tensor<2>("v2_bias_queries"), 1e-12));
        REQUIRE_THAT(ch02::linear(v2.W_key, inputs), Equals(expected().tensor<2>("v2_bias_keys"), 1e-12));
        REQUIRE_THAT(ch02::linear(v2.W_value, inputs), Equals(expected().tensor<2>("v2_bias_values"), 1e-12));
    }
}

TEST_CASE("2.5 on random layers the output is x W^T + b", "[ch02][2.5]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9), d_in = wb::ref::random_size(seed, 2, 1, 8);
    const std::size_t d_out = wb::ref::random_size(seed, 3, 1, 8);
    const bool bias = seed % 2 == 0;
    CAPTURE(seed, T, d_in, d_out, bias);
    const Matrix inputs = wb::ref::random_matrix(seed, T, d_in);  // (T, d_in)
    const ch02::Linear layer = random_linear(seed + 10, d_in, d_out, bias);
    REQUIRE_THAT(ch02::linear(layer, inputs), Equals(ref_linear(layer, inputs), 1e-12));
}

TEST_CASE("2.5 a square layer multiplies by W^T, not W, and adds its bias to every row", "[ch02][2.5]") {
    const auto seed = GENERATE(range(1, 6));
    const std::size_t T = wb::ref::random_size(seed, 1, 2, 7), d = wb::ref::random_size(seed, 2, 2, 6);
    CAPTURE(seed, T, d);
    const Matrix inputs = wb::ref::random_matrix(seed, T, d);  // (T, d)
    SECTION("without bias") {
        const ch02::Linear layer = random_linear(seed + 20, d, d, false);
        REQUIRE_THAT(ch02::linear(layer, inputs), Equals(ref_linear(layer, inputs), 1e-12));
    }
    SECTION("with bias") {
        const ch02::Linear layer = random_linear(seed + 20, d, d, true);
        REQUIRE_THAT(ch02::linear(layer, inputs), Equals(ref_linear(layer, inputs), 1e-12));
    }
}

TEST_CASE("2.5 shapes that do not fit throw std::invalid_argument naming the shapes", "[ch02][2.5]") {
    ch02::Linear layer;
    layer.weight = wb::ref::random_matrix(1, 2, 3);  // (d_out, d_in) = (2, 3)
    SECTION("inputs of the wrong width") {
        const Matrix inputs = wb::ref::random_matrix(2, 6, 2);  // (6, 2)
        REQUIRE_THROWS_MATCHES(ch02::linear(layer, inputs), std::invalid_argument, Says("linear:", "(6, 2)", "(2, 3)"));
    }
    SECTION("a bias of the wrong size") {
        layer.bias = wb::ref::random_vector(3, 3);  // (3,): needs (2,); named as wb::shape_of writes it
        REQUIRE_THROWS_MATCHES(ch02::linear(layer, wb::ref::random_matrix(2, 6, 3)), std::invalid_argument,
                               Says("linear:", "(3,)"));
    }
}
