// Exercise 5.6: scaled_dot_scores.
#include "ch05/ch05_test.hpp"

using namespace ch05_test;

TEST_CASE("5.6 scaled dot scores match PyTorch", "[ch05][5.6]") {
    const wb::Matrix H = expected().tensor<2>("encoder_states");  // (T_enc, d_hidden)
    for (const std::string who : {"luong", "bahdanau"}) {
        CAPTURE(who);
        REQUIRE_THAT(ch05::scaled_dot_scores(expected().tensor<1>("state_" + who), H),
                     Equals(expected().tensor<1>("scaled_" + who), 1e-12));
    }
}

TEST_CASE("5.6 on random shapes the scaled scores are the dot scores over sqrt(d)", "[ch05][5.6]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_enc = wb::ref::random_size(seed, 1, 1, 9), d = wb::ref::random_size(seed, 2, 2, 40);
    CAPTURE(seed, T_enc, d);
    const wb::Matrix H = wb::ref::random_matrix(seed, T_enc, d);
    const wb::Vector s = wb::ref::random_vector(seed + 100, d);
    const wb::Vector expected_scores = loop_dot(s, H) / std::sqrt(static_cast<double>(d));
    REQUIRE_THAT(ch05::scaled_dot_scores(s, H), Equals(expected_scores, 1e-12));
}

TEST_CASE("5.6 d = 0 and mismatched sizes throw std::invalid_argument", "[ch05][5.6]") {
    REQUIRE_THROWS_MATCHES(
        ch05::scaled_dot_scores(wb::Vector(xt::zeros<double>({0})), wb::Matrix(xt::zeros<double>({3, 0}))),
        std::invalid_argument, Says("scaled_dot_scores:"));
    // "dot_scores:" is in scaled_dot_scores's own messages too: either function may report it.
    REQUIRE_THROWS_MATCHES(ch05::scaled_dot_scores(wb::ref::random_vector(1, 3), wb::ref::random_matrix(2, 4, 5)),
                           std::invalid_argument, Says("dot_scores:"));
}
