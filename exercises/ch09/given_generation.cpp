// Given code for Chapter 9: Chapter 8's GPT stack, one token at a time, with Chapter 7's KV cache.
//
// Contract (declared in exercises/ch09/ch09.hpp): make_gpt_cache holds, for every block, its
// attention weights as Chapter 7 holds them (ch07::MultiHeadWeights, H_kv = H) and an empty
// ch07::KVCache; gpt_cached_step feeds one token at the next position through the stack and returns
// the logits (V) of the token after it, equal to the last row of gpt_forward on all the tokens fed
// so far. Each block's attention is your kv_cache_step (7.7); its LayerNorms are your
// layer_norm_forward (8.3) and its MLP the given mlp_forward. Generation (9.9) calls this once per
// token: O(t) work at position t instead of recomputing the whole prefix.
// RoPE: at position t the rotation of every query and key pair is a fixed linear map R_t, so
// R_t (W a) = (R_t W) a: the step hands kv_cache_step W_query and W_key with each head's rows
// rotated for position t, and the cache keeps every key rotated by its own position, as
// block_forward's attention does. Not here: batches, dropout.
// You do not need to change this file.
#include "ch09/ch09.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"

namespace ch09 {

namespace {

// nn.Linear as Chapter 7 holds it: the same weight and bias (an empty bias for none).
ch07::Linear as_linear(const ch08::LinearParams& p) {
    ch07::Linear l;
    l.weight = p.weight;  // (d_out, d_in)
    l.bias = p.bias;      // (d_out) or (0)
    return l;
}

// Chapter 8's attention is Chapter 7's with as many key/value heads as query heads: head h uses
// rows [h hd, (h + 1) hd) of W_query, W_key and W_value in both.
ch07::MultiHeadWeights as_multi_head(const ch08::AttentionParams& p, std::size_t heads) {
    ch07::MultiHeadWeights w;
    w.num_heads = heads;
    w.num_kv_heads = heads;
    w.query = as_linear(p.W_query);
    w.key = as_linear(p.W_key);
    w.value = as_linear(p.W_value);
    w.out_proj = as_linear(p.out_proj);
    return w;
}

// R_t W: each column of each head's hd rows rotated as a query or key at position t (8.2).
Matrix rotate_for_position(const Matrix& weight, std::size_t heads, std::size_t t) {
    const std::size_t rows = weight.shape(0), d_in = weight.shape(1), hd = rows / heads;
    Matrix rotated = weight;                                  // (H hd, d_in)
    Matrix column = xt::zeros<double>({std::size_t{1}, hd});  // (1, hd)
    for (std::size_t h = 0; h < heads; ++h)
        for (std::size_t j = 0; j < d_in; ++j) {
            for (std::size_t k = 0; k < hd; ++k) column(0, k) = weight(h * hd + k, j);
            const Matrix turned = ch08::rotary_embedding(column, t);  // (1, hd)
            for (std::size_t k = 0; k < hd; ++k) rotated(h * hd + k, j) = turned(0, k);
        }
    return rotated;
}

Matrix one_row(const Vector& v) {
    Matrix m = xt::zeros<double>({std::size_t{1}, v.size()});  // (1, n)
    for (std::size_t k = 0; k < v.size(); ++k) m(0, k) = v(k);
    return m;
}

}  // namespace

GptCache make_gpt_cache(const ch08::GptParams& params, const ch08::GptConfig& config, std::size_t capacity) {
    if (capacity == 0) throw std::invalid_argument("make_gpt_cache: capacity 0 holds no token");
    if (config.positions == ch08::Positions::learned && capacity > params.pos_emb.shape(0))
        throw std::invalid_argument(fmt::format("make_gpt_cache: capacity {} is longer than the context {}", capacity,
                                                params.pos_emb.shape(0)));
    GptCache cache;
    for (const ch08::BlockParams& block : params.blocks) {
        cache.attention.push_back(as_multi_head(block.attn, config.heads));
        cache.layers.push_back(ch07::make_cache(cache.attention.back(), capacity));  // (H, capacity, hd)
    }
    cache.length = 0;
    cache.capacity = capacity;
    return cache;
}

Vector gpt_cached_step(GptCache& cache, const ch08::GptParams& params, const ch08::GptConfig& config,
                       std::size_t token) {
    const std::size_t V = params.tok_emb.shape(0), d = params.tok_emb.shape(1), t = cache.length;
    if (token >= V) throw std::invalid_argument(fmt::format("gpt_cached_step: token {} is not below V = {}", token, V));
    if (cache.layers.size() != params.blocks.size())
        throw std::invalid_argument(fmt::format("gpt_cached_step: a cache for {} blocks, a model of {}",
                                                cache.layers.size(), params.blocks.size()));
    if (t >= cache.capacity) throw std::length_error(fmt::format("gpt_cached_step: the cache is full ({} tokens)", t));
    // 1. x = tok_emb[token] + the position t                                 (1, d)
    Matrix x = xt::zeros<double>({std::size_t{1}, d});
    const Matrix sinusoids = config.positions == ch08::Positions::sinusoidal ? ch08::sinusoidal_positions(t + 1, d)
                                                                             : Matrix(xt::zeros<double>({t + 1, d}));
    for (std::size_t k = 0; k < d; ++k) {
        x(0, k) = params.tok_emb(token, k);
        if (config.positions == ch08::Positions::learned) x(0, k) += params.pos_emb(t, k);
        if (config.positions == ch08::Positions::sinusoidal) x(0, k) += sinusoids(t, k);
    }
    // 2. each block, as block_forward's six steps, for this one row
    for (std::size_t l = 0; l < params.blocks.size(); ++l) {
        const ch08::BlockParams& block = params.blocks[l];
        const ch08::LayerNormForward ln_1 = ch08::layer_norm_forward(x, block.ln_1.weight, block.ln_1.bias, config.eps);
        const Vector a = xt::view(ln_1.output, 0, xt::all());  // (d)
        ch07::MultiHeadWeights rotated;                        // RoPE: W_query and W_key turned for position t
        if (config.positions == ch08::Positions::rope) {
            rotated = cache.attention[l];
            rotated.query.weight = rotate_for_position(rotated.query.weight, config.heads, t);
            rotated.key.weight = rotate_for_position(rotated.key.weight, config.heads, t);
        }
        const ch07::MultiHeadWeights& weights =
            config.positions == ch08::Positions::rope ? rotated : cache.attention[l];
        const Vector attended = ch07::kv_cache_step(cache.layers[l], a, weights);  // (d)
        const Matrix h = x + one_row(attended);                                    // (1, d)
        const ch08::LayerNormForward ln_2 = ch08::layer_norm_forward(h, block.ln_2.weight, block.ln_2.bias, config.eps);
        const ch08::MlpForward mlp = ch08::mlp_forward(block.mlp, ln_2.output, config.gelu);
        x = h + mlp.output;  // (1, d)
    }
    cache.length = t + 1;
    // 3. ln_f, 4. the tied head                                               (1, V)
    const ch08::LayerNormForward ln_f = ch08::layer_norm_forward(x, params.ln_f.weight, params.ln_f.bias, config.eps);
    const Matrix logits = wb::matmul(ln_f.output, xt::transpose(params.tok_emb));  // (1, V)
    return xt::view(logits, 0, xt::all());
}

}  // namespace ch09
