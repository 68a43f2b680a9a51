// tests/ch05/ch05_test.hpp - what every Chapter 5 test file shares.
//
// Each test file checks one exercise, tagged [ch05][5.N]: against the stored PyTorch outputs
// (tests/expected/ch05.json, made by tests/torch/ch05.py: nn.RNN, the scoring functions,
// cross-attention, the alignments) and against properties on random inputs of random shapes.
#pragma once

#include <cmath>
#include <string>

#include "support/catch.hpp"

#include <xtensor/xview.hpp>

#include "ch05/ch05.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/example.hpp"
#include "wb/expected.hpp"

namespace ch05_test {

// The factor this chapter applies on purpose: the matcher names it when a result is off by it.
inline const bool scale_is_known = wb::test::know_factor(wb::test::inverse_sqrt_factor("d_k"));

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch05");
    return outputs;
}

using wb::test::Equals;
using wb::test::Says;

// The stored nn.RNN weights of the encoder or the decoder ("encoder" / "decoder").
inline ch05::RnnWeights stored_rnn(const std::string& name) {
    ch05::RnnWeights w;
    w.weight_ih = expected().tensor<2>(name + "/weight_ih");
    w.weight_hh = expected().tensor<2>(name + "/weight_hh");
    w.bias_ih = expected().tensor<1>(name + "/bias_ih");
    w.bias_hh = expected().tensor<1>(name + "/bias_hh");
    return w;
}

inline ch05::AdditiveWeights stored_additive() {
    return {expected().tensor<2>("W_s"), expected().tensor<2>("W_h"), expected().tensor<1>("v")};
}

// Random RNN weights in [-0.6, 0.6), for property tests.
inline ch05::RnnWeights random_rnn(std::uint64_t seed, std::size_t d_in, std::size_t d_hidden) {
    ch05::RnnWeights w;
    w.weight_ih = wb::ref::random_matrix(seed, d_hidden, d_in, -0.6, 0.6);
    w.weight_hh = wb::ref::random_matrix(seed + 1000, d_hidden, d_hidden, -0.6, 0.6);
    w.bias_ih = wb::ref::random_vector(seed + 2000, d_hidden, -0.6, 0.6);
    w.bias_hh = wb::ref::random_vector(seed + 3000, d_hidden, -0.6, 0.6);
    return w;
}

// The most literal loop for one RNN step, written independently of the solutions.
inline wb::Vector loop_rnn_cell(const ch05::RnnWeights& w, const wb::Vector& x, const wb::Vector& h) {
    wb::Vector out = xt::zeros<double>({w.weight_ih.shape(0)});
    for (std::size_t i = 0; i < out.size(); ++i) {
        double sum = w.bias_ih(i) + w.bias_hh(i);
        for (std::size_t k = 0; k < x.size(); ++k) sum += w.weight_ih(i, k) * x(k);
        for (std::size_t k = 0; k < h.size(); ++k) sum += w.weight_hh(i, k) * h(k);
        out(i) = std::tanh(sum);
    }
    return out;
}

// Row t of a stored (T, d) tensor.
inline wb::Vector stored_row(const std::string& name, std::size_t t) {
    return wb::ref::row(expected().tensor<2>(name), t);
}

// Plain-loop scores: dot, general s^T W h_j, additive v . tanh(W_s s + W_h h_j).
inline wb::Vector loop_dot(const wb::Vector& s, const wb::Matrix& H) {
    wb::Vector out = xt::zeros<double>({H.shape(0)});
    for (std::size_t j = 0; j < H.shape(0); ++j)
        for (std::size_t k = 0; k < H.shape(1); ++k) out(j) += s(k) * H(j, k);
    return out;
}

inline wb::Vector loop_general(const wb::Vector& s, const wb::Matrix& H, const wb::Matrix& W) {
    wb::Vector out = xt::zeros<double>({H.shape(0)});
    for (std::size_t j = 0; j < H.shape(0); ++j)
        for (std::size_t a = 0; a < W.shape(0); ++a)
            for (std::size_t b = 0; b < W.shape(1); ++b) out(j) += s(a) * W(a, b) * H(j, b);
    return out;
}

inline wb::Vector loop_additive(const wb::Vector& s, const wb::Matrix& H, const ch05::AdditiveWeights& w) {
    wb::Vector out = xt::zeros<double>({H.shape(0)});
    for (std::size_t j = 0; j < H.shape(0); ++j) {
        for (std::size_t a = 0; a < w.v.size(); ++a) {
            double hidden = 0.0;
            for (std::size_t k = 0; k < s.size(); ++k) hidden += w.W_s(a, k) * s(k);
            for (std::size_t k = 0; k < H.shape(1); ++k) hidden += w.W_h(a, k) * H(j, k);
            out(j) += w.v(a) * std::tanh(hidden);
        }
    }
    return out;
}

// sum_j weights(j) * values row j, by a loop.
inline wb::Vector loop_context(const wb::Vector& weights, const wb::Matrix& values) {
    wb::Vector out = xt::zeros<double>({values.shape(1)});
    for (std::size_t j = 0; j < values.shape(0); ++j)
        for (std::size_t k = 0; k < values.shape(1); ++k) out(k) += weights(j) * values(j, k);
    return out;
}

}  // namespace ch05_test
