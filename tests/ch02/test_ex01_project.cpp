// Exercise 2.1: project.
#include "ch02/ch02_test.hpp"

using namespace ch02_test;

TEST_CASE("2.1 the queries, keys and values of the sentence match PyTorch", "[ch02][2.1]") {
    const Matrix inputs = expected().tensor<2>("inputs");  // (6, 3)
    SECTION("queries = X W_query") {
        REQUIRE_THAT(ch02::project(inputs, expected().tensor<2>("W_query")),
                     Equals(expected().tensor<2>("queries"), 1e-12));
    }
    SECTION("keys = X W_key") {
        REQUIRE_THAT(ch02::project(inputs, expected().tensor<2>("W_key")), Equals(expected().tensor<2>("keys"), 1e-12));
    }
    SECTION("values = X W_value") {
        REQUIRE_THAT(ch02::project(inputs, expected().tensor<2>("W_value")),
                     Equals(expected().tensor<2>("values"), 1e-12));
    }
}

TEST_CASE("2.1 on random inputs the projection agrees with a plain loop", "[ch02][2.1]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 10), d_in = wb::ref::random_size(seed, 2, 1, 8);
    const std::size_t d_out = wb::ref::random_size(seed, 3, 1, 8);
    CAPTURE(seed, T, d_in, d_out);
    const Matrix inputs = wb::ref::random_matrix(seed, T, d_in);           // (T, d_in)
    const Matrix weight = wb::ref::random_matrix(seed + 99, d_in, d_out);  // (d_in, d_out)
    const Matrix projected = ch02::project(inputs, weight);                // (T, d_out)

    SECTION("inputs @ weight") {
        REQUIRE_THAT(projected, Equals(wb::ref::matmul(inputs, weight), 1e-12));
    }
    SECTION("reordering the tokens reorders the projected rows the same way") {
        const std::vector<std::size_t> order = wb::ref::random_permutation(seed, T);
        REQUIRE_THAT(ch02::project(wb::ref::permute_rows(inputs, order), weight),
                     Equals(wb::ref::permute_rows(projected, order), 1e-12));
    }
}

TEST_CASE("2.1 a square weight is used as it is, not transposed", "[ch02][2.1]") {
    const auto seed = GENERATE(range(1, 6));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 8), d = wb::ref::random_size(seed, 2, 2, 6);
    CAPTURE(seed, T, d);
    const Matrix inputs = wb::ref::random_matrix(seed, T, d);      // (T, d)
    const Matrix weight = wb::ref::random_matrix(seed + 1, d, d);  // (d, d)
    REQUIRE_THAT(ch02::project(inputs, weight), Equals(wb::ref::matmul(inputs, weight), 1e-12));
}

TEST_CASE("2.1 a weight whose rows are not d_in throws std::invalid_argument naming both shapes", "[ch02][2.1]") {
    const Matrix inputs = wb::ref::random_matrix(1, 6, 3);  // (6, 3)
    const Matrix weight = wb::ref::random_matrix(2, 2, 2);  // (2, 2): needs 3 rows
    REQUIRE_THROWS_MATCHES(ch02::project(inputs, weight), std::invalid_argument, Says("(6, 3)", "(2, 2)"));
}
