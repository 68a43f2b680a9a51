// Exercise 3.1: causal_mask.
#include "ch03/ch03_test.hpp"

using namespace ch03_test;

TEST_CASE("3.1 the causal mask of six tokens matches PyTorch's torch.tril", "[ch03][3.1]") {
    INFO("row i is query i: 1 for the keys it may see (j <= i), 0 for its future");
    REQUIRE_THAT(ch03::causal_mask(6), Equals(expected().tensor<2>("causal_mask"), 0.0, 0.0));
}

TEST_CASE("3.1 for every T the mask allows the past and the token itself and nothing after it", "[ch03][3.1]") {
    const std::size_t T = GENERATE(range(std::size_t{1}, std::size_t{13}));
    CAPTURE(T);
    const wb::Matrix mask = ch03::causal_mask(T);  // (T, T)
    REQUIRE_THAT(mask, Equals(causal_loop(T), 0.0, 0.0));
    SECTION("the diagonal is allowed: a token sees itself, so query 1 sees exactly one key") {
        for (std::size_t i = 0; i < T; ++i) REQUIRE(mask(i, i) == 1.0);
    }
    SECTION("nothing above the diagonal, and T (T + 1) / 2 ones in all") {
        double ones = 0.0;
        for (std::size_t i = 0; i < T; ++i)
            for (std::size_t j = 0; j < T; ++j) {
                if (j > i) REQUIRE(mask(i, j) == 0.0);
                ones += mask(i, j);
            }
        REQUIRE(ones == static_cast<double>(T * (T + 1) / 2));
    }
}

TEST_CASE("3.1 zero tokens give an empty mask", "[ch03][3.1]") {
    const wb::Matrix mask = ch03::causal_mask(0);
    REQUIRE(mask.shape(0) == 0);
    REQUIRE(mask.shape(1) == 0);
}
