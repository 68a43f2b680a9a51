// Exercise 1.7: softmax_rows.
#include "ch01/ch01_test.hpp"

using namespace ch01_test;

TEST_CASE("1.7 the attention weights of the sentence match PyTorch", "[ch01][1.7]") {
    REQUIRE_THAT(ch01::softmax_rows(expected().tensor<2>("scores")), WeightsEqual(expected().tensor<2>("weights")));
}

TEST_CASE("1.7 on random score matrices every row is a softmax of its own row", "[ch01][1.7]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 9), T_k = wb::ref::random_size(seed, 2, 1, 9);
    CAPTURE(seed, T_q, T_k);
    const wb::Matrix scores = wb::ref::random_matrix(seed, T_q, T_k, -8.0, 8.0);  // (T_q, T_k)
    const wb::Matrix weights = ch01::softmax_rows(scores);                        // (T_q, T_k)

    SECTION("agrees with a plain loop, row by row") {
        REQUIRE_THAT(weights, WeightsEqual(wb::ref::softmax_rows(scores)));
    }
    SECTION("every row sums to one") {
        REQUIRE_THAT(wb::ref::row_sums(weights), Equals(wb::Vector(xt::ones<double>({T_q})), 1e-12));
    }
    SECTION("adding a different constant to each row changes nothing, even a large one") {
        wb::Matrix shifted = scores;
        for (std::size_t i = 0; i < T_q; ++i)
            for (std::size_t j = 0; j < T_k; ++j) shifted(i, j) += 1000.0 * static_cast<double>(i + 1) - 300.0;
        REQUIRE_THAT(ch01::softmax_rows(shifted), WeightsEqual(wb::ref::softmax_rows(scores), 1e-9));
    }
}

TEST_CASE("1.7 rows whose scores spread more than 709 apart stay finite", "[ch01][1.7]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 6), T_k = wb::ref::random_size(seed, 2, 2, 9);
    CAPTURE(seed, T_q, T_k);
    wb::Matrix scores = wb::ref::random_matrix(seed, T_q, T_k, -500.0, 500.0);  // (T_q, T_k)
    for (std::size_t i = 0; i < T_q; ++i) {  // every row spreads 900: exp(900) is inf
        scores(i, i % T_k) = -450.0;
        scores(i, (i + 1) % T_k) = 450.0;
    }
    REQUIRE_THAT(ch01::softmax_rows(scores), WeightsEqual(wb::ref::softmax_rows(scores)));
}

TEST_CASE("1.7 one row or one column: T_q = 1 and T_k = 1", "[ch01][1.7]") {
    const wb::Matrix row = wb::ref::random_matrix(3, 1, 5, -3.0, 3.0);     // (1, 5)
    const wb::Matrix column = wb::ref::random_matrix(4, 5, 1, -3.0, 3.0);  // (5, 1): every weight is 1
    REQUIRE_THAT(ch01::softmax_rows(row), WeightsEqual(wb::ref::softmax_rows(row)));
    REQUIRE_THAT(ch01::softmax_rows(column), WeightsEqual(wb::Matrix(xt::ones<double>({5, 1}))));
}
