// Exercise 1.1: attention_scores_for_query.
#include "ch01/ch01_test.hpp"

using namespace ch01_test;

TEST_CASE("1.1 the scores of query 2 match PyTorch", "[ch01][1.1]") {
    const wb::Matrix inputs = expected().tensor<2>("inputs");  // (6, 3)
    REQUIRE_THAT(ch01::attention_scores_for_query(inputs, 1), Equals(expected().tensor<1>("scores_query_2"), 1e-12));
}

TEST_CASE("1.1 every query agrees with a plain loop on random inputs", "[ch01][1.1]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9), d_in = wb::ref::random_size(seed, 2, 1, 8);
    CAPTURE(seed, T, d_in);
    const wb::Matrix inputs = wb::ref::random_matrix(seed, T, d_in);  // (T, d_in)
    for (std::size_t q = 0; q < T; ++q) {
        CAPTURE(q);
        wb::Vector expected_scores = xt::zeros<double>({T});  // (T)
        for (std::size_t j = 0; j < T; ++j) expected_scores(j) = wb::ref::dot(inputs, q, inputs, j);
        REQUIRE_THAT(ch01::attention_scores_for_query(inputs, q), Equals(expected_scores, 1e-12));
    }
}

TEST_CASE("1.1 a query outside the sentence throws std::out_of_range", "[ch01][1.1]") {
    const wb::Matrix inputs = wb::ref::random_matrix(5, 4, 3);  // (4, 3)
    REQUIRE_THROWS_MATCHES(ch01::attention_scores_for_query(inputs, 4), std::out_of_range,
                           Says("attention_scores_for_query:"));
    REQUIRE_THROWS_MATCHES(ch01::attention_scores_for_query(inputs, 1000), std::out_of_range,
                           Says("attention_scores_for_query:"));
}
