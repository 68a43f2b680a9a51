// exercises/ch04/given_causal_attention.cpp - ready-made: what Chapters 2 and 3 taught.
//
// Contract (declarations in exercises/ch04/ch04.hpp): a linear layer as nn.Linear computes it, one
// causal attention head (Chapter 3's CausalAttention, dropout 0), and the draws of their weights in
// the order PyTorch builds them, so that every number Chapter 4 prints can be reproduced with
// torch.manual_seed. Compiled into both ch04_exercises and ch04_solutions: you do not edit it.
// Not here: anything with more than one head - that is what the chapter's exercises build.
#include "ch04/ch04.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"

namespace ch04 {

Tensor3 apply_linear(const Tensor3& x, const Linear& layer) {
    const std::size_t B = x.shape(0), T = x.shape(1), in = x.shape(2);
    const std::size_t out = layer.weight.shape(0);
    if (layer.weight.shape(1) != in)
        throw std::invalid_argument(
            fmt::format("apply_linear: inputs have {} features, the layer's weight ({}, {}) wants {}", in, out,
                        layer.weight.shape(1), layer.weight.shape(1)));
    if (layer.bias.size() != 0 && layer.bias.size() != out)
        throw std::invalid_argument(
            fmt::format("apply_linear: bias of size {} for {} output features", layer.bias.size(), out));
    const Matrix weight_t = xt::transpose(layer.weight);  // (in, out)
    Tensor3 y = xt::zeros<double>({B, T, out});           // (B, T, out)
    for (std::size_t b = 0; b < B; ++b) {
        const Matrix x_b = xt::view(x, b, xt::all(), xt::all());  // (T, in)
        Matrix y_b = wb::matmul(x_b, weight_t);                   // (T, out)
        if (layer.bias.size() != 0)
            for (std::size_t t = 0; t < T; ++t)
                for (std::size_t o = 0; o < out; ++o) y_b(t, o) += layer.bias(o);
        xt::view(y, b, xt::all(), xt::all()) = y_b;
    }
    return y;
}

Linear draw_linear(wb::TorchGenerator& gen, std::size_t in_features, std::size_t out_features, bool bias) {
    Linear layer;
    layer.weight = gen.linear_weight(in_features, out_features);        // (out, in)
    if (bias) layer.bias = gen.linear_bias(in_features, out_features);  // (out)
    return layer;
}

CausalHead draw_causal_head(wb::TorchGenerator& gen, std::size_t d_in, std::size_t hd, bool qkv_bias) {
    CausalHead head;
    head.query = draw_linear(gen, d_in, hd, qkv_bias);  // W_query first,
    head.key = draw_linear(gen, d_in, hd, qkv_bias);    // then W_key,
    head.value = draw_linear(gen, d_in, hd, qkv_bias);  // then W_value, as CausalAttention builds them
    return head;
}

Tensor3 causal_head_weights(const Tensor3& inputs, const CausalHead& head) {
    const Tensor3 queries = apply_linear(inputs, head.query);  // (B, T, hd)
    const Tensor3 keys = apply_linear(inputs, head.key);       // (B, T, hd)
    const std::size_t B = inputs.shape(0), T = inputs.shape(1), hd = queries.shape(2);
    const double scale = 1.0 / std::sqrt(static_cast<double>(hd));
    Tensor3 scores = xt::zeros<double>({B, T, T});  // (B, T, T)
    for (std::size_t b = 0; b < B; ++b) {
        const Matrix q_b = xt::view(queries, b, xt::all(), xt::all());  // (T, hd)
        const Matrix k_b = xt::view(keys, b, xt::all(), xt::all());     // (T, hd)
        Matrix s_b = wb::matmul(q_b, xt::transpose(k_b));               // (T, T)
        for (std::size_t i = 0; i < T; ++i)
            for (std::size_t j = 0; j < T; ++j)
                s_b(i, j) = j > i ? -std::numeric_limits<double>::infinity() : s_b(i, j) * scale;
        xt::view(scores, b, xt::all(), xt::all()) = s_b;
    }
    return wb::softmax_last(scores);  // (B, T, T), over the keys
}

Tensor3 causal_head_forward(const Tensor3& inputs, const CausalHead& head) {
    const Tensor3 weights = causal_head_weights(inputs, head);  // (B, T, T)
    const Tensor3 values = apply_linear(inputs, head.value);    // (B, T, hd)
    const std::size_t B = inputs.shape(0), T = inputs.shape(1), hd = values.shape(2);
    Tensor3 context = xt::zeros<double>({B, T, hd});  // (B, T, hd)
    for (std::size_t b = 0; b < B; ++b) {
        const Matrix w_b = xt::view(weights, b, xt::all(), xt::all());  // (T, T)
        const Matrix v_b = xt::view(values, b, xt::all(), xt::all());   // (T, hd)
        xt::view(context, b, xt::all(), xt::all()) = wb::matmul(w_b, v_b);
    }
    return context;
}

MultiHeadWeights draw_multi_head(wb::TorchGenerator& gen, std::size_t d_in, std::size_t d_out, std::size_t num_heads,
                                 bool qkv_bias, bool with_out_proj) {
    if (d_in == 0 || d_out == 0 || num_heads == 0)
        throw std::invalid_argument(
            fmt::format("draw_multi_head: sizes must be positive (d_in {}, d_out {}, H {})", d_in, d_out, num_heads));
    if (d_out % num_heads != 0)
        throw std::invalid_argument(
            fmt::format("draw_multi_head: {} heads do not divide d_out = {}", num_heads, d_out));
    MultiHeadWeights w;
    w.num_heads = num_heads;
    w.query = draw_linear(gen, d_in, d_out, qkv_bias);  // construction order: W_query, W_key,
    w.key = draw_linear(gen, d_in, d_out, qkv_bias);
    w.value = draw_linear(gen, d_in, d_out, qkv_bias);                     // W_value,
    if (with_out_proj) w.out_proj = draw_linear(gen, d_out, d_out, true);  // then out_proj
    return w;
}

}  // namespace ch04
