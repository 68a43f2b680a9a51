// Exercise 2.7: transfer_v2_to_v1.
#include "ch02/ch02_test.hpp"

using namespace ch02_test;

TEST_CASE("2.7 the transferred seed-789 weights match PyTorch's weight.T", "[ch02][2.7]") {
    const ch02::SelfAttentionV1 v1 = ch02::transfer_v2_to_v1(expected_v2("v2"));
    INFO("V1 computes x @ W with W (d_in, d_out) = (3, 2); nn.Linear stores (d_out, d_in) = (2, 3)");
    REQUIRE_THAT(v1.W_query, Equals(expected().tensor<2>("v1_from_v2_W_query"), 0.0));
    REQUIRE_THAT(v1.W_key, Equals(expected().tensor<2>("v1_from_v2_W_key"), 0.0));
    REQUIRE_THAT(v1.W_value, Equals(expected().tensor<2>("v1_from_v2_W_value"), 0.0));
}

TEST_CASE("2.7 after the transfer V1 computes what V2 computes", "[ch02][2.7]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9), d_in = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t d_out = wb::ref::random_size(seed, 3, 1, 7);
    CAPTURE(seed, T, d_in, d_out);
    const Matrix inputs = wb::ref::random_matrix(seed, T, d_in);  // (T, d_in)
    const ch02::SelfAttentionV2 v2 = random_v2(seed, d_in, d_out, false);
    const ch02::SelfAttentionV1 v1 = ch02::transfer_v2_to_v1(v2);
    REQUIRE_THAT(ref_v1(v1, inputs), Equals(ref_v2(v2, inputs), 1e-12));
}

TEST_CASE("2.7 a square layer is transposed too: same shape is not the same matrix", "[ch02][2.7]") {
    const auto seed = GENERATE(range(1, 6));
    const std::size_t d = wb::ref::random_size(seed, 1, 2, 6);
    CAPTURE(seed, d);
    const ch02::SelfAttentionV2 v2 = random_v2(seed, d, d, false);
    const ch02::SelfAttentionV1 v1 = ch02::transfer_v2_to_v1(v2);
    REQUIRE_THAT(v1.W_query, Equals(wb::ref::transpose(v2.W_query.weight), 0.0));
    REQUIRE_THAT(v1.W_key, Equals(wb::ref::transpose(v2.W_key.weight), 0.0));
    REQUIRE_THAT(v1.W_value, Equals(wb::ref::transpose(v2.W_value.weight), 0.0));
}

TEST_CASE("2.7 a layer with a bias throws std::invalid_argument: V1 has nowhere to put it", "[ch02][2.7]") {
    REQUIRE_THROWS_MATCHES(ch02::transfer_v2_to_v1(expected_v2("v2_bias")), std::invalid_argument,
                           Says("transfer_v2_to_v1:", "bias"));
    ch02::SelfAttentionV2 one_bias = random_v2(2, 3, 2, false);
    one_bias.W_value.bias = wb::ref::random_vector(9, 2);  // only the last layer has one
    REQUIRE_THROWS_MATCHES(ch02::transfer_v2_to_v1(one_bias), std::invalid_argument,
                           Says("transfer_v2_to_v1:", "bias"));
}
