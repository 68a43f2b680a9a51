// exercises/ch07/given_attention.cpp - ready-made: the naive attention of Chapters 3-4, and small helpers.
//
// Contract (declarations in exercises/ch07/ch07.hpp): naive single-head attention that builds the
// whole (T_q, T_k) score matrix, the causal multi-head (and grouped-query) forward that recomputes
// every token, nn.Linear, the draws of the weights in PyTorch's order, and the empty and finished
// tile states. Compiled into both ch07_exercises and ch07_solutions: you do not edit it. It is
// the yardstick every exercise of the chapter is compared with.
// Not here: anything tiled, online or cached - that is what the exercises build.
#include "ch07/ch07.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch07 {

namespace {
constexpr double minus_infinity = -std::numeric_limits<double>::infinity();
}

Matrix naive_attention(const Matrix& queries, const Matrix& keys, const Matrix& values, bool causal,
                       const std::vector<bool>& key_padding) {
    const std::size_t T_q = queries.shape(0), hd = queries.shape(1), T_k = keys.shape(0), hv = values.shape(1);
    if (keys.shape(1) != hd)
        throw std::invalid_argument(fmt::format("naive_attention: queries have hd {}, keys {}", hd, keys.shape(1)));
    if (values.shape(0) != T_k)
        throw std::invalid_argument(fmt::format("naive_attention: {} keys but {} values", T_k, values.shape(0)));
    if (!key_padding.empty() && key_padding.size() != T_k)
        throw std::invalid_argument(
            fmt::format("naive_attention: key_padding has {} entries for {} keys", key_padding.size(), T_k));
    if (causal && T_q > T_k)
        throw std::invalid_argument(fmt::format("naive_attention: {} causal queries for {} keys", T_q, T_k));
    const double scale = 1.0 / std::sqrt(static_cast<double>(hd));
    Matrix scores = xt::zeros<double>({T_q, T_k});  // (T_q, T_k): the matrix the tiled way never builds
    for (std::size_t i = 0; i < T_q; ++i)
        for (std::size_t j = 0; j < T_k; ++j) {
            const bool hidden = (causal && j > T_k - T_q + i) || (!key_padding.empty() && key_padding[j]);
            double s = 0.0;
            for (std::size_t c = 0; c < hd; ++c) s += queries(i, c) * keys(j, c);
            scores(i, j) = hidden ? minus_infinity : s * scale;
        }
    Matrix context = xt::zeros<double>({T_q, hv});  // (T_q, hv)
    for (std::size_t i = 0; i < T_q; ++i) {
        double largest = minus_infinity;
        for (std::size_t j = 0; j < T_k; ++j) largest = std::max(largest, scores(i, j));
        if (largest == minus_infinity) continue;  // no visible key: context 0
        double total = 0.0;
        for (std::size_t j = 0; j < T_k; ++j) total += std::exp(scores(i, j) - largest);
        for (std::size_t j = 0; j < T_k; ++j) {
            const double weight = std::exp(scores(i, j) - largest) / total;
            for (std::size_t c = 0; c < hv; ++c) context(i, c) += weight * values(j, c);
        }
    }
    return context;
}

Matrix apply_linear(const Matrix& x, const Linear& layer) {
    const std::size_t T = x.shape(0), in = x.shape(1), out = layer.weight.shape(0);
    if (layer.weight.shape(1) != in)
        throw std::invalid_argument(fmt::format("apply_linear: inputs have {} features, the weight ({}, {}) wants {}",
                                                in, out, layer.weight.shape(1), layer.weight.shape(1)));
    if (layer.bias.size() != 0 && layer.bias.size() != out)
        throw std::invalid_argument(
            fmt::format("apply_linear: bias of size {} for {} output features", layer.bias.size(), out));
    Matrix y = xt::zeros<double>({T, out});  // (T, out)
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t o = 0; o < out; ++o) {
            double sum = layer.bias.size() != 0 ? layer.bias(o) : 0.0;
            for (std::size_t k = 0; k < in; ++k) sum += x(t, k) * layer.weight(o, k);
            y(t, o) = sum;
        }
    return y;
}

MultiHeadWeights draw_multi_head(wb::TorchGenerator& gen, std::size_t d_in, std::size_t d_out, std::size_t num_heads,
                                 std::size_t num_kv_heads) {
    if (d_in == 0 || d_out == 0 || num_heads == 0 || num_kv_heads == 0)
        throw std::invalid_argument(fmt::format("draw_multi_head: sizes must be positive (d_in {}, d_out {}, H {}, "
                                                "H_kv {})",
                                                d_in, d_out, num_heads, num_kv_heads));
    if (d_out % num_heads != 0)
        throw std::invalid_argument(
            fmt::format("draw_multi_head: {} heads do not divide d_out = {}", num_heads, d_out));
    if (num_heads % num_kv_heads != 0)
        throw std::invalid_argument(
            fmt::format("draw_multi_head: {} key/value heads do not divide {} heads", num_kv_heads, num_heads));
    const std::size_t hd = d_out / num_heads;
    MultiHeadWeights w;
    w.num_heads = num_heads;
    w.num_kv_heads = num_kv_heads;
    w.query.weight = gen.linear_weight(d_in, d_out);              // (d_out, d_in), first
    w.key.weight = gen.linear_weight(d_in, num_kv_heads * hd);    // (H_kv*hd, d_in)
    w.value.weight = gen.linear_weight(d_in, num_kv_heads * hd);  // (H_kv*hd, d_in)
    w.out_proj.weight = gen.linear_weight(d_out, d_out);          // (d_out, d_out), then its bias
    w.out_proj.bias = gen.linear_bias(d_out, d_out);              // (d_out)
    return w;
}

