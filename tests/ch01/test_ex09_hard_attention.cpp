// Exercise 1.9: hard_attention.
#include "ch01/ch01_test.hpp"

using namespace ch01_test;

TEST_CASE("1.9 hard attention on the sentence matches PyTorch's one-hot argmax", "[ch01][1.9]") {
    REQUIRE_THAT(ch01::hard_attention(expected().tensor<2>("scores")), Equals(expected().tensor<2>("hard_weights"), 0));
}

TEST_CASE("1.9 on random scores each row is one-hot at its largest score", "[ch01][1.9]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 9), T_k = wb::ref::random_size(seed, 2, 1, 9);
    CAPTURE(seed, T_q, T_k);
    const wb::Matrix scores = wb::ref::random_matrix(seed, T_q, T_k, -5.0, 5.0);  // (T_q, T_k)
    wb::Matrix one_hot = xt::zeros<double>({T_q, T_k});
    for (std::size_t i = 0; i < T_q; ++i) {
        std::size_t best = 0;
        for (std::size_t j = 0; j < T_k; ++j)
            if (scores(i, j) > scores(i, best)) best = j;
        one_hot(i, best) = 1.0;
    }
    REQUIRE_THAT(ch01::hard_attention(scores), Equals(one_hot, 0));
}

TEST_CASE("1.9 on a tie the first largest score wins", "[ch01][1.9]") {
    const wb::Matrix scores{{1.0, 3.0, 3.0}, {2.0, 2.0, 2.0}, {-1.0, -4.0, -1.0}};
    const wb::Matrix expected_weights{{0, 1, 0}, {1, 0, 0}, {1, 0, 0}};
    REQUIRE_THAT(ch01::hard_attention(scores), Equals(expected_weights, 0));
}
