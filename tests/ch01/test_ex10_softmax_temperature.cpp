// Exercise 1.10: softmax_with_temperature.
#include "ch01/ch01_test.hpp"

#include <cmath>
#include <limits>

#include <xtensor/xview.hpp>

using namespace ch01_test;

TEST_CASE("1.10 the temperature sweep of query 2 matches PyTorch", "[ch01][1.10]") {
    const wb::Vector scores = expected().tensor<1>("scores_query_2");              // (6)
    const wb::Vector temperatures = expected().tensor<1>("temperatures");          // (5)
    const wb::Matrix sweep = expected().tensor<2>("weights_query_2_temperature");  // (5, 6)
    for (std::size_t t = 0; t < temperatures.size(); ++t) {
        CAPTURE(temperatures(t));
        const wb::Vector expected_row = xt::view(sweep, t, xt::all());
        REQUIRE_THAT(ch01::softmax_with_temperature(scores, temperatures(t)), Equals(expected_row, 1e-12));
    }
}

TEST_CASE("1.10 on random scores the result is softmax(scores / temperature)", "[ch01][1.10]") {
    const auto seed = GENERATE(range(1, 11));
    const double temperature = GENERATE(0.01, 0.3, 1.0, 4.0, 1000.0);
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 10);
    CAPTURE(seed, T, temperature);
    const wb::Vector scores = wb::ref::random_vector(seed, T, -5.0, 5.0);  // (T)
    const wb::Vector scaled = scores / temperature;
    REQUIRE_THAT(ch01::softmax_with_temperature(scores, temperature), Equals(wb::ref::softmax(scaled), 1e-9));
}

TEST_CASE("1.10 the extremes: tiny temperature gives hard attention, huge gives uniform", "[ch01][1.10]") {
    const wb::Vector scores{0.3, 1.7, -0.4, 1.2};
    REQUIRE_THAT(ch01::softmax_with_temperature(scores, 1e-3), Equals(wb::Vector{0, 1, 0, 0}, 1e-9));
    REQUIRE_THAT(ch01::softmax_with_temperature(scores, 1e9), Equals(wb::Vector{0.25, 0.25, 0.25, 0.25}, 1e-8));
}

TEST_CASE("1.10 a temperature that is not a finite positive number throws std::invalid_argument", "[ch01][1.10]") {
    const wb::Vector scores{0.3, 1.7};
    const double bad =
        GENERATE(0.0, -1.0, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN());
    CAPTURE(bad);
    REQUIRE_THROWS_MATCHES(ch01::softmax_with_temperature(scores, bad), std::invalid_argument,
                           Says("softmax_with_temperature:", "temperature"));
}