void check_weights(const MultiHeadWeights& w) {
    const std::size_t H = w.num_heads, H_kv = w.num_kv_heads, d_out = w.query.weight.shape(0);
    const std::size_t d_in = w.query.weight.shape(1);
    if (H == 0 || H_kv == 0 || d_out % H != 0 || H % H_kv != 0)
        throw std::invalid_argument(
            fmt::format("weights: H = {} must divide d_out = {} and H_kv = {} must divide H", H, d_out, H_kv));
    const std::size_t kv = H_kv * (d_out / H);
    for (const Linear* layer : {&w.key, &w.value})
        if (layer->weight.shape(0) != kv || layer->weight.shape(1) != d_in)
            throw std::invalid_argument(fmt::format("weights: key/value weights are ({}, {}), expected ({}, {})",
                                                    layer->weight.shape(0), layer->weight.shape(1), kv, d_in));
    if (w.out_proj.weight.shape(0) != d_out || w.out_proj.weight.shape(1) != d_out)
        throw std::invalid_argument(fmt::format("weights: out_proj is ({}, {}), expected ({}, {})",
                                                w.out_proj.weight.shape(0), w.out_proj.weight.shape(1), d_out, d_out));
}

Matrix head_columns(const Matrix& x, std::size_t h, std::size_t hd) {
    if ((h + 1) * hd > x.shape(1))
        throw std::invalid_argument(
            fmt::format("head_columns: head {} of {} columns in a matrix of {}", h, hd, x.shape(1)));
    Matrix columns = xt::view(x, xt::all(), xt::range(h * hd, (h + 1) * hd));  // (T, hd)
    return columns;
}

Matrix causal_multi_head_naive(const Matrix& inputs, const MultiHeadWeights& w) {
    check_weights(w);
    const std::size_t T = inputs.shape(0), H = w.num_heads, d_out = w.query.weight.shape(0), hd = d_out / H;
    const std::size_t group = H / w.num_kv_heads;          // query heads per key/value head
    const Matrix queries = apply_linear(inputs, w.query);  // (T, d_out)
    const Matrix keys = apply_linear(inputs, w.key);       // (T, H_kv*hd)
    const Matrix values = apply_linear(inputs, w.value);   // (T, H_kv*hd)
    Matrix merged = xt::zeros<double>({T, d_out});         // (T, d_out): head h in columns h*hd ..
    for (std::size_t h = 0; h < H; ++h) {
        const Matrix context = naive_attention(head_columns(queries, h, hd), head_columns(keys, h / group, hd),
                                               head_columns(values, h / group, hd), true);  // (T, hd)
        xt::view(merged, xt::all(), xt::range(h * hd, (h + 1) * hd)) = context;
    }
    return apply_linear(merged, w.out_proj);  // (T, d_out)
}

TileState empty_tile_state(std::size_t rows, std::size_t hv) {
    TileState state;
    state.m = Vector::from_shape({rows});
    state.m.fill(minus_infinity);               // (rows): no key seen
    state.l = xt::zeros<double>({rows});        // (rows)
    state.acc = xt::zeros<double>({rows, hv});  // (rows, hv)
    return state;
}

Matrix finish(const TileState& state) {
    const std::size_t rows = state.acc.shape(0), hv = state.acc.shape(1);
    if (state.l.size() != rows)
        throw std::invalid_argument(fmt::format("finish: {} normalisers for {} rows", state.l.size(), rows));
    Matrix context = xt::zeros<double>({rows, hv});  // (rows, hv)
    for (std::size_t i = 0; i < rows; ++i)
        if (state.l(i) > 0.0)
            for (std::size_t c = 0; c < hv; ++c) context(i, c) = state.acc(i, c) / state.l(i);
    return context;
}

KVCache make_cache(const MultiHeadWeights& w, std::size_t capacity) {
    check_weights(w);
    const std::size_t hd = w.query.weight.shape(0) / w.num_heads;
    KVCache cache;
    cache.keys = xt::zeros<double>({w.num_kv_heads, capacity, hd});    // (H_kv, capacity, hd)
    cache.values = xt::zeros<double>({w.num_kv_heads, capacity, hd});  // (H_kv, capacity, hd)
    cache.length = 0;
    return cache;
}

}  // namespace ch07
