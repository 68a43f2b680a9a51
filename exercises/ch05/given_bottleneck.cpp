// Given code for Chapter 5: the bottleneck experiment. How much of a source sentence can a
// decoder read back from (a) the encoder's last state only, (b) the plain average of all states,
// (c) the state at the position it wants (attention with the right weights)? A ridge
// least-squares read-out is fitted from each kind of context to the token at each position, on
// training sentences, and scored on test sentences. tests/torch/ch05.py runs the same experiment
// in PyTorch. It calls your rnn_states (exercise 5.2); you do not need to change this file.
#include "ch05/ch05.hpp"
#include "wb/ops.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <xtensor/xview.hpp>

namespace ch05 {

namespace {

// Solves (A^T A + lambda I) W = A^T Y by Cholesky: A (N, p), Y (N, V) -> W (p, V).
Matrix ridge_fit(const Matrix& A, const Matrix& Y, double lambda) {
    const std::size_t N = A.shape(0), p = A.shape(1), V = Y.shape(1);
    Matrix G = xt::zeros<double>({p, p});  // (p, p)  A^T A + lambda I
    Matrix R = xt::zeros<double>({p, V});  // (p, V)  A^T Y
    for (std::size_t n = 0; n < N; ++n) {
        for (std::size_t a = 0; a < p; ++a) {
            for (std::size_t b = 0; b < p; ++b) G(a, b) += A(n, a) * A(n, b);
            for (std::size_t v = 0; v < V; ++v) R(a, v) += A(n, a) * Y(n, v);
        }
    }
    for (std::size_t a = 0; a < p; ++a) G(a, a) += lambda;
    Matrix L = xt::zeros<double>({p, p});  // lower triangular, G = L L^T
    for (std::size_t i = 0; i < p; ++i) {
        for (std::size_t j = 0; j <= i; ++j) {
            double sum = G(i, j);
            for (std::size_t k = 0; k < j; ++k) sum -= L(i, k) * L(j, k);
            if (i == j) {
                if (!(sum > 0.0)) throw std::runtime_error("bottleneck_experiment: the read-out is singular");
                L(i, i) = std::sqrt(sum);
            } else {
                L(i, j) = sum / L(j, j);
            }
        }
    }
    Matrix W = xt::zeros<double>({p, V});  // (p, V)
    for (std::size_t v = 0; v < V; ++v) {
        std::vector<double> z(p);
        for (std::size_t i = 0; i < p; ++i) {  // L z = r
            double sum = R(i, v);
            for (std::size_t k = 0; k < i; ++k) sum -= L(i, k) * z[k];
            z[i] = sum / L(i, i);
        }
        for (std::size_t i = p; i-- > 0;) {  // L^T w = z
            double sum = z[i];
            for (std::size_t k = i + 1; k < p; ++k) sum -= L(k, i) * W(k, v);
            W(i, v) = sum / L(i, i);
        }
    }
    return W;
}

// Token ids floor(u * V) for u = torch.rand(n, T_max), as PyTorch computes them.
std::vector<std::vector<std::size_t>> draw_ids(wb::TorchGenerator& gen, std::size_t n, std::size_t T_max,
                                               std::size_t V) {
    const Matrix u = gen.rand(n, T_max);  // (n, T_max)
    std::vector<std::vector<std::size_t>> ids(n, std::vector<std::size_t>(T_max));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t t = 0; t < T_max; ++t) ids[i][t] = static_cast<std::size_t>(std::floor(u(i, t) * V));
    return ids;
}

// Every hidden state of every sentence: (n, T_max, d_hidden). The states of the first T tokens
// are the first T rows (an RNN only looks back), so one run serves every length.
Tensor3 encode_all(const RnnWeights& encoder, const Matrix& vocab, const std::vector<std::vector<std::size_t>>& ids) {
    const std::size_t n = ids.size(), T_max = ids.empty() ? 0 : ids[0].size(), d_in = vocab.shape(1);
    const std::size_t d_hidden = encoder.weight_hh.shape(0);
    Tensor3 states = xt::zeros<double>({n, T_max, d_hidden});
    const Vector h_0 = xt::zeros<double>({d_hidden});
    for (std::size_t i = 0; i < n; ++i) {
        Matrix inputs = xt::zeros<double>({T_max, d_in});  // (T_max, d_in)
        for (std::size_t t = 0; t < T_max; ++t) xt::view(inputs, t, xt::all()) = xt::view(vocab, ids[i][t], xt::all());
        const Matrix h = rnn_states(encoder, inputs, h_0);  // (T_max, d_hidden)
        if (h.shape(0) != T_max || h.shape(1) != d_hidden)
            throw std::runtime_error("bottleneck_experiment: rnn_states returned the wrong shape");
        xt::view(states, i, xt::all(), xt::all()) = h;
    }
    return states;
}

// The context of kind `kind` (0 last state, 1 mean, 2 position j) for sentences of T tokens,
// with a bias column of ones: (n, d_hidden + 1).
Matrix contexts(const Tensor3& states, std::size_t T, std::size_t j, int kind) {
    const std::size_t n = states.shape(0), d_hidden = states.shape(2);
    Matrix A = xt::ones<double>({n, d_hidden + 1});
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t k = 0; k < d_hidden; ++k) {
            double value = 0.0;
            if (kind == 0) {
                value = states(i, T - 1, k);
            } else if (kind == 1) {
                for (std::size_t t = 0; t < T; ++t) value += states(i, t, k);
                value /= static_cast<double>(T);
            } else {
                value = states(i, j, k);
            }
            A(i, k) = value;
        }
    }
    return A;
}

}  // namespace

