// tests/ch02/ch02_test.hpp - what every Chapter 2 test file shares.
//
// Each test file checks one exercise, tagged [ch02][2.N]: against the stored PyTorch outputs for
// the chapter's sentence and weights (tests/expected/ch02.json, made by tests/torch/make_expected.py),
// and against properties on random inputs of random shapes, so a hard-coded answer cannot pass.
// The plain-loop oracles below are written from the formulas, independently of the solutions, and
// never call an exercise: a test of 2.7 does not fail because 2.4 is not done yet.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <xtensor/xmanipulation.hpp>
#include <xtensor/xview.hpp>

#include "support/catch.hpp"

#include "ch02/ch02.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/expected.hpp"

namespace ch02_test {

// The factor this chapter applies on purpose: the matcher names it when a result is off by it.
inline const bool scale_is_known = wb::test::know_factor(wb::test::inverse_sqrt_factor("d_k"));

using wb::Matrix;
using wb::Vector;
using wb::test::Contains;
using wb::test::Equals;
using wb::test::Says;

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch02");
    return outputs;
}

// V1 with PyTorch's seed-123 weights (torch.rand(3, 2) three times).
inline ch02::SelfAttentionV1 expected_v1() {
    return {expected().tensor<2>("W_query"), expected().tensor<2>("W_key"), expected().tensor<2>("W_value")};
}

// V2 with PyTorch's seed-789 nn.Linear(3, 2) layers; tag "v2" (no bias) or "v2_bias".
inline ch02::SelfAttentionV2 expected_v2(const std::string& tag) {
    ch02::SelfAttentionV2 module;
    const auto layer = [&](const std::string& name) {
        ch02::Linear l;
        l.weight = expected().tensor<2>(tag + "_" + name + "_weight");
        if (tag == "v2_bias") l.bias = expected().tensor<1>(tag + "_" + name + "_bias");
        return l;
    };
    module.W_query = layer("W_query");
    module.W_key = layer("W_key");
    module.W_value = layer("W_value");
    return module;
}

// softmax_rows(queries @ keys^T / sqrt(d_k)) @ values, by loops. queries (T_q, d_k), keys (T_k, d_k),
// values (T_k, d_v) -> (T_q, d_v).
inline Matrix ref_attention(const Matrix& queries, const Matrix& keys, const Matrix& values) {
    const std::size_t T_q = queries.shape(0), T_k = keys.shape(0), d_k = keys.shape(1), d_v = values.shape(1);
    Matrix scores = xt::zeros<double>({T_q, T_k});  // (T_q, T_k)
    for (std::size_t i = 0; i < T_q; ++i)
        for (std::size_t j = 0; j < T_k; ++j) {
            double s = 0.0;
            for (std::size_t k = 0; k < d_k; ++k) s += queries(i, k) * keys(j, k);
            scores(i, j) = s / std::sqrt(static_cast<double>(d_k));
        }
    const Matrix weights = wb::ref::softmax_rows(scores);  // (T_q, T_k)
    Matrix contexts = xt::zeros<double>({T_q, d_v});       // (T_q, d_v)
    for (std::size_t i = 0; i < T_q; ++i)
        for (std::size_t j = 0; j < T_k; ++j)
            for (std::size_t k = 0; k < d_v; ++k) contexts(i, k) += weights(i, j) * values(j, k);
    return contexts;
}

// inputs @ weight^T + bias, by loops. inputs (T, d_in), weight (d_out, d_in) -> (T, d_out).
inline Matrix ref_linear(const ch02::Linear& layer, const Matrix& inputs) {
    Matrix outputs = wb::ref::matmul(inputs, wb::ref::transpose(layer.weight));  // (T, d_out)
    if (layer.bias.size() != 0)
        for (std::size_t i = 0; i < outputs.shape(0); ++i)
            for (std::size_t j = 0; j < outputs.shape(1); ++j) outputs(i, j) += layer.bias(j);
    return outputs;
}

inline Matrix ref_v1(const ch02::SelfAttentionV1& m, const Matrix& inputs) {
    return ref_attention(wb::ref::matmul(inputs, m.W_query), wb::ref::matmul(inputs, m.W_key),
                         wb::ref::matmul(inputs, m.W_value));
}

inline Matrix ref_v2(const ch02::SelfAttentionV2& m, const Matrix& inputs) {
    return ref_attention(ref_linear(m.W_query, inputs), ref_linear(m.W_key, inputs), ref_linear(m.W_value, inputs));
}

// Random modules: weights uniform on [-1, 1), drawn from seeds derived from `seed`.
inline ch02::SelfAttentionV1 random_v1(std::uint64_t seed, std::size_t d_in, std::size_t d_out) {
    return {wb::ref::random_matrix(seed * 7 + 1, d_in, d_out), wb::ref::random_matrix(seed * 7 + 2, d_in, d_out),
            wb::ref::random_matrix(seed * 7 + 3, d_in, d_out)};
}

inline ch02::Linear random_linear(std::uint64_t seed, std::size_t d_in, std::size_t d_out, bool bias) {
    ch02::Linear layer;
    layer.weight = wb::ref::random_matrix(seed, d_out, d_in);  // (d_out, d_in)
    if (bias) layer.bias = wb::ref::random_vector(seed + 500, d_out);
    return layer;
}

inline ch02::SelfAttentionV2 random_v2(std::uint64_t seed, std::size_t d_in, std::size_t d_out, bool bias) {
    return {random_linear(seed * 7 + 4, d_in, d_out, bias), random_linear(seed * 7 + 5, d_in, d_out, bias),
            random_linear(seed * 7 + 6, d_in, d_out, bias)};
}

}  // namespace ch02_test
