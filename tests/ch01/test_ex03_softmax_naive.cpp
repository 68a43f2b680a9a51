// Exercise 1.3: softmax_naive.
#include "ch01/ch01_test.hpp"

using namespace ch01_test;

TEST_CASE("1.3 the naive softmax of query 2's scores matches PyTorch", "[ch01][1.3]") {
    const wb::Vector scores = expected().tensor<1>("scores_query_2");  // (6)
    REQUIRE_THAT(ch01::softmax_naive(scores), Equals(expected().tensor<1>("weights_naive_query_2"), 1e-12));
}

TEST_CASE("1.3 the naive softmax agrees with a plain loop on moderate random scores", "[ch01][1.3]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 12);
    CAPTURE(seed, T);
    const wb::Vector scores = wb::ref::random_vector(seed, T, -10.0, 10.0);  // (T)
    REQUIRE_THAT(ch01::softmax_naive(scores), Equals(wb::ref::softmax(scores), 1e-12));
}

TEST_CASE("1.3 the naive softmax overflows on scores of 1000 (that is its lesson)", "[ch01][1.3]") {
    INFO("softmax_naive must not subtract the maximum: exp(1000) is inf and inf/inf is nan, as in "
         "PyTorch's naive formula. The stable version is exercise 1.4.");
    REQUIRE_THAT(ch01::softmax_naive(expected().tensor<1>("large_scores")),
                 Equals(expected().tensor<1>("large_weights_naive")));
    REQUIRE_THAT(ch01::softmax_naive(expected().tensor<1>("very_negative_scores")),
                 Equals(expected().tensor<1>("very_negative_weights_naive")));
}

TEST_CASE("1.3 empty scores throw std::invalid_argument", "[ch01][1.3]") {
    REQUIRE_THROWS_MATCHES(ch01::softmax_naive(wb::Vector(xt::zeros<double>({0}))), std::invalid_argument,
                           Says("softmax_naive:", "empty"));
}