BottleneckResult bottleneck_experiment(const RnnWeights& encoder, std::uint64_t seed, std::size_t vocabulary,
                                       std::size_t T_max, std::size_t n_train, std::size_t n_test) {
    if (vocabulary == 0 || T_max == 0 || n_train == 0 || n_test == 0)
        throw std::invalid_argument("bottleneck_experiment: every size must be at least 1");
    const std::size_t d_in = encoder.weight_ih.shape(1);
    wb::TorchGenerator gen(seed);
    const Matrix vocab = gen.rand(vocabulary, d_in) * 2.0 - 1.0;  // (V, d_in)
    const auto train_ids = draw_ids(gen, n_train, T_max, vocabulary);
    const auto test_ids = draw_ids(gen, n_test, T_max, vocabulary);
    const Tensor3 train_states = encode_all(encoder, vocab, train_ids);  // (n_train, T_max, d_hidden)
    const Tensor3 test_states = encode_all(encoder, vocab, test_ids);    // (n_test, T_max, d_hidden)

    BottleneckResult result;
    result.accuracy = xt::zeros<double>({T_max, std::size_t{3}});
    result.accuracy_by_position = xt::zeros<double>({std::size_t{3}, T_max});
    for (std::size_t T = 1; T <= T_max; ++T) {
        for (int kind = 0; kind < 3; ++kind) {
            double total = 0.0;
            for (std::size_t j = 0; j < T; ++j) {
                Matrix Y = xt::zeros<double>({n_train, vocabulary});  // (n_train, V) one-hot targets
                for (std::size_t i = 0; i < n_train; ++i) Y(i, train_ids[i][j]) = 1.0;
                const Matrix W = ridge_fit(contexts(train_states, T, j, kind), Y, 1e-6);    // (d_hidden + 1, V)
                const Matrix predicted = wb::matmul(contexts(test_states, T, j, kind), W);  // (n_test, V)
                std::size_t right = 0;
                for (std::size_t i = 0; i < n_test; ++i) {
                    std::size_t best = 0;
                    for (std::size_t v = 1; v < vocabulary; ++v)
                        if (predicted(i, v) > predicted(i, best)) best = v;
                    if (best == test_ids[i][j]) ++right;
                }
                const double accuracy = static_cast<double>(right) / static_cast<double>(n_test);
                total += accuracy;
                if (T == T_max) result.accuracy_by_position(kind, j) = accuracy;
            }
            result.accuracy(T - 1, kind) = total / static_cast<double>(T);
        }
    }
    return result;
}

}  // namespace ch05
