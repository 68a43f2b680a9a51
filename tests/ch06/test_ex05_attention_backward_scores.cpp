// Exercise 6.5: attention_backward_scores.
#include "ch06/ch06_test.hpp"

#include <limits>

using namespace ch06_test;

namespace {

// <output, dO> for attention on (Q, K, V): a scalar whose gradients are exactly dQ, dK, dV.
double probe_loss(const wb::Matrix& Q, const wb::Matrix& K, const wb::Matrix& V, const wb::Matrix& dO, bool causal) {
    const wb::Matrix out = ch06::attention_forward(Q, K, V, causal).output;
    double s = 0.0;
    for (std::size_t i = 0; i < out.size(); ++i) s += out.data()[i] * dO.data()[i];
    return s;
}

}  // namespace

TEST_CASE("6.5 d_scores, d_queries and d_keys match PyTorch's autograd, with and without the mask", "[ch06][6.5]") {
    for (const std::string name : {"cross", "causal"}) {
        CAPTURE(name);
        const ch06::ScoresBackward sb = ch06::attention_backward_scores(
            mat(name + "/queries"), mat(name + "/keys"), mat(name + "/weights"), mat(name + "/d_weights"));
        REQUIRE_THAT(sb.d_scores, Torch(mat(name + "/d_scores")));
        REQUIRE_THAT(sb.d_queries, Torch(mat(name + "/d_queries")));
        REQUIRE_THAT(sb.d_keys, Torch(mat(name + "/d_keys")));
    }
}

TEST_CASE("6.5 on random shapes the gradients agree with central differences", "[ch06][6.5]") {
    const auto seed = GENERATE(range(1, 16));
    const bool causal = seed % 3 == 0;
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 6);
    const std::size_t T_k = causal ? T_q : wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t d_k = wb::ref::random_size(seed, 3, 1, 5), d_v = wb::ref::random_size(seed, 4, 1, 4);
    CAPTURE(seed, causal, T_q, T_k, d_k, d_v);
    const wb::Matrix Q = wb::ref::random_matrix(seed, T_q, d_k, -1.5, 1.5);
    const wb::Matrix K = wb::ref::random_matrix(seed + 1, T_k, d_k, -1.5, 1.5);
    const wb::Matrix V = wb::ref::random_matrix(seed + 2, T_k, d_v);
    const wb::Matrix dO = wb::ref::random_matrix(seed + 3, T_q, d_v);
    const ch06::AttentionForward fwd = ch06::attention_forward(Q, K, V, causal);
    const wb::Matrix d_weights = loop_matmul_bt(dO, V);  // (T_q, T_k) dO V^T
    const ch06::ScoresBackward sb = ch06::attention_backward_scores(Q, K, fwd.weights, d_weights);
    const double h = 1e-6;
    for (int which = 0; which < 2; ++which) {
        const wb::Matrix& X = which == 0 ? Q : K;
        const wb::Matrix& analytic = which == 0 ? sb.d_queries : sb.d_keys;
        for (std::size_t i = 0; i < X.shape(0); ++i)
            for (std::size_t c = 0; c < X.shape(1); ++c) {
                wb::Matrix up = X, down = X;
                up(i, c) += h;
                down(i, c) -= h;
                const double numerical =
                    which == 0 ? (probe_loss(up, K, V, dO, causal) - probe_loss(down, K, V, dO, causal)) / (2 * h)
                               : (probe_loss(Q, up, V, dO, causal) - probe_loss(Q, down, V, dO, causal)) / (2 * h);
                CAPTURE(which, i, c);
                REQUIRE(std::fabs(numerical - analytic(i, c)) < 1e-7);
            }
    }
    SECTION("every row of d_scores sums to 0") {
        REQUIRE(max_abs(wb::ref::row_sums(sb.d_scores)) < 1e-14);
    }
    SECTION("d_scores row by row is the softmax's backward") {
        for (std::size_t i = 0; i < T_q; ++i)
            REQUIRE_THAT(wb::ref::row(sb.d_scores, i),
                         Equals(loop_vjp(wb::ref::row(fwd.weights, i), wb::ref::row(d_weights, i)), 1e-14, 0));
    }
}

