// Given code for Chapter 8: the MLP's forward pass and causal multi-head self-attention, forward
// and backward, built from Chapter 6's functions and your Chapter 8 exercises.
//
// Contract (declared in exercises/ch08/ch08.hpp): mlp_forward is fc, GELU (your 8.5), proj.
// self_attention_forward projects x to queries, keys and values (nn.Linear(d, d, bias=False) each),
// rotates each head's queries and keys by your rotary_embedding (8.2) when asked, runs Chapter 6's
// causal attention_forward per head, and applies out_proj to the merged heads.
// self_attention_backward walks those steps in reverse with your attention_backward_values (6.4),
// attention_backward_scores (6.5) and linear_backward (6.6). tests/torch/ch08.py checks both
// against PyTorch's autograd. You do not need to change this file.
#include "ch08/ch08.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch08 {

namespace {

// x weight^T + bias, as nn.Linear.
Matrix linear(const Matrix& x, const LinearParams& p) {
    Matrix y = wb::matmul(x, xt::transpose(p.weight));  // (N, d_out)
    if (p.bias.size() != 0)
        for (std::size_t n = 0; n < y.shape(0); ++n)
            for (std::size_t o = 0; o < y.shape(1); ++o) y(n, o) += p.bias(o);
    return y;
}

Matrix columns(const Matrix& m, std::size_t first, std::size_t count) {
    Matrix out = xt::view(m, xt::all(), xt::range(first, first + count));  // (rows, count)
    return out;
}

std::size_t head_width(const char* function, std::size_t d, std::size_t heads) {
    if (heads == 0 || d % heads != 0)
        throw std::invalid_argument(fmt::format("{}: {} heads do not divide d = {}", function, heads, d));
    return d / heads;
}

LinearParams no_bias(const Matrix& d_weight) {
    LinearParams p;
    p.weight = d_weight;
    p.bias = xt::zeros<double>({std::size_t{0}});
    return p;
}

}  // namespace

MlpForward mlp_forward(const MlpParams& params, const Matrix& x, Gelu kind) {
    MlpForward f;
    f.hidden = linear(x, params.fc);              // 1. hidden = x fc^T + b_fc           (N, d_hidden)
    f.activated = gelu(f.hidden, kind);           // 2. activated = gelu(hidden)         (N, d_hidden)
    f.output = linear(f.activated, params.proj);  // 3. output = activated proj^T + b  (N, d)
    return f;
}

AttentionCache self_attention_forward(const AttentionParams& params, const Matrix& x, std::size_t heads, bool rope) {
    const std::size_t T = x.shape(0), d = params.W_query.weight.shape(0);
    const std::size_t hd = head_width("self_attention_forward", d, heads);
    AttentionCache c;
    // 1. queries, keys, values = x W^T                                      (T, d) each
    c.queries = linear(x, params.W_query);
    c.keys = linear(x, params.W_key);
    c.values = linear(x, params.W_value);
    // 2. with RoPE: each head's queries and keys rotated by position        (T, hd) per head
    if (rope)
        for (std::size_t h = 0; h < heads; ++h) {
            xt::view(c.queries, xt::all(), xt::range(h * hd, (h + 1) * hd)) =
                rotary_embedding(columns(c.queries, h * hd, hd), 0);
            xt::view(c.keys, xt::all(), xt::range(h * hd, (h + 1) * hd)) =
                rotary_embedding(columns(c.keys, h * hd, hd), 0);
        }
    // 3. causal attention per head, outputs side by side                    (T, d)
    c.context = xt::zeros<double>({T, d});
    for (std::size_t h = 0; h < heads; ++h) {
        c.heads.push_back(ch06::attention_forward(columns(c.queries, h * hd, hd), columns(c.keys, h * hd, hd),
                                                  columns(c.values, h * hd, hd), true));
        xt::view(c.context, xt::all(), xt::range(h * hd, (h + 1) * hd)) = c.heads.back().output;
    }
    // 4. output = context out_proj^T + b                                    (T, d)
    c.output = linear(c.context, params.out_proj);
    return c;
}

AttentionBackward self_attention_backward(const AttentionParams& params, const Matrix& x, const AttentionCache& cache,
                                          const Matrix& d_output, bool rope) {
    const std::size_t T = x.shape(0), d = params.W_query.weight.shape(0);
    const std::size_t heads = cache.heads.size();
    const std::size_t hd = head_width("self_attention_backward", d, heads);
    if (d_output.shape(0) != T || d_output.shape(1) != d)
        throw std::invalid_argument(
            fmt::format("self_attention_backward: d_output {} is not ({}, {})", wb::shape_of(d_output), T, d));
    AttentionBackward g;
    // 4. output = context out_proj^T + b
    const ch06::LinearBackward out = ch06::linear_backward(cache.context, params.out_proj.weight, d_output);
    g.grads.out_proj.weight = out.d_weight;
    g.grads.out_proj.bias = out.d_bias;
    const Matrix& d_context = out.d_inputs;  // (T, d)
    // 3. per head: output = weights values; weights = softmax(scores); scores = q k^T / sqrt(hd)
    Matrix d_queries = xt::zeros<double>({T, d}), d_keys = xt::zeros<double>({T, d});
    Matrix d_values = xt::zeros<double>({T, d});
    for (std::size_t h = 0; h < heads; ++h) {
        const ch06::ValuesBackward vb = ch06::attention_backward_values(
            cache.heads[h].weights, columns(cache.values, h * hd, hd), columns(d_context, h * hd, hd));
        const ch06::ScoresBackward sb = ch06::attention_backward_scores(
            columns(cache.queries, h * hd, hd), columns(cache.keys, h * hd, hd), cache.heads[h].weights, vb.d_weights);
        Matrix d_q = sb.d_queries, d_k = sb.d_keys;  // (T, hd)
        // 2. queries, keys = rotary_embedding(queries, keys): rotate the gradients back
        if (rope) {
            d_q = rotary_embedding_backward(d_q, 0);
            d_k = rotary_embedding_backward(d_k, 0);
        }
        xt::view(d_queries, xt::all(), xt::range(h * hd, (h + 1) * hd)) = d_q;
        xt::view(d_keys, xt::all(), xt::range(h * hd, (h + 1) * hd)) = d_k;
        xt::view(d_values, xt::all(), xt::range(h * hd, (h + 1) * hd)) = vb.d_values;
    }
    // 1. queries, keys, values = x W^T: x feeds all three, so its gradient adds three paths
    const ch06::LinearBackward q = ch06::linear_backward(x, params.W_query.weight, d_queries);
    const ch06::LinearBackward k = ch06::linear_backward(x, params.W_key.weight, d_keys);
    const ch06::LinearBackward v = ch06::linear_backward(x, params.W_value.weight, d_values);
    g.grads.W_query = no_bias(q.d_weight);
    g.grads.W_key = no_bias(k.d_weight);
    g.grads.W_value = no_bias(v.d_weight);
    g.d_input = q.d_inputs + k.d_inputs + v.d_inputs;
    return g;
}

}  // namespace ch08
