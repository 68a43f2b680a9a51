// Exercise 1.5: context_vector.
#include "ch01/ch01_test.hpp"

using namespace ch01_test;

TEST_CASE("1.5 the context vector of query 2 matches PyTorch", "[ch01][1.5]") {
    const wb::Matrix inputs = expected().tensor<2>("inputs");            // (6, 3)
    const wb::Vector weights = expected().tensor<1>("weights_query_2");  // (6)
    REQUIRE_THAT(ch01::context_vector(inputs, weights), Equals(expected().tensor<1>("context_query_2"), 1e-12));
}

TEST_CASE("1.5 on random inputs the context vector is the weighted sum of the rows", "[ch01][1.5]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9), d_in = wb::ref::random_size(seed, 2, 1, 8);
    CAPTURE(seed, T, d_in);
    const wb::Matrix inputs = wb::ref::random_matrix(seed, T, d_in);                            // (T, d_in)
    const wb::Vector weights = wb::ref::softmax(wb::ref::random_vector(seed + 100, T, -2, 2));  // (T)

    SECTION("agrees with a plain loop") {
        wb::Matrix as_row = xt::zeros<double>({std::size_t{1}, T});  // (1, T)
        for (std::size_t j = 0; j < T; ++j) as_row(0, j) = weights(j);
        REQUIRE_THAT(ch01::context_vector(inputs, weights),
                     Equals(wb::ref::row(wb::ref::matmul(as_row, inputs), 0), 1e-12));
    }
    SECTION("one-hot weights pick one token's embedding") {
        const std::size_t pick = seed % T;
        wb::Vector one_hot = xt::zeros<double>({T});
        one_hot(pick) = 1.0;
        REQUIRE_THAT(ch01::context_vector(inputs, one_hot), Equals(wb::ref::row(inputs, pick), 1e-12));
    }
    SECTION("shuffling the tokens and their weights together changes nothing") {
        const std::vector<std::size_t> order = wb::ref::random_permutation(seed, T);
        wb::Vector shuffled_weights = xt::zeros<double>({T});
        for (std::size_t i = 0; i < T; ++i) shuffled_weights(i) = weights(order[i]);
        REQUIRE_THAT(ch01::context_vector(wb::ref::permute_rows(inputs, order), shuffled_weights),
                     Equals(ch01::context_vector(inputs, weights), 1e-12));
    }
}

TEST_CASE("1.5 weights of the wrong length throw std::invalid_argument", "[ch01][1.5]") {
    const wb::Matrix inputs = wb::ref::random_matrix(3, 4, 3);  // (4, 3)
    REQUIRE_THROWS_MATCHES(ch01::context_vector(inputs, wb::Vector{0.5, 0.5}), std::invalid_argument,
                           Says("context_vector:"));
    REQUIRE_THROWS_MATCHES(ch01::context_vector(inputs, wb::Vector{0.2, 0.2, 0.2, 0.2, 0.2}), std::invalid_argument,
                           Says("context_vector:"));
}
