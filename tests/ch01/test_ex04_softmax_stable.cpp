// Exercise 1.4: softmax_stable.
#include "ch01/ch01_test.hpp"

#include <cmath>
#include <limits>

using namespace ch01_test;

TEST_CASE("1.4 the stable softmax matches PyTorch, also on scores of 1000 and -1000", "[ch01][1.4]") {
    SECTION("query 2's scores") {
        REQUIRE_THAT(ch01::softmax_stable(expected().tensor<1>("scores_query_2")),
                     Equals(expected().tensor<1>("weights_query_2"), 1e-12));
    }
    SECTION("scores of 1000, 1001, 1002") {
        REQUIRE_THAT(ch01::softmax_stable(expected().tensor<1>("large_scores")),
                     WeightsEqual(expected().tensor<1>("large_weights")));
    }
    SECTION("scores of -1000, -1001, -1002") {
        REQUIRE_THAT(ch01::softmax_stable(expected().tensor<1>("very_negative_scores")),
                     Equals(expected().tensor<1>("very_negative_weights"), 1e-12));
    }
}

TEST_CASE("1.4 on random scores the stable softmax agrees with a plain loop and sums to one", "[ch01][1.4]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 12);
    CAPTURE(seed, T);
    const wb::Vector scores = wb::ref::random_vector(seed, T, -50.0, 50.0);  // (T)
    const wb::Vector weights = ch01::softmax_stable(scores);                 // (T)
    REQUIRE_THAT(weights, Equals(wb::ref::softmax(scores), 1e-12));
    double total = 0.0;
    for (double w : weights) {
        REQUIRE(w >= 0.0);
        REQUIRE(w <= 1.0);
        total += w;
    }
    REQUIRE_THAT(total, Catch::Matchers::WithinAbs(1.0, 1e-12));
}

TEST_CASE("1.4 shifting every score by the same constant changes nothing", "[ch01][1.4]") {
    const auto seed = GENERATE(range(1, 11));
    const double shift = GENERATE(-700.0, -3.5, 2.25, 900.0);
    const std::size_t T = wb::ref::random_size(seed, 1, 2, 10);
    CAPTURE(seed, T, shift);
    const wb::Vector scores = wb::ref::random_vector(seed, T, -5.0, 5.0);  // (T)
    const wb::Vector shifted = scores + shift;                             // (T)
    REQUIRE_THAT(ch01::softmax_stable(shifted), Equals(wb::ref::softmax(scores), 1e-9));
}

TEST_CASE("1.4 a score of -inf gets weight zero", "[ch01][1.4]") {
    const double inf = std::numeric_limits<double>::infinity();
    const wb::Vector scores{0.5, -inf, 1.5};
    const wb::Vector weights = ch01::softmax_stable(scores);
    const wb::Vector finite_part = wb::ref::softmax(wb::Vector{0.5, 1.5});
    REQUIRE_THAT(weights, Equals(wb::Vector{finite_part(0), 0.0, finite_part(1)}, 1e-12));
}

TEST_CASE("1.4 empty scores throw std::invalid_argument", "[ch01][1.4]") {
    REQUIRE_THROWS_MATCHES(ch01::softmax_stable(wb::Vector(xt::zeros<double>({0}))), std::invalid_argument,
                           Says("softmax_stable:", "empty"));
}

TEST_CASE("1.4 scores that spread more than 709 apart: only subtracting the largest keeps exp finite", "[ch01][1.4]") {
    SECTION("-400, 0.5, 400") {
        const wb::Vector scores{-400.0, 0.5, 400.0};
        REQUIRE_THAT(ch01::softmax_stable(scores), WeightsEqual(wb::ref::softmax(scores)));
    }
    SECTION("random scores on [-600, 600)") {
        const auto seed = GENERATE(range(1, 11));
        const std::size_t T = wb::ref::random_size(seed, 1, 2, 12);
        CAPTURE(seed, T);
        wb::Vector scores = wb::ref::random_vector(seed, T, -600.0, 600.0);  // (T)
        scores(0) = -600.0;
        scores(T - 1) = 600.0;  // a spread of 1200 in every case
        REQUIRE_THAT(ch01::softmax_stable(scores), WeightsEqual(wb::ref::softmax(scores)));
    }
}
