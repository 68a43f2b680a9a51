// Exercise 2.3: attention_weights.
#include "ch02/ch02_test.hpp"

using namespace ch02_test;

TEST_CASE("2.3 the scaled weights of the sentence match PyTorch", "[ch02][2.3]") {
    INFO("d_k = d_out = 2: the scores are divided by sqrt(2) before the softmax");
    REQUIRE_THAT(ch02::attention_weights(expected().tensor<2>("scores"), 2),
                 Equals(expected().tensor<2>("weights"), 1e-12).weights());
}

TEST_CASE("2.3 on random scores the weights are a row-wise softmax of scores over sqrt(d_k)", "[ch02][2.3]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 9), T_k = wb::ref::random_size(seed, 2, 1, 9);
    const std::size_t d_k = wb::ref::random_size(seed, 3, 2, 64);
    CAPTURE(seed, T_q, T_k, d_k);
    const Matrix scores = wb::ref::random_matrix(seed, T_q, T_k, -10.0, 10.0);  // (T_q, T_k)
    const Matrix weights = ch02::attention_weights(scores, d_k);                // (T_q, T_k)
    const Matrix scaled = scores / std::sqrt(static_cast<double>(d_k));

    SECTION("agrees with a plain loop") {
        REQUIRE_THAT(weights, Equals(wb::ref::softmax_rows(scaled), 1e-12).weights());
    }
    SECTION("every row sums to one") {
        INFO("if the columns sum to one instead, the softmax ran over the queries (axis 0)");
        REQUIRE_THAT(wb::ref::row_sums(weights), Equals(Vector(xt::ones<double>({T_q})), 1e-12));
    }
    SECTION("scores multiplied by sqrt(d_k) give the plain softmax of the scores") {
        const Matrix grown = scores * std::sqrt(static_cast<double>(d_k));
        REQUIRE_THAT(ch02::attention_weights(grown, d_k), Equals(wb::ref::softmax_rows(scores), 1e-12).weights());
    }
}

TEST_CASE("2.3 d_k = 1 leaves the softmax unscaled, and d_k = 0 throws std::invalid_argument", "[ch02][2.3]") {
    const Matrix scores = wb::ref::random_matrix(4, 3, 5, -3.0, 3.0);  // (3, 5)
    REQUIRE_THAT(ch02::attention_weights(scores, 1), Equals(wb::ref::softmax_rows(scores), 1e-12).weights());
    REQUIRE_THROWS_MATCHES(ch02::attention_weights(scores, 0), std::invalid_argument,
                           Says("attention_weights:", "d_k"));
}
