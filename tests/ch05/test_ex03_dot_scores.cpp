// Exercise 5.3: dot_scores.
#include "ch05/ch05_test.hpp"

using namespace ch05_test;

TEST_CASE("5.3 dot scores of the decoder states against the encoder states match PyTorch", "[ch05][5.3]") {
    const wb::Matrix H = expected().tensor<2>("encoder_states");  // (T_enc, d_hidden)
    for (const std::string who : {"luong", "bahdanau"}) {
        CAPTURE(who);
        REQUIRE_THAT(ch05::dot_scores(expected().tensor<1>("state_" + who), H),
                     Equals(expected().tensor<1>("dot_" + who), 1e-12));
    }
}

TEST_CASE("5.3 on random states the scores agree with a plain loop", "[ch05][5.3]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_enc = wb::ref::random_size(seed, 1, 1, 9), d = wb::ref::random_size(seed, 2, 1, 8);
    CAPTURE(seed, T_enc, d);
    const wb::Matrix H = wb::ref::random_matrix(seed, T_enc, d);  // (T_enc, d)
    const wb::Vector s = wb::ref::random_vector(seed + 100, d, -2, 2);
    const wb::Vector scores = ch05::dot_scores(s, H);
    REQUIRE_THAT(scores, Equals(loop_dot(s, H), 1e-12));
    SECTION("doubling the decoder state doubles every score (no scaling, no softmax)") {
        const wb::Vector doubled = 2.0 * s;
        REQUIRE_THAT(ch05::dot_scores(doubled, H), Equals(wb::Vector(2.0 * scores), 1e-12));
    }
    SECTION("reordering the encoder states reorders the scores alike") {
        const auto order = wb::ref::random_permutation(seed, T_enc);
        const wb::Vector permuted = ch05::dot_scores(s, wb::ref::permute_rows(H, order));
        for (std::size_t j = 0; j < T_enc; ++j) REQUIRE(std::fabs(permuted(j) - scores(order[j])) < 1e-12);
    }
}

TEST_CASE("5.3 a decoder state of another size throws std::invalid_argument", "[ch05][5.3]") {
    REQUIRE_THROWS_MATCHES(ch05::dot_scores(wb::Vector(xt::zeros<double>({3})), wb::ref::random_matrix(1, 4, 5)),
                           std::invalid_argument, Says("dot_scores:"));
}
