// tests/ch04/ch04_test.hpp - what every Chapter 4 test file shares.
//
// Each test file checks one exercise, tagged [ch04][4.N]: against the stored PyTorch outputs
// (tests/expected/ch04.json, made by tests/torch/ch04.py: the wrapper, the efficient version and
// nn.MultiheadAttention), and against properties on random inputs of random B, T, H, hd, so a
// hard-coded answer cannot pass. The plain-loop oracles below are written independently of the
// exercises and solutions: index arithmetic only, no reshapes, no library softmax.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "support/catch.hpp"

#include "ch04/ch04.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/expected.hpp"

namespace ch04_test {

// The factor this chapter applies on purpose: the matcher names it when a result is off by it.
inline const bool scale_is_known = wb::test::know_factor(wb::test::inverse_sqrt_factor("d_k"));

using wb::test::Contains;
using wb::test::Equals;
using wb::test::Says;

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch04");
    return outputs;
}

// A (d0, d1, d2) tensor of uniform values on [low, high), from torch.manual_seed(seed).
inline wb::Tensor3 random_tensor3(std::uint64_t seed, std::size_t d0, std::size_t d1, std::size_t d2, double low = -1.0,
                                  double high = 1.0) {
    const wb::Matrix flat = wb::ref::random_matrix(seed, d0 * d1, d2, low, high);  // (d0*d1, d2)
    wb::Tensor3 t = xt::zeros<double>({d0, d1, d2});
    for (std::size_t k = 0; k < t.size(); ++k) t.data()[k] = flat.data()[k];
    return t;
}

inline wb::Tensor4 random_tensor4(std::uint64_t seed, std::size_t d0, std::size_t d1, std::size_t d2, std::size_t d3,
                                  double low = -1.0, double high = 1.0) {
    const wb::Matrix flat = wb::ref::random_matrix(seed, d0 * d1 * d2, d3, low, high);
    wb::Tensor4 t = xt::zeros<double>({d0, d1, d2, d3});
    for (std::size_t k = 0; k < t.size(); ++k) t.data()[k] = flat.data()[k];
    return t;
}

// The wrapper's heads stored by PyTorch under "<prefix>/head<h>/W_query" etc.
inline std::vector<ch04::CausalHead> stored_heads(const std::string& prefix, std::size_t H) {
    std::vector<ch04::CausalHead> heads(H);
    for (std::size_t h = 0; h < H; ++h) {
        const std::string p = prefix + "/head" + std::to_string(h) + "/";
        heads[h].query.weight = expected().tensor<2>(p + "W_query");
        heads[h].key.weight = expected().tensor<2>(p + "W_key");
        heads[h].value.weight = expected().tensor<2>(p + "W_value");
    }
    return heads;
}

// The efficient version's weights as PyTorch stored them (seed 123, d_in 3, d_out 2, H 2).
inline ch04::MultiHeadWeights stored_mha() {
    ch04::MultiHeadWeights w;
    w.num_heads = 2;
    w.query.weight = expected().tensor<2>("mha/W_query");
    w.key.weight = expected().tensor<2>("mha/W_key");
    w.value.weight = expected().tensor<2>("mha/W_value");
    w.out_proj = ch04::Linear{expected().tensor<2>("mha/out_proj/weight"), expected().tensor<1>("mha/out_proj/bias")};
    return w;
}

// The weights copied into nn.MultiheadAttention (d_in = d_out = 4, H = 2, with Q/K/V biases).
inline ch04::MultiHeadWeights stored_torch_mha() {
    ch04::MultiHeadWeights w;
    w.num_heads = 2;
    w.query = {expected().tensor<2>("torch_mha/W_query/weight"), expected().tensor<1>("torch_mha/W_query/bias")};
    w.key = {expected().tensor<2>("torch_mha/W_key/weight"), expected().tensor<1>("torch_mha/W_key/bias")};
    w.value = {expected().tensor<2>("torch_mha/W_value/weight"), expected().tensor<1>("torch_mha/W_value/bias")};
    w.out_proj = ch04::Linear{expected().tensor<2>("torch_mha/out_proj/weight"),
                              expected().tensor<1>("torch_mha/out_proj/bias")};
    return w;
}

// Random weights: a layer (out, in) with values in [-1, 1), and a bias when asked.
inline ch04::Linear random_linear(std::uint64_t seed, std::size_t in, std::size_t out, bool bias) {
    ch04::Linear layer{wb::ref::random_matrix(seed, out, in), wb::Vector{}};
    if (bias) layer.bias = wb::ref::random_vector(seed + 1000, out);
    return layer;
}

