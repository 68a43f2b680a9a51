// Exercise 2.2: attention_scores.
#include "ch02/ch02_test.hpp"

using namespace ch02_test;

TEST_CASE("2.2 the scores of the sentence match PyTorch", "[ch02][2.2]") {
    const Matrix scores = ch02::attention_scores(expected().tensor<2>("queries"), expected().tensor<2>("keys"));
    SECTION("all scores, Q K^T") {
        REQUIRE_THAT(scores, Equals(expected().tensor<2>("scores"), 1e-12));
    }
    SECTION("row 2 holds the scores of query 2 (journey)") {
        const Vector row_2 = xt::view(scores, 1, xt::all());
        REQUIRE_THAT(row_2, Equals(expected().tensor<1>("scores_query_2"), 1e-12));
    }
}

TEST_CASE("2.2 on random queries and keys the scores are Q K^T", "[ch02][2.2]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 9), T_k = wb::ref::random_size(seed, 2, 1, 9);
    const std::size_t d_k = wb::ref::random_size(seed, 3, 1, 8);
    CAPTURE(seed, T_q, T_k, d_k);
    const Matrix queries = wb::ref::random_matrix(seed, T_q, d_k);    // (T_q, d_k)
    const Matrix keys = wb::ref::random_matrix(seed + 50, T_k, d_k);  // (T_k, d_k)
    const Matrix scores = ch02::attention_scores(queries, keys);      // (T_q, T_k)

    SECTION("agrees with a plain loop of dot products, unscaled") {
        REQUIRE_THAT(scores, Equals(wb::ref::matmul(queries, wb::ref::transpose(keys)), 1e-12));
    }
    SECTION("swapping the roles of queries and keys transposes the scores") {
        REQUIRE_THAT(ch02::attention_scores(keys, queries), Equals(wb::ref::transpose(scores), 1e-12));
    }
}

TEST_CASE("2.2 queries and keys of different widths throw std::invalid_argument naming both shapes", "[ch02][2.2]") {
    const Matrix queries = wb::ref::random_matrix(1, 6, 2);  // (6, 2)
    const Matrix keys = wb::ref::random_matrix(2, 6, 3);     // (6, 3)
    REQUIRE_THROWS_MATCHES(ch02::attention_scores(queries, keys), std::invalid_argument,
                           Says("attention_scores:", "(6, 2)", "(6, 3)"));
}
