// tests/ch07/ch07_test.hpp - what every Chapter 7 test file shares.
//
// Each test file checks one exercise, tagged [ch07][7.N]: against the stored PyTorch outputs
// (tests/expected/ch07.json, made by tests/torch/ch07.py: softmaxes, attention with whole score
// matrices, the states (m, l, acc) of key prefixes, decoding by recomputation, grouped-query
// attention and nn.MultiheadAttention), and against properties on random shapes, block sizes and
// seeds, so a hard-coded answer cannot pass. The plain-loop oracles below are written
// independently of the exercises, the solutions and the given code: index arithmetic only.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "support/catch.hpp"

#include "ch07/ch07.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/expected.hpp"

namespace ch07_test {

// The factor this chapter applies on purpose: the matcher names it when a result is off by it.
inline const bool scale_is_known = wb::test::know_factor(wb::test::inverse_sqrt_factor("d_k"));

using wb::Matrix;
using wb::Vector;
using wb::test::Contains;
using wb::test::Equals;
using wb::test::Says;

constexpr double minus_infinity = -std::numeric_limits<double>::infinity();

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch07");
    return outputs;
}

// A stored 0/1 vector as a key padding mask (true = padding).
inline std::vector<bool> stored_padding(const std::string& name) {
    const Vector flags = expected().tensor<1>(name);
    std::vector<bool> padding;
    for (double f : flags) padding.push_back(f != 0.0);
    return padding;
}

// Head h's columns of a (T, n*hd) matrix, by a loop.
inline Matrix columns_of(const Matrix& x, std::size_t h, std::size_t hd) {
    Matrix out = xt::zeros<double>({x.shape(0), hd});
    for (std::size_t t = 0; t < x.shape(0); ++t)
        for (std::size_t c = 0; c < hd; ++c) out(t, c) = x(t, h * hd + c);
    return out;
}

// The example's head h, (T, hd) each, as PyTorch stored them.
struct Head {
    Matrix queries, keys, values;
};
inline Head stored_head(std::size_t h) {
    return {columns_of(expected().tensor<2>("example/queries"), h, 2),
            columns_of(expected().tensor<2>("example/keys"), h, 2),
            columns_of(expected().tensor<2>("example/values"), h, 2)};
}

// Whether query i (of T_q, the last positions of T_k) may see key j.
inline bool visible(std::size_t i, std::size_t j, std::size_t T_q, std::size_t T_k, bool causal,
                    const std::vector<bool>& padding) {
    if (!padding.empty() && padding[j]) return false;
    return !causal || j <= T_k - T_q + i;
}

// One scaled score by a loop.
inline double score(const Matrix& q, std::size_t i, const Matrix& k, std::size_t j) {
    double s = 0.0;
    for (std::size_t c = 0; c < q.shape(1); ++c) s += q(i, c) * k(j, c);
    return s / std::sqrt(static_cast<double>(q.shape(1)));
}

// The oracle: attention by plain loops; rows with no visible key give 0.
inline Matrix loop_attention(const Matrix& q, const Matrix& k, const Matrix& v, bool causal,
                             const std::vector<bool>& padding = {}) {
    const std::size_t T_q = q.shape(0), T_k = k.shape(0), hv = v.shape(1);
    Matrix out = xt::zeros<double>({T_q, hv});
    for (std::size_t i = 0; i < T_q; ++i) {
        double largest = minus_infinity;
        for (std::size_t j = 0; j < T_k; ++j)
            if (visible(i, j, T_q, T_k, causal, padding)) largest = std::max(largest, score(q, i, k, j));
        if (largest == minus_infinity) continue;
        double total = 0.0;
        for (std::size_t j = 0; j < T_k; ++j)
            if (visible(i, j, T_q, T_k, causal, padding)) total += std::exp(score(q, i, k, j) - largest);
        for (std::size_t j = 0; j < T_k; ++j)
            if (visible(i, j, T_q, T_k, causal, padding))
                for (std::size_t c = 0; c < hv; ++c)
                    out(i, c) += std::exp(score(q, i, k, j) - largest) / total * v(j, c);
    }
    return out;
}

// The state (m, l, acc) of one row of `scores` (-inf = masked) over the columns in `keys`.
inline ch07::PartialState loop_state(const Matrix& scores, std::size_t i, const Matrix& values,
                                     const std::vector<std::size_t>& keys) {
    ch07::PartialState s;
    s.m = minus_infinity;
    s.l = 0.0;
    s.acc = xt::zeros<double>({values.shape(1)});
    for (std::size_t j : keys) s.m = std::max(s.m, scores(i, j));
    if (s.m == minus_infinity) return s;
    for (std::size_t j : keys) {
        const double p = std::exp(scores(i, j) - s.m);
        s.l += p;
        for (std::size_t c = 0; c < values.shape(1); ++c) s.acc(c) += p * values(j, c);
    }
    return s;
}

inline std::vector<std::size_t> first_keys(std::size_t n) {
    std::vector<std::size_t> keys(n);
    for (std::size_t j = 0; j < n; ++j) keys[j] = j;
    return keys;
}

