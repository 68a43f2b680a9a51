// Exercise 7.4: tiled_attention.
#include "ch07/ch07_test.hpp"

using namespace ch07_test;

TEST_CASE("7.4 the example's heads match PyTorch for every pair of block sizes, 1 to T and beyond", "[ch07][7.4]") {
    const auto h = GENERATE(as<std::size_t>{}, 0, 1);
    const Head head = stored_head(h);
    const Matrix want = expected().tensor<2>("example/head" + std::to_string(h) + "/context");  // (T, hd)
    for (std::size_t bq = 1; bq <= 7; ++bq)
        for (std::size_t bk = 1; bk <= 7; ++bk) {
            CAPTURE(h, bq, bk);
            REQUIRE_THAT(ch07::tiled_attention(head.queries, head.keys, head.values, {bq, bk}),
                         Equals(want, 1e-12, 0.0));
        }
}

TEST_CASE("7.4 scores of about a thousand and padding keys match PyTorch", "[ch07][7.4]") {
    const auto b = GENERATE(as<std::size_t>{}, 1, 2, 3, 9);
    CAPTURE(b);
    SECTION("large scores") {
        REQUIRE_THAT(ch07::tiled_attention(expected().tensor<2>("large/queries"), expected().tensor<2>("large/keys"),
                                           expected().tensor<2>("large/values"), {b, b}),
                     Equals(expected().tensor<2>("large/context"), 1e-12, 0.0));
    }
    SECTION("keys 0, 1, 2, 7, 8 are padding") {
        REQUIRE_THAT(ch07::tiled_attention(expected().tensor<2>("padding/queries"),
                                           expected().tensor<2>("padding/keys"), expected().tensor<2>("padding/values"),
                                           {b, b + 1}, stored_padding("padding/key_padding")),
                     Equals(expected().tensor<2>("padding/context"), 1e-12, 0.0));
    }
}

TEST_CASE("7.4 on random shapes, block sizes and padding, tiled equals the naive attention to 1e-12", "[ch07][7.4]") {
    const auto seed = GENERATE(range(1, 31));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 20), T_k = wb::ref::random_size(seed, 2, 1, 20);
    const std::size_t hd = wb::ref::random_size(seed, 3, 1, 8), hv = wb::ref::random_size(seed, 4, 1, 6);
    const std::size_t bq = wb::ref::random_size(seed, 5, 1, T_q + 2), bk = wb::ref::random_size(seed, 6, 1, T_k + 2);
    CAPTURE(seed, T_q, T_k, hd, hv, bq, bk);
    const Matrix q = wb::ref::random_matrix(seed, T_q, hd, -2.0, 2.0),
                 k = wb::ref::random_matrix(seed + 1, T_k, hd, -2.0, 2.0);
    const Matrix v = wb::ref::random_matrix(seed + 2, T_k, hv);
    SECTION("no padding") {
        REQUIRE_THAT(ch07::tiled_attention(q, k, v, {bq, bk}), Equals(loop_attention(q, k, v, false), 1e-12, 0.0));
    }
    SECTION("random padding") {
        const std::vector<bool> padding = random_padding(seed, T_k);
        REQUIRE_THAT(ch07::tiled_attention(q, k, v, {bq, bk}, padding),
                     Equals(loop_attention(q, k, v, false, padding), 1e-12, 0.0));
    }
    SECTION("blocks of 1 and blocks of the whole length") {
        REQUIRE_THAT(ch07::tiled_attention(q, k, v, {1, 1}), Equals(loop_attention(q, k, v, false), 1e-12, 0.0));
        REQUIRE_THAT(ch07::tiled_attention(q, k, v, {T_q, T_k}), Equals(loop_attention(q, k, v, false), 1e-12, 0.0));
    }
}

TEST_CASE("7.4 every key padding: every row 0, not NaN, T = 1: the one value", "[ch07][7.4]") {
    const Matrix q = wb::ref::random_matrix(3, 4, 3), k = wb::ref::random_matrix(4, 5, 3),
                 v = wb::ref::random_matrix(5, 5, 2);
    SECTION("all padding") {
        REQUIRE_THAT(ch07::tiled_attention(q, k, v, {2, 2}, random_padding(1, 5, true)),
                     Equals(Matrix(xt::zeros<double>({4, 2})), 0.0, 0.0));
    }
    SECTION("one query, one key") {
        REQUIRE_THAT(ch07::tiled_attention(Matrix{{0.3, -0.1}}, Matrix{{2.0, 5.0}}, Matrix{{7.0, -3.0, 0.5}}, {1, 1}),
                     Equals(Matrix{{7.0, -3.0, 0.5}}, 1e-15, 0.0));
    }
}

TEST_CASE("7.4 bad sizes throw std::invalid_argument, each with the others right", "[ch07][7.4]") {
    const Matrix q = xt::ones<double>({3, 2}), k = xt::ones<double>({4, 2}), v = xt::ones<double>({4, 5});
    SECTION("block_q 0") {
        REQUIRE_THROWS_MATCHES(ch07::tiled_attention(q, k, v, {0, 2}), std::invalid_argument, Says("tiled_attention:"));
    }
    SECTION("block_k 0") {
        REQUIRE_THROWS_MATCHES(ch07::tiled_attention(q, k, v, {2, 0}), std::invalid_argument, Says("tiled_attention:"));
    }
    SECTION("no queries") {
        REQUIRE_THROWS_MATCHES(ch07::tiled_attention(Matrix(xt::ones<double>({0, 2})), k, v, {2, 2}),
                               std::invalid_argument, Says("tiled_attention:"));
    }
    SECTION("no keys") {
        REQUIRE_THROWS_MATCHES(
            ch07::tiled_attention(q, Matrix(xt::ones<double>({0, 2})), Matrix(xt::ones<double>({0, 5})), {2, 2}),
            std::invalid_argument, Says("tiled_attention:"));
    }
    SECTION("keys of hd 3 for queries of hd 2") {
        REQUIRE_THROWS_MATCHES(ch07::tiled_attention(q, Matrix(xt::ones<double>({4, 3})), v, {2, 2}),
                               std::invalid_argument, Says("tiled_attention:"));
    }
    SECTION("5 values for 4 keys") {
        REQUIRE_THROWS_MATCHES(ch07::tiled_attention(q, k, Matrix(xt::ones<double>({5, 5})), {2, 2}),
                               std::invalid_argument, Says("tiled_attention:"));
    }
    SECTION("key_padding of 3 entries for 4 keys") {
        REQUIRE_THROWS_MATCHES(ch07::tiled_attention(q, k, v, {2, 2}, std::vector<bool>(3, false)),
                               std::invalid_argument, Says("tiled_attention:"));
    }
    SECTION("all right: no throw") {
        REQUIRE_NOTHROW(ch07::tiled_attention(q, k, v, {2, 2}, std::vector<bool>(4, false)));
    }
}
