// Exercise 4.5: head_scores.
#include "ch04/ch04_test.hpp"

using namespace ch04_test;

TEST_CASE("4.5 the scores of both heads of the efficient version match PyTorch", "[ch04][4.5]") {
    REQUIRE_THAT(ch04::head_scores(expected().tensor<4>("mha/queries_split"), expected().tensor<4>("mha/keys_split")),
                 Equals(expected().tensor<4>("mha/scores"), 1e-12));
}

TEST_CASE("4.5 on random B, H, T_q, T_k, hd the scores agree with a plain loop of dot products", "[ch04][4.5]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 3), H = wb::ref::random_size(seed, 2, 1, 4);
    const std::size_t T_q = wb::ref::random_size(seed, 3, 1, 6), T_k = wb::ref::random_size(seed, 4, 1, 6);
    const std::size_t hd = wb::ref::random_size(seed, 5, 1, 5);
    CAPTURE(seed, B, H, T_q, T_k, hd);
    const wb::Tensor4 queries = random_tensor4(seed, B, H, T_q, hd);    // (B, H, T_q, hd)
    const wb::Tensor4 keys = random_tensor4(seed + 50, B, H, T_k, hd);  // (B, H, T_k, hd)
    wb::Tensor4 by_loop = xt::zeros<double>({B, H, T_q, T_k});          // (B, H, T_q, T_k)
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t i = 0; i < T_q; ++i)
                for (std::size_t j = 0; j < T_k; ++j)
                    for (std::size_t k = 0; k < hd; ++k) by_loop(b, h, i, j) += queries(b, h, i, k) * keys(b, h, j, k);
    INFO("scores(b, h, i, j) is query i of head h against key j of the same head; no scaling here");
    REQUIRE_THAT(ch04::head_scores(queries, keys), Equals(by_loop, 1e-12));
}

TEST_CASE("4.5 queries and keys that differ in B, H or hd throw std::invalid_argument", "[ch04][4.5]") {
    const wb::Tensor4 queries = random_tensor4(1, 2, 2, 3, 4);  // (2, 2, 3, 4)
    REQUIRE_THROWS_MATCHES(ch04::head_scores(queries, random_tensor4(2, 2, 2, 3, 5)), std::invalid_argument,
                           Says("head_scores:"));
    REQUIRE_THROWS_MATCHES(ch04::head_scores(queries, random_tensor4(2, 2, 3, 3, 4)), std::invalid_argument,
                           Says("head_scores:"));
    REQUIRE_THROWS_MATCHES(ch04::head_scores(queries, random_tensor4(2, 1, 2, 3, 4)), std::invalid_argument,
                           Says("head_scores:"));
}