inline ch04::MultiHeadWeights random_mha(std::uint64_t seed, std::size_t d_in, std::size_t d_out, std::size_t H,
                                         bool qkv_bias, bool out_proj) {
    ch04::MultiHeadWeights w;
    w.num_heads = H;
    w.query = random_linear(seed + 1, d_in, d_out, qkv_bias);
    w.key = random_linear(seed + 2, d_in, d_out, qkv_bias);
    w.value = random_linear(seed + 3, d_in, d_out, qkv_bias);
    if (out_proj) w.out_proj = random_linear(seed + 4, d_out, d_out, true);
    return w;
}

// x W^T + b at one token, by loops: y(o) = sum_k x(b, t, k) W(o, k) + bias(o).
inline double linear_at(const wb::Tensor3& x, std::size_t b, std::size_t t, const ch04::Linear& layer, std::size_t o) {
    double y = layer.bias.size() != 0 ? layer.bias(o) : 0.0;
    for (std::size_t k = 0; k < x.shape(2); ++k) y += x(b, t, k) * layer.weight(o, k);
    return y;
}

// Causal multi-head attention by plain loops, head by head, token by token: the oracle.
// weights_out, when given, receives the (B, H, T, T) attention weights.
inline wb::Tensor3 loop_multi_head(const wb::Tensor3& x, const ch04::MultiHeadWeights& w,
                                   wb::Tensor4* weights_out = nullptr) {
    const std::size_t B = x.shape(0), T = x.shape(1), H = w.num_heads, d_out = w.query.weight.shape(0);
    const std::size_t hd = d_out / H;
    wb::Tensor3 q = xt::zeros<double>({B, T, d_out}), k = q, v = q;
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t o = 0; o < d_out; ++o) {
                q(b, t, o) = linear_at(x, b, t, w.query, o);
                k(b, t, o) = linear_at(x, b, t, w.key, o);
                v(b, t, o) = linear_at(x, b, t, w.value, o);
            }
    wb::Tensor3 merged = xt::zeros<double>({B, T, d_out});  // head h in columns h*hd .. h*hd+hd-1
    if (weights_out) *weights_out = xt::zeros<double>({B, H, T, T});
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t i = 0; i < T; ++i) {
                std::vector<double> a(i + 1);  // query i sees keys 0..i only
                double largest = -std::numeric_limits<double>::infinity();
                for (std::size_t j = 0; j <= i; ++j) {
                    double s = 0.0;
                    for (std::size_t c = 0; c < hd; ++c) s += q(b, i, h * hd + c) * k(b, j, h * hd + c);
                    a[j] = s / std::sqrt(static_cast<double>(hd));
                    largest = std::max(largest, a[j]);
                }
                double total = 0.0;
                for (double& s : a) total += (s = std::exp(s - largest));
                for (std::size_t j = 0; j <= i; ++j) {
                    a[j] /= total;
                    if (weights_out) (*weights_out)(b, h, i, j) = a[j];
                    for (std::size_t c = 0; c < hd; ++c) merged(b, i, h * hd + c) += a[j] * v(b, j, h * hd + c);
                }
            }
    if (!w.out_proj) return merged;
    wb::Tensor3 out = xt::zeros<double>({B, T, d_out});
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t o = 0; o < d_out; ++o) out(b, t, o) = linear_at(merged, b, t, *w.out_proj, o);
    return out;
}

// The heads of a wrapper as one MultiHeadWeights for the oracle, stacked by index arithmetic.
inline ch04::MultiHeadWeights stacked_for_oracle(const std::vector<ch04::CausalHead>& heads) {
    const std::size_t H = heads.size(), hd = heads[0].query.weight.shape(0), d_in = heads[0].query.weight.shape(1);
    ch04::MultiHeadWeights w;
    w.num_heads = H;
    w.query.weight = w.key.weight = w.value.weight = xt::zeros<double>({H * hd, d_in});
    for (std::size_t h = 0; h < H; ++h)
        for (std::size_t r = 0; r < hd; ++r)
            for (std::size_t c = 0; c < d_in; ++c) {
                w.query.weight(h * hd + r, c) = heads[h].query.weight(r, c);
                w.key.weight(h * hd + r, c) = heads[h].key.weight(r, c);
                w.value.weight(h * hd + r, c) = heads[h].value.weight(r, c);
            }
    return w;
}

inline std::vector<ch04::CausalHead> random_heads(std::uint64_t seed, std::size_t H, std::size_t d_in, std::size_t hd) {
    std::vector<ch04::CausalHead> heads(H);
    for (std::size_t h = 0; h < H; ++h) {
        heads[h].query = random_linear(seed * 31 + 3 * h, d_in, hd, false);
        heads[h].key = random_linear(seed * 31 + 3 * h + 1, d_in, hd, false);
        heads[h].value = random_linear(seed * 31 + 3 * h + 2, d_in, hd, false);
    }
    return heads;
}

}  // namespace ch04_test
