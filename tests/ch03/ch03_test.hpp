// tests/ch03/ch03_test.hpp - what every Chapter 3 test file shares.
//
// Each test file checks one exercise, tagged [ch03][3.N]: against the stored PyTorch outputs
// (tests/expected/ch03.json, made by tests/torch/ch03.py: torch.tril, masked_fill, nn.Dropout at
// seed 123, a CausalAttention module at seed 123), and against properties on random inputs. The
// oracles below are plain loops written for the tests, independent of the exercises and of the
// reference solutions, so a test can compare an exercise with them.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "support/catch.hpp"

#include "ch03/ch03.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/example.hpp"
#include "wb/expected.hpp"
#include "wb/torch_rng.hpp"

namespace ch03_test {

// The factor this chapter applies on purpose: the matcher names it when a result is off by it.
inline const bool scale_is_known = wb::test::know_factor(wb::test::inverse_sqrt_factor("d_k"));

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch03");
    return outputs;
}

using wb::test::Contains;
using wb::test::Equals;
using wb::test::Says;

// Chapter 3's known mistakes, for .hint(): each predicate sees (expected, actual) weights.
inline bool leaks_where_expected_zero(const xt::xarray<double>& expected, const xt::xarray<double>& actual) {
    for (std::size_t k = 0; k < expected.size(); ++k)
        if (expected.data()[k] == 0.0 && actual.data()[k] != 0.0) return true;
    return false;
}
inline bool rows_sum_below_one(const xt::xarray<double>& expected, const xt::xarray<double>& actual) {
    const std::size_t cols = expected.shape().back();
    for (std::size_t start = 0; start + cols <= expected.size(); start += cols) {
        double want = 0.0, got = 0.0;
        for (std::size_t c = 0; c < cols; ++c) want += expected.data()[start + c], got += actual.data()[start + c];
        if (std::fabs(want - 1.0) < 1e-9 && got < 1.0 - 1e-9) return true;
    }
    return false;
}
inline constexpr const char* filled_with_zero =
    "weight where the mask is 0: the masked scores were filled with 0 (exp(0) = 1 leaks weight) or not at all, "
    "instead of -inf";
inline constexpr const char* not_renormalised =
    "a row sums to less than 1 after masking: the masked weights were zeroed but the row was not divided by its "
    "new sum";

// The module's weights at seed 123 and the chapter's weights at seed 789, as stored by PyTorch.
inline ch03::AttentionWeights stored_weights(const std::string& prefix) {
    return {expected().tensor<2>(prefix + "W_query"), expected().tensor<2>(prefix + "W_key"),
            expected().tensor<2>(prefix + "W_value")};
}

// Random weights (d_out, d_in) for property tests, as three draws of the generator.
inline ch03::AttentionWeights random_weights(std::uint64_t seed, std::size_t d_in, std::size_t d_out) {
    return {wb::ref::random_matrix(seed + 1000, d_out, d_in), wb::ref::random_matrix(seed + 2000, d_out, d_in),
            wb::ref::random_matrix(seed + 3000, d_out, d_in)};
}

// A random (rows, cols) 0/1 mask: each entry 1 with probability `allowed`.
inline wb::Matrix random_mask(std::uint64_t seed, std::size_t rows, std::size_t cols, double allowed = 0.6) {
    const wb::Matrix u = wb::ref::random_matrix(seed, rows, cols, 0.0, 1.0);
    wb::Matrix mask = xt::zeros<double>({rows, cols});
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < cols; ++j) mask(i, j) = u(i, j) < allowed ? 1.0 : 0.0;
    return mask;
}

// 1 where j <= i: the causal mask, by the most literal loop.
inline wb::Matrix causal_loop(std::size_t T) {
    wb::Matrix mask = xt::zeros<double>({T, T});
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = 0; j < T; ++j) mask(i, j) = j <= i ? 1.0 : 0.0;
    return mask;
}

// The masked softmax, row by row: exp over the allowed keys only, divided by their sum; a row
// with no allowed key is all zeros (the chapter's policy).
inline wb::Matrix masked_softmax_loop(const wb::Matrix& scores, const wb::Matrix& mask) {
    const std::size_t T_q = scores.shape(0), T_k = scores.shape(1);
    wb::Matrix out = xt::zeros<double>({T_q, T_k});
    for (std::size_t i = 0; i < T_q; ++i) {
        double largest = -std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < T_k; ++j)
            if (mask(i, j) != 0.0) largest = std::max(largest, scores(i, j));
        if (std::isinf(largest)) continue;  // no allowed key
        double total = 0.0;
        for (std::size_t j = 0; j < T_k; ++j)
            if (mask(i, j) != 0.0) total += (out(i, j) = std::exp(scores(i, j) - largest));
        for (std::size_t j = 0; j < T_k; ++j) out(i, j) /= total;
    }
    return out;
}

// One sequence of masked self-attention by loops: inputs (T, d_in), mask (T, T), optional
// dropout (keep (T, T), p)  ->  (T, d_out).
inline wb::Matrix attention_loop(const wb::Matrix& x, const ch03::AttentionWeights& w, const wb::Matrix& mask,
                                 const wb::Matrix* keep = nullptr, double p = 0.0) {
    const wb::Matrix queries = wb::ref::matmul(x, wb::ref::transpose(w.W_query));  // (T, d_out)
    const wb::Matrix keys = wb::ref::matmul(x, wb::ref::transpose(w.W_key));       // (T, d_out)
    const wb::Matrix values = wb::ref::matmul(x, wb::ref::transpose(w.W_value));   // (T, d_out)
    const double scale = 1.0 / std::sqrt(static_cast<double>(keys.shape(1)));
    wb::Matrix scores = wb::ref::matmul(queries, wb::ref::transpose(keys));  // (T, T)
    for (double& s : scores) s *= scale;
    wb::Matrix weights = masked_softmax_loop(scores, mask);  // (T, T)
    if (keep != nullptr)
        for (std::size_t i = 0; i < weights.shape(0); ++i)
            for (std::size_t j = 0; j < weights.shape(1); ++j) weights(i, j) *= (*keep)(i, j) / (1.0 - p);
    return wb::ref::matmul(weights, values);  // (T, d_out)
}

}  // namespace ch03_test
