// Given code for Chapter 6: scaled dot-product attention's forward pass (Chapters 2 and 3), and a
// whole self-attention layer (Chapters 2-4) forward and backward. The backward calls your
// attention_backward_values (6.4), attention_backward_scores (6.5) and linear_backward (6.6);
// tests/torch/ch06.py checks it against PyTorch's autograd. You do not need to change this file.
#include "ch06/ch06.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"

namespace ch06 {

namespace {

Matrix columns(const Matrix& m, std::size_t first, std::size_t count) {
    Matrix out = xt::view(m, xt::all(), xt::range(first, first + count));  // (rows, count)
    return out;
}

}  // namespace

AttentionForward attention_forward(const Matrix& queries, const Matrix& keys, const Matrix& values, bool causal) {
    const std::size_t T_q = queries.shape(0), d_k = queries.shape(1), T_k = keys.shape(0);
    if (d_k == 0 || keys.shape(1) != d_k || values.shape(0) != T_k || T_k == 0)
        throw std::invalid_argument("attention_forward: queries, keys and values do not fit");
    if (causal && T_q != T_k) throw std::invalid_argument("attention_forward: a causal mask needs T_q = T_k");
    AttentionForward out;
    // 1. scores = queries keys^T / sqrt(d_k), -inf where masked            (T_q, T_k)
    out.scores = wb::matmul(queries, xt::transpose(keys)) / std::sqrt(static_cast<double>(d_k));
    if (causal)
        for (std::size_t i = 0; i < T_q; ++i)
            for (std::size_t j = i + 1; j < T_k; ++j) out.scores(i, j) = -std::numeric_limits<double>::infinity();
    // 2. weights = softmax of each row                                      (T_q, T_k)
    out.weights = wb::softmax_rows(out.scores);
    // 3. output = weights values                                            (T_q, d_v)
    out.output = wb::matmul(out.weights, values);
    return out;
}

Matrix attention_layer_forward(const AttentionLayer& layer, const Matrix& inputs) {
    const std::size_t T = inputs.shape(0), d_out = layer.W_query.shape(0);
    if (layer.heads == 0 || d_out % layer.heads != 0)
        throw std::invalid_argument(
            fmt::format("attention_layer: {} heads do not divide d_out = {}", layer.heads, d_out));
    const std::size_t hd = d_out / layer.heads;
    // 1. queries, keys, values = inputs W^T                                 (T, d_out) each
    const Matrix Q = wb::matmul(inputs, xt::transpose(layer.W_query));
    const Matrix K = wb::matmul(inputs, xt::transpose(layer.W_key));
    const Matrix V = wb::matmul(inputs, xt::transpose(layer.W_value));
    // 2. attention per head on columns [h hd, (h + 1) hd), merged back      (T, d_out)
    Matrix context = xt::zeros<double>({T, d_out});
    for (std::size_t h = 0; h < layer.heads; ++h) {
        const AttentionForward a =
            attention_forward(columns(Q, h * hd, hd), columns(K, h * hd, hd), columns(V, h * hd, hd), layer.causal);
        xt::view(context, xt::all(), xt::range(h * hd, (h + 1) * hd)) = a.output;
    }
    if (layer.W_out.size() == 0) return context;
    // 3. the output projection context W_out^T + b_out                      (T, d_out)
    Matrix out = wb::matmul(context, xt::transpose(layer.W_out));
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t o = 0; o < d_out; ++o) out(t, o) += layer.b_out(o);
    return out;
}

AttentionLayerGrads attention_layer_backward(const AttentionLayer& layer, const Matrix& inputs,
                                             const Matrix& d_output) {
    const std::size_t T = inputs.shape(0), d_out = layer.W_query.shape(0);
    if (layer.heads == 0 || d_out % layer.heads != 0)
        throw std::invalid_argument(
            fmt::format("attention_layer: {} heads do not divide d_out = {}", layer.heads, d_out));
    const std::size_t hd = d_out / layer.heads;
    // The forward again, keeping what the backward needs.
    const Matrix Q = wb::matmul(inputs, xt::transpose(layer.W_query));  // (T, d_out)
    const Matrix K = wb::matmul(inputs, xt::transpose(layer.W_key));    // (T, d_out)
    const Matrix V = wb::matmul(inputs, xt::transpose(layer.W_value));  // (T, d_out)
    std::vector<AttentionForward> per_head;
    Matrix context = xt::zeros<double>({T, d_out});  // (T, d_out)
    for (std::size_t h = 0; h < layer.heads; ++h) {
        per_head.push_back(
            attention_forward(columns(Q, h * hd, hd), columns(K, h * hd, hd), columns(V, h * hd, hd), layer.causal));
        xt::view(context, xt::all(), xt::range(h * hd, (h + 1) * hd)) = per_head.back().output;
    }
    AttentionLayerGrads g;
    // 3. out = context W_out^T + b_out
    Matrix d_context = d_output;  // (T, d_out)
    if (layer.W_out.size() != 0) {
        const LinearBackward out_proj = linear_backward(context, layer.W_out, d_output);
        g.d_W_out = out_proj.d_weight;
        g.d_b_out = out_proj.d_bias;
        d_context = out_proj.d_inputs;
    } else {
        g.d_W_out = xt::zeros<double>({std::size_t{0}, std::size_t{0}});
        g.d_b_out = xt::zeros<double>({std::size_t{0}});
    }
    // 2. per head: output = weights values; weights = softmax(scores); scores = Q K^T / sqrt(hd)
    Matrix dQ = xt::zeros<double>({T, d_out}), dK = xt::zeros<double>({T, d_out}), dV = xt::zeros<double>({T, d_out});
    for (std::size_t h = 0; h < layer.heads; ++h) {
        const ValuesBackward vb =
            attention_backward_values(per_head[h].weights, columns(V, h * hd, hd), columns(d_context, h * hd, hd));
        const ScoresBackward sb = attention_backward_scores(columns(Q, h * hd, hd), columns(K, h * hd, hd),
                                                            per_head[h].weights, vb.d_weights);
        xt::view(dQ, xt::all(), xt::range(h * hd, (h + 1) * hd)) = sb.d_queries;
        xt::view(dK, xt::all(), xt::range(h * hd, (h + 1) * hd)) = sb.d_keys;
        xt::view(dV, xt::all(), xt::range(h * hd, (h + 1) * hd)) = vb.d_values;
    }
    // 1. Q = inputs W_query^T, K = inputs W_key^T, V = inputs W_value^T
    const LinearBackward q = linear_backward(inputs, layer.W_query, dQ);
    const LinearBackward k = linear_backward(inputs, layer.W_key, dK);
    const LinearBackward v = linear_backward(inputs, layer.W_value, dV);
    g.d_W_query = q.d_weight;
    g.d_W_key = k.d_weight;
    g.d_W_value = v.d_weight;
    g.d_inputs = q.d_inputs + k.d_inputs + v.d_inputs;
    return g;
}

}  // namespace ch06
