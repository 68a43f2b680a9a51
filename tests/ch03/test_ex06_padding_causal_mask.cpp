// Exercise 3.6: padding_causal_mask.
#include "ch03/ch03_test.hpp"

using namespace ch03_test;

TEST_CASE("3.6 the padding mask of sequences of 6 and 4 tokens matches PyTorch", "[ch03][3.6]") {
    INFO("sequence 2 has 4 real tokens: keys 5 and 6 are padding, and no query may see them");
    REQUIRE_THAT(ch03::padding_causal_mask({6, 4}, 6), Equals(expected().tensor<3>("padding_causal_mask"), 0.0, 0.0));
}

TEST_CASE("3.6 on random lengths a key is visible when it is neither in the future nor padding", "[ch03][3.6]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 5), T = wb::ref::random_size(seed, 2, 1, 9);
    std::vector<std::size_t> lengths;
    for (std::size_t b = 0; b < B; ++b) lengths.push_back(wb::ref::random_size(seed, 10 + b, 0, T));
    CAPTURE(seed, B, T, lengths);
    const wb::Tensor3 mask = ch03::padding_causal_mask(lengths, T);  // (B, T, T)
    REQUIRE(mask.shape(0) == B);
    REQUIRE(mask.shape(1) == T);
    REQUIRE(mask.shape(2) == T);
    for (std::size_t b = 0; b < B; ++b) {
        wb::Matrix wanted = causal_loop(T);
        for (std::size_t i = 0; i < T; ++i)
            for (std::size_t j = lengths[b]; j < T; ++j) wanted(i, j) = 0.0;
        CAPTURE(b);
        INFO("the padding is a property of the keys (columns), not of the queries (rows)");
        REQUIRE_THAT(wb::batch_item(mask, b), Equals(wanted, 0.0, 0.0));
    }
}

TEST_CASE("3.6 full-length sequences get the plain causal mask and empty ones nothing", "[ch03][3.6]") {
    const std::size_t T = GENERATE(range(std::size_t{1}, std::size_t{8}));
    CAPTURE(T);
    const wb::Tensor3 mask = ch03::padding_causal_mask({T, 0}, T);
    REQUIRE_THAT(wb::batch_item(mask, 0), Equals(causal_loop(T), 0.0, 0.0));
    REQUIRE_THAT(wb::batch_item(mask, 1), Equals(wb::Matrix(xt::zeros<double>({T, T})), 0.0, 0.0));
}

TEST_CASE("3.6 a length above T throws std::invalid_argument", "[ch03][3.6]") {
    REQUIRE_THROWS_MATCHES(ch03::padding_causal_mask({3, 7}, 6), std::invalid_argument,
                           Says("padding_causal_mask:", "7", "6"));
}

TEST_CASE("3.6 edge sizes: no sequences, T = 1, and a length of exactly T", "[ch03][3.6]") {
    REQUIRE(wb::shape_of(ch03::padding_causal_mask({}, 4)) == "(0, 4, 4)");
    REQUIRE_THAT(ch03::padding_causal_mask({1, 0}, 1), Equals(wb::Tensor3{{{1.0}}, {{0.0}}}, 0.0, 0.0));
    REQUIRE_NOTHROW(ch03::padding_causal_mask({4, 4}, 4));
    REQUIRE_THROWS_MATCHES(ch03::padding_causal_mask({4, 5}, 4), std::invalid_argument,
                           Says("padding_causal_mask:"));  // T + 1: just outside
}
