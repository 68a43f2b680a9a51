// Exercise 5.11: attend_with_temperature.
#include "ch05/ch05_test.hpp"

#include <limits>

using namespace ch05_test;

TEST_CASE("5.11 the temperature sweep of student matches PyTorch", "[ch05][5.11]") {
    const wb::Vector scores = expected().tensor<1>("hard_soft/scores");                     // (T_enc)
    const wb::Matrix values = expected().tensor<2>("encoder_states");                       // (T_enc, d_hidden)
    const wb::Vector temperatures = expected().tensor<1>("temperatures");                   // (7)
    const wb::Matrix weights = expected().tensor<2>("hard_soft/weights_by_temperature");    // (7, T_enc)
    const wb::Matrix contexts = expected().tensor<2>("hard_soft/contexts_by_temperature");  // (7, d_hidden)
    for (std::size_t t = 0; t < temperatures.size(); ++t) {
        CAPTURE(temperatures(t));
        const ch05::Attention out = ch05::attend_with_temperature(scores, values, temperatures(t));
        REQUIRE_THAT(out.weights, Equals(wb::ref::row(weights, t), 1e-12).weights());
        REQUIRE_THAT(out.context, Equals(wb::ref::row(contexts, t), 1e-12));
    }
}

TEST_CASE("5.11 on random scores the result is the softmax of scores over temperature", "[ch05][5.11]") {
    const auto seed = GENERATE(range(1, 11));
    const double temperature = GENERATE(0.05, 0.3, 1.0, 4.0, 300.0);
    const std::size_t T_enc = wb::ref::random_size(seed, 1, 1, 9), d_v = wb::ref::random_size(seed, 2, 1, 5);
    CAPTURE(seed, temperature, T_enc, d_v);
    const wb::Vector scores = wb::ref::random_vector(seed, T_enc, -4, 4);
    const wb::Matrix values = wb::ref::random_matrix(seed + 100, T_enc, d_v);
    const wb::Vector weights = wb::ref::softmax(wb::Vector(scores / temperature));
    const ch05::Attention out = ch05::attend_with_temperature(scores, values, temperature);
    REQUIRE_THAT(out.weights, Equals(weights, 1e-12).weights());
    REQUIRE_THAT(out.context, Equals(loop_context(weights, values), 1e-12));
}

TEST_CASE("5.11 the extremes: a tiny temperature is hard attention, a huge one the mean of the values",
          "[ch05][5.11]") {
    const wb::Vector scores{0.3, 1.7, -0.4, 1.2};
    const wb::Matrix values{{1, 0}, {0, 1}, {2, 2}, {4, -1}};
    const ch05::Attention cold = ch05::attend_with_temperature(scores, values, 1e-3);
    REQUIRE_THAT(cold.weights, Equals(wb::Vector{0, 1, 0, 0}, 1e-9));
    REQUIRE_THAT(cold.context, Equals(wb::Vector{0, 1}, 1e-9));
    const ch05::Attention hot = ch05::attend_with_temperature(scores, values, 1e9);
    REQUIRE_THAT(hot.weights, Equals(wb::Vector{0.25, 0.25, 0.25, 0.25}, 1e-8));
    REQUIRE_THAT(hot.context, Equals(wb::Vector{1.75, 0.5}, 1e-8));
}

TEST_CASE("5.11 a temperature that is not a finite positive number throws std::invalid_argument", "[ch05][5.11]") {
    const double bad =
        GENERATE(0.0, -1.0, std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN());
    CAPTURE(bad);
    REQUIRE_THROWS_MATCHES(ch05::attend_with_temperature(wb::Vector{0.3, 1.7}, wb::Matrix{{1.0}, {2.0}}, bad),
                           std::invalid_argument, Says("attend_with_temperature:"));
}