TEST_CASE("6.5 a masked score gets a gradient of exactly 0", "[ch06][6.5]") {
    const std::size_t T = 6, d_k = 3;
    const wb::Matrix W = causal_weights(5, T);
    const ch06::ScoresBackward sb =
        ch06::attention_backward_scores(wb::ref::random_matrix(6, T, d_k), wb::ref::random_matrix(7, T, d_k), W,
                                        wb::ref::random_matrix(8, T, T, -5, 5));
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = i + 1; j < T; ++j) {
            CAPTURE(i, j);
            REQUIRE(sb.d_scores(i, j) == 0.0);
        }
    REQUIRE(max_abs(sb.d_scores) > 0.0);
}

TEST_CASE("6.5 the 1/sqrt(d_k) of the forward pass is in dQ and dK", "[ch06][6.5]") {
    // One query, two keys, d_k = 4: d_scores = (p1 (g1 - <p,g>), ...), dQ = d_scores K / 2.
    const wb::Matrix Q{{1.0, 0.0, 0.0, 0.0}}, K{{1.0, 1.0, 1.0, 1.0}, {0.0, 0.0, 0.0, 0.0}};
    const wb::Matrix W{{0.5, 0.5}}, dW{{1.0, -1.0}};
    const ch06::ScoresBackward sb = ch06::attention_backward_scores(Q, K, W, dW);
    REQUIRE_THAT(sb.d_scores, Equals(wb::Matrix{{0.5, -0.5}}, 1e-15, 0));
    REQUIRE_THAT(sb.d_queries, Equals(wb::Matrix{{0.25, 0.25, 0.25, 0.25}}, 1e-15, 0));
    REQUIRE_THAT(sb.d_keys, Equals(wb::Matrix{{0.25, 0.0, 0.0, 0.0}, {-0.25, 0.0, 0.0, 0.0}}, 1e-15, 0));
}

TEST_CASE("6.5 one key: its weight is always 1, so no gradient reaches the scores", "[ch06][6.5]") {
    const ch06::ScoresBackward sb =
        ch06::attention_backward_scores(wb::ref::random_matrix(1, 3, 2), wb::ref::random_matrix(2, 1, 2),
                                        xt::ones<double>({3, 1}), wb::ref::random_matrix(3, 3, 1));
    REQUIRE(max_abs(sb.d_scores) == 0.0);
    REQUIRE(max_abs(sb.d_queries) == 0.0);
    REQUIRE(max_abs(sb.d_keys) == 0.0);
}

TEST_CASE("6.5 shapes that do not fit throw std::invalid_argument, each on its own", "[ch06][6.5]") {
    const wb::Matrix Q = wb::ref::random_matrix(1, 2, 3), K = wb::ref::random_matrix(2, 4, 3);  // T_q 2, T_k 4
    const wb::Matrix W = wb::ref::softmax_rows(wb::ref::random_matrix(3, 2, 4)), dW = wb::ref::random_matrix(4, 2, 4);
    REQUIRE_NOTHROW(ch06::attention_backward_scores(Q, K, W, dW));
    SECTION("d_k = 0") {
        const wb::Matrix Q0 = xt::zeros<double>({2, 0}), K0 = xt::zeros<double>({4, 0});
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_scores(Q0, K0, W, dW), std::invalid_argument,
                               Says("attention_backward_scores:"));
    }
    SECTION("keys of another size than the queries") {
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_scores(Q, wb::ref::random_matrix(2, 4, 2), W, dW),
                               std::invalid_argument, Says("attention_backward_scores:"));
    }
    SECTION("weights with another row count than T_q") {
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_scores(Q, K, wb::ref::random_matrix(3, 3, 4), dW),
                               std::invalid_argument, Says("attention_backward_scores:"));
    }
    SECTION("weights with another column count than T_k") {
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_scores(Q, K, wb::ref::random_matrix(3, 2, 3), dW),
                               std::invalid_argument, Says("attention_backward_scores:"));
    }
    SECTION("d_weights of another shape than the weights") {
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_scores(Q, K, W, wb::ref::random_matrix(4, 2, 5)),
                               std::invalid_argument, Says("attention_backward_scores:"));
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_scores(Q, K, W, wb::ref::random_matrix(4, 1, 4)),
                               std::invalid_argument, Says("attention_backward_scores:"));
        REQUIRE_THROWS_MATCHES(ch06::attention_backward_scores(Q, K, W, wb::ref::random_matrix(4, 3, 4)),
                               std::invalid_argument, Says("attention_backward_scores:"));
    }
}
