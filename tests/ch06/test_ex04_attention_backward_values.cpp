// Exercise 6.4: attention_backward_values.
#include "ch06/ch06_test.hpp"

using namespace ch06_test;

TEST_CASE("6.4 d_weights and d_values match PyTorch's autograd, with and without the mask", "[ch06][6.4]") {
    for (const std::string name : {"cross", "causal"}) {
        CAPTURE(name);
        const ch06::ValuesBackward vb =
            ch06::attention_backward_values(mat(name + "/weights"), mat(name + "/values"), mat(name + "/d_output"));
        REQUIRE_THAT(vb.d_weights, Torch(mat(name + "/d_weights")));
        REQUIRE_THAT(vb.d_values, Torch(mat(name + "/d_values")));
    }
}

TEST_CASE("6.4 on random shapes: dO V^T and weights^T dO, linear in dO", "[ch06][6.4]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 7), T_k = wb::ref::random_size(seed, 2, 1, 8);
    const std::size_t d_v = wb::ref::random_size(seed, 3, 1, 5);
    CAPTURE(seed, T_q, T_k, d_v);
    const wb::Matrix W = wb::ref::softmax_rows(wb::ref::random_matrix(seed, T_q, T_k, -3, 3));
    const wb::Matrix V = wb::ref::random_matrix(seed + 1, T_k, d_v);
    const wb::Matrix dO = wb::ref::random_matrix(seed + 2, T_q, d_v);
    const ch06::ValuesBackward vb = ch06::attention_backward_values(W, V, dO);
    REQUIRE_THAT(vb.d_weights, Equals(loop_matmul_bt(dO, V), 1e-14, 0));
    REQUIRE_THAT(vb.d_values, Equals(loop_matmul_at(W, dO), 1e-14, 0));
    SECTION("the gradients of a sum of losses are the sums of the gradients") {
        const wb::Matrix dO2 = wb::ref::random_matrix(seed + 3, T_q, d_v);
        const wb::Matrix sum = dO + dO2;
        const ch06::ValuesBackward both = ch06::attention_backward_values(W, V, sum);
        const ch06::ValuesBackward second = ch06::attention_backward_values(W, V, dO2);
        REQUIRE_THAT(both.d_weights, Equals(vb.d_weights + second.d_weights, 1e-14, 0));
        REQUIRE_THAT(both.d_values, Equals(vb.d_values + second.d_values, 1e-14, 0));
    }
    SECTION("each column of d_values sums to the column sum of dO (each weight row sums to 1)") {
        REQUIRE_THAT(wb::ref::column_sums(vb.d_values), Equals(wb::ref::column_sums(dO), 1e-13, 0));
    }
}

TEST_CASE("6.4 shapes that do not fit throw std::invalid_argument, each on its own", "[ch06][6.4]") {
    const wb::Matrix W = wb::ref::softmax_rows(wb::ref::random_matrix(1, 2, 3));  // (T_q, T_k) = (2, 3)
    const wb::Matrix V = wb::ref::random_matrix(2, 3, 4);                         // (T_k, d_v) = (3, 4)
    const wb::Matrix dO = wb::ref::random_matrix(3, 2, 4);                        // (T_q, d_v) = (2, 4)
    REQUIRE_NOTHROW(ch06::attention_backward_values(W, V, dO));
    SECTION("values with another row count than T_k") {
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_values(W, wb::ref::random_matrix(2, 4, 4), dO),
                               std::invalid_argument, Says("attention_backward_values:"));
    }
    SECTION("d_output with another row count than T_q") {
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_values(W, V, wb::ref::random_matrix(3, 3, 4)),
                               std::invalid_argument, Says("attention_backward_values:"));
    }
    SECTION("d_output with another column count than d_v") {
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_values(W, V, wb::ref::random_matrix(3, 2, 5)),
                               std::invalid_argument, Says("attention_backward_values:"));
    }
}
