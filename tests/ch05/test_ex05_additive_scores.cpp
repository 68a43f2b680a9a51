// Exercise 5.5: additive_scores.
#include "ch05/ch05_test.hpp"

using namespace ch05_test;

TEST_CASE("5.5 additive scores v . tanh(W_s s + W_h h_j) match PyTorch for both decoder states", "[ch05][5.5]") {
    const wb::Matrix H = expected().tensor<2>("encoder_states");  // (T_enc, d_hidden)
    for (const std::string who : {"bahdanau", "luong"}) {
        CAPTURE(who);
        REQUIRE_THAT(ch05::additive_scores(expected().tensor<1>("state_" + who), H, stored_additive()),
                     Equals(expected().tensor<1>("additive_" + who), 1e-12));
    }
}

TEST_CASE("5.5 on random shapes the scores agree with a plain loop", "[ch05][5.5]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_enc = wb::ref::random_size(seed, 1, 1, 9), d_s = wb::ref::random_size(seed, 2, 1, 6);
    const std::size_t d_h = wb::ref::random_size(seed, 3, 1, 6), d_attn = wb::ref::random_size(seed, 4, 1, 6);
    CAPTURE(seed, T_enc, d_s, d_h, d_attn);
    const ch05::AdditiveWeights w{wb::ref::random_matrix(seed + 1, d_attn, d_s, -2, 2),
                                  wb::ref::random_matrix(seed + 2, d_attn, d_h, -2, 2),
                                  wb::ref::random_vector(seed + 3, d_attn)};
    const wb::Matrix H = wb::ref::random_matrix(seed, T_enc, d_h, -2, 2);
    const wb::Vector s = wb::ref::random_vector(seed + 4, d_s, -2, 2);
    const wb::Vector scores = ch05::additive_scores(s, H, w);
    REQUIRE_THAT(scores, Equals(loop_additive(s, H, w), 1e-12));
    SECTION("tanh bounds every score by the sum of |v|") {
        double bound = 0.0;
        for (double x : w.v) bound += std::fabs(x);
        for (double x : scores) REQUIRE(std::fabs(x) <= bound + 1e-12);
    }
}

TEST_CASE("5.5 weights that do not fit throw std::invalid_argument", "[ch05][5.5]") {
    const wb::Matrix H = wb::ref::random_matrix(1, 4, 5);  // d_h = 5
    const wb::Vector s = wb::ref::random_vector(2, 3);     // d_s = 3
    const ch05::AdditiveWeights swapped{wb::ref::random_matrix(3, 2, 5), wb::ref::random_matrix(4, 2, 3),
                                        wb::ref::random_vector(5, 2)};
    REQUIRE_THROWS_MATCHES(ch05::additive_scores(s, H, swapped), std::invalid_argument, Says("additive_scores:"));
}

TEST_CASE("5.5 each of W_s's and W_h's sizes is checked on its own", "[ch05][5.5]") {
    const wb::Matrix H = wb::ref::random_matrix(1, 4, 5);  // d_h = 5
    const wb::Vector s = wb::ref::random_vector(2, 3);     // d_s = 3
    const ch05::AdditiveWeights good{wb::ref::random_matrix(3, 2, 3), wb::ref::random_matrix(4, 2, 5),
                                     wb::ref::random_vector(5, 2)};  // d_attn = 2
    REQUIRE_NOTHROW(ch05::additive_scores(s, H, good));
    ch05::AdditiveWeights w = good;
    SECTION("W_s with d_attn + 1 rows") {
        w.W_s = wb::ref::random_matrix(6, 3, 3);
        REQUIRE_THROWS_MATCHES(ch05::additive_scores(s, H, w), std::invalid_argument, Says("additive_scores:"));
    }
    SECTION("W_s with d_s + 1 columns") {
        w.W_s = wb::ref::random_matrix(6, 2, 4);
        REQUIRE_THROWS_MATCHES(ch05::additive_scores(s, H, w), std::invalid_argument, Says("additive_scores:"));
    }
    SECTION("W_h with d_attn + 1 rows") {
        w.W_h = wb::ref::random_matrix(6, 3, 5);
        REQUIRE_THROWS_MATCHES(ch05::additive_scores(s, H, w), std::invalid_argument, Says("additive_scores:"));
    }
    SECTION("W_h with d_h - 1 columns") {
        w.W_h = wb::ref::random_matrix(6, 2, 4);
        REQUIRE_THROWS_MATCHES(ch05::additive_scores(s, H, w), std::invalid_argument, Says("additive_scores:"));
    }
    SECTION("v one value long") {
        w.v = wb::ref::random_vector(6, 3);
        REQUIRE_THROWS_MATCHES(ch05::additive_scores(s, H, w), std::invalid_argument, Says("additive_scores:"));
    }
}
