// Exercise 1.8: context_vectors.
#include "ch01/ch01_test.hpp"

using namespace ch01_test;

TEST_CASE("1.8 all context vectors of the sentence match PyTorch", "[ch01][1.8]") {
    REQUIRE_THAT(ch01::context_vectors(expected().tensor<2>("weights"), expected().tensor<2>("inputs")),
                 Equals(expected().tensor<2>("contexts"), 1e-12));
}

TEST_CASE("1.8 on random inputs the context vectors are A X", "[ch01][1.8]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 8), T = wb::ref::random_size(seed, 2, 1, 8);
    const std::size_t d_in = wb::ref::random_size(seed, 3, 1, 6);
    CAPTURE(seed, T_q, T, d_in);
    const wb::Matrix inputs = wb::ref::random_matrix(seed, T, d_in);                                     // (T, d_in)
    const wb::Matrix weights = wb::ref::softmax_rows(wb::ref::random_matrix(seed + 50, T_q, T, -3, 3));  // (T_q, T)
    const wb::Matrix contexts = ch01::context_vectors(weights, inputs);                                  // (T_q, d_in)

    SECTION("agrees with a plain loop") {
        REQUIRE_THAT(contexts, Equals(wb::ref::matmul(weights, inputs), 1e-12));
    }
    SECTION("reordering the queries reorders the context vectors the same way") {
        const std::vector<std::size_t> order = wb::ref::random_permutation(seed, T_q);
        REQUIRE_THAT(ch01::context_vectors(wb::ref::permute_rows(weights, order), inputs),
                     Equals(wb::ref::permute_rows(contexts, order), 1e-12));
    }
    SECTION("reordering the tokens together with their weights changes nothing") {
        const std::vector<std::size_t> order = wb::ref::random_permutation(seed + 7, T);
        REQUIRE_THAT(
            ch01::context_vectors(wb::ref::permute_columns(weights, order), wb::ref::permute_rows(inputs, order)),
            Equals(contexts, 1e-12));
    }
}

TEST_CASE("1.8 self-attention is permutation-equivariant: shuffle the tokens, the outputs shuffle alike",
          "[ch01][1.8]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t T = wb::ref::random_size(seed, 1, 2, 9), d_in = wb::ref::random_size(seed, 2, 1, 6);
    CAPTURE(seed, T, d_in);
    const wb::Matrix inputs = wb::ref::random_matrix(seed, T, d_in);  // (T, d_in)
    const auto weights_of = [](const wb::Matrix& x) {
        return wb::ref::softmax_rows(wb::ref::matmul(x, wb::ref::transpose(x)));  // (T, T)
    };
    const std::vector<std::size_t> order = wb::ref::random_permutation(seed, T);
    const wb::Matrix shuffled = wb::ref::permute_rows(inputs, order);
    REQUIRE_THAT(ch01::context_vectors(weights_of(shuffled), shuffled),
                 Equals(wb::ref::permute_rows(ch01::context_vectors(weights_of(inputs), inputs), order), 1e-12));
}

TEST_CASE("1.8 weights whose columns do not match the tokens throw std::invalid_argument", "[ch01][1.8]") {
    const wb::Matrix inputs = wb::ref::random_matrix(3, 4, 3);   // (4, 3)
    const wb::Matrix weights = wb::ref::random_matrix(4, 4, 5);  // (4, 5): one column too many
    REQUIRE_THROWS_MATCHES(ch01::context_vectors(weights, inputs), std::invalid_argument, Says("context_vectors:"));
}
