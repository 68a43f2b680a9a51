// Exercise 5.4: general_scores.
#include "ch05/ch05_test.hpp"

using namespace ch05_test;

TEST_CASE("5.4 general scores s^T W h_j match PyTorch", "[ch05][5.4]") {
    const wb::Matrix H = expected().tensor<2>("encoder_states");  // (T_enc, d_hidden)
    const wb::Matrix W = expected().tensor<2>("W_general");       // (d_s, d_h)
    for (const std::string who : {"luong", "bahdanau"}) {
        CAPTURE(who);
        REQUIRE_THAT(ch05::general_scores(expected().tensor<1>("state_" + who), H, W),
                     Equals(expected().tensor<1>("general_" + who), 1e-12));
    }
}

TEST_CASE("5.4 on random shapes with d_s unlike d_h the scores agree with a plain loop", "[ch05][5.4]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_enc = wb::ref::random_size(seed, 1, 1, 9), d_s = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t d_h = d_s + wb::ref::random_size(seed, 3, 1, 4);  // never square: W's orientation matters
    CAPTURE(seed, T_enc, d_s, d_h);
    const wb::Matrix H = wb::ref::random_matrix(seed, T_enc, d_h);      // (T_enc, d_h)
    const wb::Matrix W = wb::ref::random_matrix(seed + 100, d_s, d_h);  // (d_s, d_h)
    const wb::Vector s = wb::ref::random_vector(seed + 200, d_s);
    REQUIRE_THAT(ch05::general_scores(s, H, W), Equals(loop_general(s, H, W), 1e-12));
}

TEST_CASE("5.4 general scoring with W = I is dot scoring, and a non-symmetric W is not read transposed",
          "[ch05][5.4]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t T_enc = wb::ref::random_size(seed, 1, 1, 9), d = wb::ref::random_size(seed, 2, 2, 7);
    CAPTURE(seed, T_enc, d);
    const wb::Matrix H = wb::ref::random_matrix(seed, T_enc, d);
    const wb::Vector s = wb::ref::random_vector(seed + 200, d);
    const wb::Matrix I = xt::eye<double>(d);
    REQUIRE_THAT(ch05::general_scores(s, H, I), Equals(loop_dot(s, H), 1e-12));
    const wb::Matrix W = wb::ref::random_matrix(seed + 100, d, d);  // square and not symmetric
    REQUIRE_THAT(ch05::general_scores(s, H, W), Equals(loop_general(s, H, W), 1e-12));
}

TEST_CASE("5.4 a W that does not fit (d_s, d_h) throws std::invalid_argument", "[ch05][5.4]") {
    const wb::Matrix H = wb::ref::random_matrix(1, 4, 5);  // d_h = 5
    const wb::Vector s = wb::ref::random_vector(2, 3);     // d_s = 3
    REQUIRE_THROWS_MATCHES(ch05::general_scores(s, H, wb::ref::random_matrix(3, 5, 3)), std::invalid_argument,
                           Says("general_scores:"));
}

TEST_CASE("5.4 W is checked on each side: rows against s, columns against the encoder states", "[ch05][5.4]") {
    const wb::Matrix H = wb::ref::random_matrix(1, 4, 4);  // d_h = 4
    const wb::Vector s = wb::ref::random_vector(2, 4);     // d_s = 4
    REQUIRE_NOTHROW(ch05::general_scores(s, H, wb::ref::random_matrix(3, 4, 4)));
    SECTION("W (4, 5): rows fit s, one column too many") {
        INFO("a (4, 5) W next to 4-d states must not be read as its (4, 4) sub-block");
        REQUIRE_THROWS_MATCHES(ch05::general_scores(s, H, wb::ref::random_matrix(3, 4, 5)), std::invalid_argument,
                               Says("general_scores:"));
    }
    SECTION("W (5, 4): columns fit h_j, one row too many") {
        REQUIRE_THROWS_MATCHES(ch05::general_scores(s, H, wb::ref::random_matrix(3, 5, 4)), std::invalid_argument,
                               Says("general_scores:"));
    }
    SECTION("W (3, 4): one row too few") {
        REQUIRE_THROWS_MATCHES(ch05::general_scores(s, H, wb::ref::random_matrix(3, 3, 4)), std::invalid_argument,
                               Says("general_scores:"));
    }
    SECTION("W (4, 3): one column too few") {
        REQUIRE_THROWS_MATCHES(ch05::general_scores(s, H, wb::ref::random_matrix(3, 4, 3)), std::invalid_argument,
                               Says("general_scores:"));
    }
}
