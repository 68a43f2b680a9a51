// Exercise 2.8: context_for_query.
#include "ch02/ch02_test.hpp"

using namespace ch02_test;

TEST_CASE("2.8 the context vector of journey matches PyTorch", "[ch02][2.8]") {
    REQUIRE_THAT(ch02::context_for_query(expected_v1(), expected().tensor<2>("inputs"), 1),
                 Equals(expected().tensor<1>("context_query_2"), 1e-12));
}

TEST_CASE("2.8 on random modules every query gives its row of the full self-attention", "[ch02][2.8]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9), d_in = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t d_out = wb::ref::random_size(seed, 3, 1, 7);
    CAPTURE(seed, T, d_in, d_out);
    const Matrix inputs = wb::ref::random_matrix(seed, T, d_in, -2.0, 2.0);  // (T, d_in)
    const ch02::SelfAttentionV1 module = random_v1(seed, d_in, d_out);
    const Matrix contexts = ref_v1(module, inputs);  // (T, d_out)
    for (std::size_t i = 0; i < T; ++i) {
        CAPTURE(i);
        const auto other_query = [&](const xt::xarray<double>&, const xt::xarray<double>& actual) {
            for (std::size_t k = 0; k < T; ++k) {
                bool equals_k = k != i, differs_from_i = false;
                for (std::size_t c = 0; c < d_out; ++c) {
                    equals_k = equals_k && std::fabs(actual(c) - contexts(k, c)) <= 1e-9;
                    differs_from_i = differs_from_i || std::fabs(contexts(k, c) - contexts(i, c)) > 1e-9;
                }
                if (equals_k && differs_from_i) return true;
            }
            return false;
        };
        REQUIRE_THAT(
            ch02::context_for_query(module, inputs, i),
            Equals(wb::ref::row(contexts, i), 1e-12)
                .hint("this is the context of another query: the query row taken at the wrong index?", other_query));
    }
}

TEST_CASE("2.8 a bad query index throws std::out_of_range and bad shapes std::invalid_argument", "[ch02][2.8]") {
    const ch02::SelfAttentionV1 module = random_v1(3, 3, 2);
    const Matrix inputs = wb::ref::random_matrix(1, 6, 3);  // (6, 3)
    REQUIRE_THROWS_MATCHES(ch02::context_for_query(module, inputs, 6), std::out_of_range, Says("context_for_query:"));
    REQUIRE_THROWS_MATCHES(ch02::context_for_query(module, inputs, 1000), std::out_of_range,
                           Says("context_for_query:"));
    REQUIRE_THROWS_MATCHES(ch02::context_for_query(module, wb::ref::random_matrix(1, 6, 4), 0), std::invalid_argument,
                           Says("context_for_query:"));
    ch02::SelfAttentionV1 odd = module;
    odd.W_value = wb::ref::random_matrix(5, 3, 3);  // (3, 3) next to (3, 2)
    REQUIRE_THROWS_MATCHES(ch02::context_for_query(odd, inputs, 0), std::invalid_argument, Says("context_for_query:"));
}

TEST_CASE("2.8 each weight is checked against W_query on its own, and the inputs' width", "[ch02][2.8]") {
    const ch02::SelfAttentionV1 module = random_v1(3, 3, 2);  // W_* (3, 2)
    const Matrix inputs = wb::ref::random_matrix(1, 6, 3);    // (6, 3)
    REQUIRE_NOTHROW(ch02::context_for_query(module, inputs, 5));
    ch02::SelfAttentionV1 odd = module;
    SECTION("W_key (3, 3): one column more than W_query, not to be read as its (3, 2) block") {
        odd.W_key = wb::ref::random_matrix(5, 3, 3);
        REQUIRE_THROWS_MATCHES(ch02::context_for_query(odd, inputs, 0), std::invalid_argument,
                               Says("context_for_query:"));
    }
    SECTION("W_key (4, 2): one row more than W_query") {
        odd.W_key = wb::ref::random_matrix(5, 4, 2);
        REQUIRE_THROWS_MATCHES(ch02::context_for_query(odd, inputs, 0), std::invalid_argument,
                               Says("context_for_query:"));
    }
    SECTION("W_value (4, 2): one row more than W_query") {
        odd.W_value = wb::ref::random_matrix(5, 4, 2);
        REQUIRE_THROWS_MATCHES(ch02::context_for_query(odd, inputs, 0), std::invalid_argument,
                               Says("context_for_query:"));
    }
    SECTION("the bad query index is reported even when the shapes are right: T itself is out") {
        REQUIRE_THROWS_MATCHES(ch02::context_for_query(module, inputs, 6), std::out_of_range,
                               Says("context_for_query:"));
    }
}

TEST_CASE("2.8 scores that spread more than 709 apart: the softmax stays finite", "[ch02][2.8]") {
    const auto seed = GENERATE(range(1, 6));
    const std::size_t T = wb::ref::random_size(seed, 1, 2, 7);
    CAPTURE(seed, T);
    // Large inputs make scores in the thousands, of both signs, so a row's scores spread far
    // beyond 709: exp(score - smallest) would overflow, exp(score - largest) cannot.
    const Matrix inputs = wb::ref::random_matrix(seed, T, 3, -40.0, 40.0);  // (T, 3)
    const ch02::SelfAttentionV1 module = random_v1(seed, 3, 2);
    const Matrix contexts = ref_v1(module, inputs);  // (T, 2)
    for (std::size_t i = 0; i < T; ++i) {
        CAPTURE(i);
        REQUIRE_THAT(ch02::context_for_query(module, inputs, i), Equals(wb::ref::row(contexts, i), 1e-9, 1e-9));
    }
}

TEST_CASE("2.8 T = 1: the only query's context is its own value", "[ch02][2.8]") {
    const ch02::SelfAttentionV1 module = random_v1(4, 3, 2);
    const Matrix inputs = wb::ref::random_matrix(2, 1, 3);  // (1, 3)
    REQUIRE_THAT(ch02::context_for_query(module, inputs, 0),
                 Equals(wb::ref::row(wb::ref::matmul(inputs, module.W_value), 0), 1e-12));
}
