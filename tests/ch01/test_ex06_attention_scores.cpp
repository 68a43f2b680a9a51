// Exercise 1.6: attention_scores.
#include "ch01/ch01_test.hpp"

using namespace ch01_test;

TEST_CASE("1.6 all scores of the sentence match PyTorch", "[ch01][1.6]") {
    REQUIRE_THAT(ch01::attention_scores(expected().tensor<2>("inputs")), Equals(expected().tensor<2>("scores"), 1e-12));
}

TEST_CASE("1.6 on random inputs the scores are X X^T: a plain loop agrees, and they are symmetric", "[ch01][1.6]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 12), d_in = wb::ref::random_size(seed, 2, 1, 10);
    CAPTURE(seed, T, d_in);
    const wb::Matrix inputs = wb::ref::random_matrix(seed, T, d_in);  // (T, d_in)
    const wb::Matrix scores = ch01::attention_scores(inputs);         // (T, T)
    REQUIRE_THAT(scores, Equals(wb::ref::matmul(inputs, wb::ref::transpose(inputs)), 1e-12));
    REQUIRE_THAT(scores, Equals(wb::ref::transpose(scores), 1e-12));
}
