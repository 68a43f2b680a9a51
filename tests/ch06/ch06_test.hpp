// tests/ch06/ch06_test.hpp - what every Chapter 6 test file shares.
//
// Each test file checks one exercise, tagged [ch06][6.N]: against the stored PyTorch outputs
// (tests/expected/ch06.json, made by tests/torch/ch06.py with autograd and torch.optim.Adam) and
// against properties on random inputs of random shapes (finite differences, sums that must vanish,
// masked gradients that must be exactly 0).
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "support/catch.hpp"

#include <xtensor/xview.hpp>

#include "ch06/ch06.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/expected.hpp"

namespace ch06_test {

// The factor this chapter applies on purpose: the matcher names it when a result is off by it.
inline const bool scale_is_known = wb::test::know_factor(wb::test::inverse_sqrt_factor("d_k"));

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch06");
    return outputs;
}

using wb::test::Equals;
using wb::test::Says;

// PyTorch's numbers to 1e-9 relative (and 1e-12 absolute, for values near 0).
inline wb::test::TensorMatcher Torch(const xt::xarray<double>& e) {
    return Equals(e, 1e-12, 1e-9);
}

inline wb::Matrix mat(const std::string& name) {
    return expected().tensor<2>(name);
}

inline wb::Vector vec(const std::string& name) {
    return expected().tensor<1>(name);
}

// A random softmax row (T) of scores in [-3, 3).
inline wb::Vector random_weights(std::uint64_t seed, std::size_t T) {
    return wb::ref::softmax(wb::ref::random_vector(seed, T, -3, 3));
}

// Row i of the loop product d_output values^T etc.: the most literal loops, independent of the solutions.
inline wb::Matrix loop_matmul_bt(const wb::Matrix& a, const wb::Matrix& b) {  // a b^T
    return wb::ref::matmul(a, wb::ref::transpose(b));
}

inline wb::Matrix loop_matmul_at(const wb::Matrix& a, const wb::Matrix& b) {  // a^T b
    return wb::ref::matmul(wb::ref::transpose(a), b);
}

// The softmax's VJP by the full Jacobian, row by row: dz_j = sum_i g_i p_i (delta_ij - p_j).
inline wb::Vector loop_vjp(const wb::Vector& p, const wb::Vector& g) {
    wb::Vector out = xt::zeros<double>({p.size()});
    for (std::size_t j = 0; j < p.size(); ++j)
        for (std::size_t i = 0; i < p.size(); ++i) out(j) += g(i) * p(i) * ((i == j ? 1.0 : 0.0) - p(j));
    return out;
}

// Causal weights (T, T): row i a softmax over keys 0..i, exactly 0 beyond.
inline wb::Matrix causal_weights(std::uint64_t seed, std::size_t T) {
    const wb::Matrix scores = wb::ref::random_matrix(seed, T, T, -3, 3);
    wb::Matrix out = xt::zeros<double>({T, T});
    for (std::size_t i = 0; i < T; ++i) {
        wb::Vector row = xt::zeros<double>({i + 1});
        for (std::size_t j = 0; j <= i; ++j) row(j) = scores(i, j);
        const wb::Vector p = wb::ref::softmax(row);
        for (std::size_t j = 0; j <= i; ++j) out(i, j) = p(j);
    }
    return out;
}

// The model's first `steps` training losses on `data`, 16 sentences a step, as tests/torch/ch06.py's
// train_losses; largest_d_score: the largest |dL/dscores| met.
inline wb::Vector first_losses(ch06::TranslationModel& model, const std::vector<ch06::SentencePair>& data,
                               std::size_t steps, double& largest_d_score) {
    wb::Vector losses = xt::zeros<double>({steps});
    largest_d_score = 0.0;
    for (std::size_t step = 0; step < steps; ++step) {
        const std::vector<ch06::SentencePair> batch(data.begin() + step * 16, data.begin() + (step + 1) * 16);
        double d = 0.0;
        losses(step) = model.loss_and_gradient(batch, &d);
        largest_d_score = std::max(largest_d_score, d);
        model.adam_step();
    }
    return losses;
}

inline double max_abs(const xt::xarray<double>& a) {
    double m = 0.0;
    for (double x : a) m = std::max(m, std::fabs(x));
    return m;
}

}  // namespace ch06_test
