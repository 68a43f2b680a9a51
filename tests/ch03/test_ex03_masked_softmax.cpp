// Exercise 3.3: masked_softmax.
#include "ch03/ch03_test.hpp"

using namespace ch03_test;

TEST_CASE("3.3 the sentence's causal weights by -inf and softmax match PyTorch", "[ch03][3.3]") {
    const wb::Matrix weights =
        ch03::masked_softmax(expected().tensor<2>("scores"), expected().tensor<2>("causal_mask"));  // (T, T)
    REQUIRE_THAT(weights, Equals(expected().tensor<2>("weights_causal"), 1e-12)
                              .weights()
                              .hint(filled_with_zero, leaks_where_expected_zero));
}

TEST_CASE("3.3 uniform causal attention gives row i the weight 1 over i for each visible token", "[ch03][3.3]") {
    const wb::Matrix zeros = xt::zeros<double>({6, 6});
    REQUIRE_THAT(ch03::masked_softmax(zeros, expected().tensor<2>("causal_mask")),
                 Equals(expected().tensor<2>("uniform_causal_weights"), 1e-12));
}

TEST_CASE("3.3 on random scores and masks the masked softmax agrees with a plain loop", "[ch03][3.3]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 9), T_k = wb::ref::random_size(seed, 2, 1, 9);
    CAPTURE(seed, T_q, T_k);
    const wb::Matrix scores = wb::ref::random_matrix(seed, T_q, T_k, -6.0, 6.0);  // (T_q, T_k)
    wb::Matrix mask = random_mask(seed + 100, T_q, T_k);                          // (T_q, T_k)
    for (std::size_t i = 0; i < T_q; ++i) mask(i, (i * 5 + seed) % T_k) = 1.0;    // every row keeps a key
    const wb::Matrix weights = ch03::masked_softmax(scores, mask);                // (T_q, T_k)

    SECTION("agrees with a plain loop over the allowed keys") {
        REQUIRE_THAT(weights, Equals(masked_softmax_loop(scores, mask), 1e-12)
                                  .weights()
                                  .hint(filled_with_zero, leaks_where_expected_zero));
    }
    SECTION("masked weights are exactly 0 and every row sums to 1") {
        for (std::size_t i = 0; i < T_q; ++i)
            for (std::size_t j = 0; j < T_k; ++j)
                if (mask(i, j) == 0.0) REQUIRE(weights(i, j) == 0.0);
        REQUIRE_THAT(wb::ref::row_sums(weights), Equals(wb::Vector(xt::ones<double>({T_q})), 1e-12));
    }
    SECTION("it equals softmax, then zero the masked weights, then renormalise: the two ways agree") {
        const wb::Matrix unmasked = wb::ref::softmax_rows(scores);
        wb::Matrix renormalised = unmasked * mask;
        const wb::Vector sums = wb::ref::row_sums(renormalised);
        for (std::size_t i = 0; i < T_q; ++i)
            for (std::size_t j = 0; j < T_k; ++j) renormalised(i, j) /= sums(i);
        REQUIRE_THAT(weights, Equals(renormalised, 1e-12).weights());
    }
    SECTION("changing a masked score changes nothing") {
        wb::Matrix changed = scores;
        for (std::size_t i = 0; i < T_q; ++i)
            for (std::size_t j = 0; j < T_k; ++j)
                if (mask(i, j) == 0.0) changed(i, j) = 50.0 * static_cast<double>(j + 1);
        REQUIRE_THAT(ch03::masked_softmax(changed, mask), Equals(weights, 1e-12));
    }
}

TEST_CASE("3.3 with the causal mask no weight lies above the diagonal, even for huge scores", "[ch03][3.3]") {
    const auto seed = GENERATE(range(1, 11));
    const double scale = GENERATE(1.0, 1000.0);
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 10);
    CAPTURE(seed, scale, T);
    const wb::Matrix scores = wb::ref::random_matrix(seed, T, T, -scale, scale);  // (T, T)
    const wb::Matrix weights = ch03::masked_softmax(scores, causal_loop(T));      // (T, T)
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = i + 1; j < T; ++j) REQUIRE(weights(i, j) == 0.0);
    REQUIRE_THAT(weights, Equals(masked_softmax_loop(scores, causal_loop(T)), 1e-12).weights());
}

TEST_CASE("3.3 a row with no allowed key comes out all zeros and not NaN", "[ch03][3.3]") {
    const wb::Matrix scores = wb::ref::random_matrix(8, 3, 4, -3.0, 3.0);  // (3, 4)
    SECTION("one empty row among others") {
        const wb::Matrix mask{{1, 0, 1, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}};
        const wb::Matrix weights = ch03::masked_softmax(scores, mask);
        INFO("wb::softmax_rows of a row of -inf is NaN: the chapter's policy is a row of zeros");
        REQUIRE_THAT(weights, Equals(masked_softmax_loop(scores, mask), 1e-12).weights());
        for (std::size_t j = 0; j < 4; ++j) REQUIRE(weights(1, j) == 0.0);
    }
    SECTION("every row empty") {
        const wb::Matrix mask = xt::zeros<double>({3, 4});
        REQUIRE_THAT(ch03::masked_softmax(scores, mask), Equals(wb::Matrix(xt::zeros<double>({3, 4})), 0.0, 0.0));
    }
}

TEST_CASE("3.3 scores and a mask of different shapes throw std::invalid_argument", "[ch03][3.3]") {
    const wb::Matrix scores = wb::ref::random_matrix(2, 4, 4);  // (4, 4)
    REQUIRE_THROWS_MATCHES(ch03::masked_softmax(scores, causal_loop(3)), std::invalid_argument,
                           Says("masked_softmax:", "(4, 4)", "(3, 3)"));
    REQUIRE_THROWS_MATCHES(ch03::masked_softmax(scores, wb::Matrix(xt::ones<double>({5, 4}))), std::invalid_argument,
                           Says("masked_softmax:", "(4, 4)", "(5, 4)"));
}

TEST_CASE("3.3 a mask that differs in its columns only throws std::invalid_argument", "[ch03][3.3]") {
    const wb::Matrix scores = wb::ref::random_matrix(2, 4, 4);  // (4, 4)
    REQUIRE_NOTHROW(ch03::masked_softmax(scores, causal_loop(4)));
    REQUIRE_THROWS_MATCHES(ch03::masked_softmax(scores, wb::Matrix(xt::ones<double>({4, 3}))), std::invalid_argument,
                           Says("masked_softmax:", "(4, 4)", "(4, 3)"));
    REQUIRE_THROWS_MATCHES(ch03::masked_softmax(scores, wb::Matrix(xt::ones<double>({4, 5}))), std::invalid_argument,
                           Says("masked_softmax:", "(4, 4)", "(4, 5)"));
}
