// Exercise 3.2: mask_and_renormalise.
#include "ch03/ch03_test.hpp"

using namespace ch03_test;

TEST_CASE("3.2 masking the sentence's weights after the softmax and renormalising matches PyTorch", "[ch03][3.2]") {
    const wb::Matrix weights = ch03::mask_and_renormalise(expected().tensor<2>("weights_unmasked"),
                                                          expected().tensor<2>("causal_mask"));  // (T, T)
    REQUIRE_THAT(weights, Equals(expected().tensor<2>("weights_renormalised"), 1e-12)
                              .weights()
                              .hint(not_renormalised, rows_sum_below_one)
                              .hint("weight where the mask is 0: the mask was not applied", leaks_where_expected_zero));
}

TEST_CASE("3.2 on random weights and masks each row is the kept weights over their sum", "[ch03][3.2]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 9), T_k = wb::ref::random_size(seed, 2, 1, 9);
    CAPTURE(seed, T_q, T_k);
    const wb::Matrix scores = wb::ref::random_matrix(seed, T_q, T_k, -4.0, 4.0);  // (T_q, T_k)
    const wb::Matrix unmasked = wb::ref::softmax_rows(scores);                    // (T_q, T_k)
    wb::Matrix mask = random_mask(seed + 100, T_q, T_k);                          // (T_q, T_k)
    for (std::size_t i = 0; i < T_q; ++i) mask(i, (i * 7 + seed) % T_k) = 1.0;    // every row keeps a key
    const wb::Matrix weights = ch03::mask_and_renormalise(unmasked, mask);        // (T_q, T_k)

    SECTION("it equals the masked softmax of the scores: the two ways agree") {
        REQUIRE_THAT(weights, Equals(masked_softmax_loop(scores, mask), 1e-12).weights());
    }
    SECTION("masked weights are exactly 0 and every row sums to 1") {
        for (std::size_t i = 0; i < T_q; ++i)
            for (std::size_t j = 0; j < T_k; ++j)
                if (mask(i, j) == 0.0) REQUIRE(weights(i, j) == 0.0);
        REQUIRE_THAT(wb::ref::row_sums(weights), Equals(wb::Vector(xt::ones<double>({T_q})), 1e-12));
    }
    SECTION("with the causal mask, no weight lies above the diagonal") {
        const std::size_t T = T_q;
        const wb::Matrix square = wb::ref::softmax_rows(wb::ref::random_matrix(seed, T, T, -4.0, 4.0));
        const wb::Matrix causal = ch03::mask_and_renormalise(square, causal_loop(T));
        for (std::size_t i = 0; i < T; ++i)
            for (std::size_t j = i + 1; j < T; ++j) REQUIRE(causal(i, j) == 0.0);
        REQUIRE_THAT(wb::ref::row_sums(causal), Equals(wb::Vector(xt::ones<double>({T})), 1e-12));
    }
}

TEST_CASE("3.2 a row whose every key is masked stays all zeros and never NaN", "[ch03][3.2]") {
    const wb::Matrix unmasked = wb::ref::softmax_rows(wb::ref::random_matrix(5, 3, 4, -2.0, 2.0));  // (3, 4)
    const wb::Matrix mask{{1, 1, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 1}};
    const wb::Matrix weights = ch03::mask_and_renormalise(unmasked, mask);
    wb::Matrix wanted = masked_softmax_loop(wb::ref::random_matrix(5, 3, 4, -2.0, 2.0), mask);
    REQUIRE_THAT(weights, Equals(wanted, 1e-12).weights());
    for (std::size_t j = 0; j < 4; ++j) REQUIRE(weights(1, j) == 0.0);
}

TEST_CASE("3.2 weights and a mask of different shapes throw std::invalid_argument", "[ch03][3.2]") {
    const wb::Matrix weights = wb::ref::softmax_rows(wb::ref::random_matrix(1, 4, 4));  // (4, 4)
    REQUIRE_THROWS_MATCHES(ch03::mask_and_renormalise(weights, causal_loop(5)), std::invalid_argument,
                           Says("mask_and_renormalise:", "(4, 4)", "(5, 5)"));
    REQUIRE_THROWS_MATCHES(ch03::mask_and_renormalise(weights, wb::Matrix(xt::ones<double>({4, 3}))),
                           std::invalid_argument, Says("mask_and_renormalise:", "(4, 4)", "(4, 3)"));
}

TEST_CASE("3.2 a mask that differs in one axis only throws std::invalid_argument", "[ch03][3.2]") {
    const wb::Matrix weights = wb::ref::softmax_rows(wb::ref::random_matrix(3, 4, 4));  // (4, 4)
    REQUIRE_NOTHROW(ch03::mask_and_renormalise(weights, causal_loop(4)));
    REQUIRE_THROWS_MATCHES(ch03::mask_and_renormalise(weights, wb::Matrix(xt::ones<double>({4, 5}))),
                           std::invalid_argument, Says("mask_and_renormalise:", "(4, 4)", "(4, 5)"));
    REQUIRE_THROWS_MATCHES(ch03::mask_and_renormalise(weights, wb::Matrix(xt::ones<double>({3, 4}))),
                           std::invalid_argument, Says("mask_and_renormalise:", "(4, 4)", "(3, 4)"));
}
