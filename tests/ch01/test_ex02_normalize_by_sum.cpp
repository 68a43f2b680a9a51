// Exercise 1.2: normalize_by_sum.
#include "ch01/ch01_test.hpp"

#include <xtensor/xmath.hpp>

using namespace ch01_test;

TEST_CASE("1.2 dividing the scores of query 2 by their sum matches PyTorch", "[ch01][1.2]") {
    const wb::Vector scores = expected().tensor<1>("scores_query_2");  // (6)
    REQUIRE_THAT(ch01::normalize_by_sum(scores), Equals(expected().tensor<1>("weights_by_sum_query_2"), 1e-12));
}

TEST_CASE("1.2 on random scores the weights sum to one and keep the scores' proportions", "[ch01][1.2]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 12);
    CAPTURE(seed, T);
    const wb::Vector scores = wb::ref::random_vector(seed, T, 0.1, 5.0);  // (T)
    const wb::Vector weights = ch01::normalize_by_sum(scores);            // (T)
    double total = 0.0;
    for (double s : scores) total += s;
    wb::Vector expected_weights = xt::zeros<double>({T});
    for (std::size_t j = 0; j < T; ++j) expected_weights(j) = scores(j) / total;
    REQUIRE_THAT(weights, Equals(expected_weights, 1e-12));
}

TEST_CASE("1.2 empty scores throw std::invalid_argument", "[ch01][1.2]") {
    REQUIRE_THROWS_MATCHES(ch01::normalize_by_sum(wb::Vector(xt::zeros<double>({0}))), std::invalid_argument,
                           Says("normalize_by_sum:", "empty"));
}