// The rows [r0, r1) and columns [c0, c1) of a matrix, copied by a loop.
inline Matrix block_of(const Matrix& m, std::size_t r0, std::size_t r1, std::size_t c0, std::size_t c1) {
    Matrix out = xt::zeros<double>({r1 - r0, c1 - c0});
    for (std::size_t r = r0; r < r1; ++r)
        for (std::size_t c = c0; c < c1; ++c) out(r - r0, c - c0) = m(r, c);
    return out;
}

// A random padding mask: about one key in four is padding; `all` pads every key.
inline std::vector<bool> random_padding(std::uint64_t seed, std::size_t T_k, bool all = false) {
    const Vector u = wb::ref::random_vector(seed, T_k, 0.0, 1.0);
    std::vector<bool> padding(T_k);
    for (std::size_t j = 0; j < T_k; ++j) padding[j] = all || u(j) < 0.25;
    return padding;
}

// Weights stored by tests/torch/ch07.py under prefix (no Q/K/V bias unless stored).
inline ch07::MultiHeadWeights stored_weights(const std::string& prefix, std::size_t H, std::size_t H_kv) {
    ch07::MultiHeadWeights w;
    w.num_heads = H;
    w.num_kv_heads = H_kv;
    w.query.weight = expected().tensor<2>(prefix + "/W_query");
    w.key.weight = expected().tensor<2>(prefix + "/W_key");
    w.value.weight = expected().tensor<2>(prefix + "/W_value");
    w.out_proj = {expected().tensor<2>(prefix + "/out_proj/weight"), expected().tensor<1>(prefix + "/out_proj/bias")};
    return w;
}

// nn.MultiheadAttention's weights, Q/K/V biases included.
inline ch07::MultiHeadWeights stored_torch_mha() {
    ch07::MultiHeadWeights w;
    w.num_heads = 2;
    w.num_kv_heads = 2;
    w.query = {expected().tensor<2>("torch_mha/W_query/weight"), expected().tensor<1>("torch_mha/W_query/bias")};
    w.key = {expected().tensor<2>("torch_mha/W_key/weight"), expected().tensor<1>("torch_mha/W_key/bias")};
    w.value = {expected().tensor<2>("torch_mha/W_value/weight"), expected().tensor<1>("torch_mha/W_value/bias")};
    w.out_proj = {expected().tensor<2>("torch_mha/out_proj/weight"), expected().tensor<1>("torch_mha/out_proj/bias")};
    return w;
}

inline ch07::Linear random_linear(std::uint64_t seed, std::size_t in, std::size_t out, bool bias) {
    ch07::Linear layer{wb::ref::random_matrix(seed, out, in), Vector{}};
    if (bias) layer.bias = wb::ref::random_vector(seed + 1000, out);
    return layer;
}

inline ch07::MultiHeadWeights random_weights(std::uint64_t seed, std::size_t d_in, std::size_t H, std::size_t H_kv,
                                             std::size_t hd, bool qkv_bias) {
    ch07::MultiHeadWeights w;
    w.num_heads = H;
    w.num_kv_heads = H_kv;
    w.query = random_linear(seed + 1, d_in, H * hd, qkv_bias);
    w.key = random_linear(seed + 2, d_in, H_kv * hd, qkv_bias);
    w.value = random_linear(seed + 3, d_in, H_kv * hd, qkv_bias);
    w.out_proj = random_linear(seed + 4, H * hd, H * hd, true);
    return w;
}

// x W^T + b at one row, by a loop.
inline double linear_at(const Matrix& x, std::size_t t, const ch07::Linear& layer, std::size_t o) {
    double y = layer.bias.size() != 0 ? layer.bias(o) : 0.0;
    for (std::size_t k = 0; k < x.shape(1); ++k) y += x(t, k) * layer.weight(o, k);
    return y;
}

inline Matrix loop_linear(const Matrix& x, const ch07::Linear& layer) {
    Matrix y = xt::zeros<double>({x.shape(0), layer.weight.shape(0)});
    for (std::size_t t = 0; t < x.shape(0); ++t)
        for (std::size_t o = 0; o < layer.weight.shape(0); ++o) y(t, o) = linear_at(x, t, layer, o);
    return y;
}

// Causal grouped-query multi-head attention of every token, by loops: the recomputation oracle.
inline Matrix loop_multi_head(const Matrix& x, const ch07::MultiHeadWeights& w) {
    const std::size_t H = w.num_heads, H_kv = w.num_kv_heads, d_out = w.query.weight.shape(0), hd = d_out / H;
    const Matrix q = loop_linear(x, w.query), k = loop_linear(x, w.key), v = loop_linear(x, w.value);
    Matrix merged = xt::zeros<double>({x.shape(0), d_out});
    for (std::size_t h = 0; h < H; ++h) {
        const std::size_t g = h / (H / H_kv);
        const Matrix context = loop_attention(columns_of(q, h, hd), columns_of(k, g, hd), columns_of(v, g, hd), true);
        for (std::size_t t = 0; t < x.shape(0); ++t)
            for (std::size_t c = 0; c < hd; ++c) merged(t, h * hd + c) = context(t, c);
    }
    return loop_linear(merged, w.out_proj);
}

// Row t of a matrix as a vector.
inline Vector row_of(const Matrix& m, std::size_t t) {
    Vector r = xt::zeros<double>({m.shape(1)});
    for (std::size_t c = 0; c < m.shape(1); ++c) r(c) = m(t, c);
    return r;
}

}  // namespace ch07_test
