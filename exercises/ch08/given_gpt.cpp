// Given code for Chapter 8: a GPT-style stack of blocks, its parameters by name, its initial
// weights, and its forward and backward passes.
//
// Contract (declared in exercises/ch08/ch08.hpp): token embedding, positions (learned, sinusoidal,
// or RoPE inside the attention), N of your blocks (8.8, 8.9), a final LayerNorm (8.3, 8.4), and an
// output head tied to the token embedding (GPT-2's). Built only from the exercises' functions and
// Chapter 6's linear_backward, so a model made of your blocks trains with no new backward code.
// tests/torch/ch08.py builds the same stack with nn.LayerNorm, nn.Linear and nn.GELU, draws the
// same initial weights in the order stated in the header, and its logits and autograd gradients
// are the stored expected outputs. Not here: dropout, batches (one sequence at a time), an untied
// head. You do not need to change this file.
#include "ch08/ch08.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch08 {

namespace {

void add(std::vector<NamedTensor>& list, const std::string& name, Matrix& m) {
    list.push_back(NamedTensor{name, {m.shape(0), m.shape(1)}, m.data(), m.size()});
}

void add(std::vector<NamedTensor>& list, const std::string& name, Vector& v) {
    list.push_back(NamedTensor{name, {v.shape(0)}, v.data(), v.size()});
}

void add(std::vector<NamedTensor>& list, const std::string& name, LinearParams& p) {
    add(list, name + ".weight", p.weight);
    if (p.bias.size() != 0) add(list, name + ".bias", p.bias);
}

void add(std::vector<NamedTensor>& list, const std::string& name, LayerNormParams& p) {
    add(list, name + ".weight", p.weight);
    add(list, name + ".bias", p.bias);
}

LayerNormParams layer_norm_init(std::size_t d) {
    LayerNormParams p;
    p.weight = xt::ones<double>({d});
    p.bias = xt::zeros<double>({d});
    return p;
}

LinearParams linear_init(std::size_t d_in, std::size_t d_out, bool bias, wb::TorchGenerator& generator) {
    LinearParams p;
    p.weight = generator.linear_weight(d_in, d_out);  // (d_out, d_in)
    p.bias = bias ? generator.linear_bias(d_in, d_out) : Vector(xt::zeros<double>({std::size_t{0}}));
    return p;
}

}  // namespace

std::vector<NamedTensor> named_parameters(BlockParams& params, const std::string& prefix) {
    std::vector<NamedTensor> list;
    add(list, prefix + "ln_1", params.ln_1);
    add(list, prefix + "attn.W_query", params.attn.W_query);
    add(list, prefix + "attn.W_key", params.attn.W_key);
    add(list, prefix + "attn.W_value", params.attn.W_value);
    add(list, prefix + "attn.out_proj", params.attn.out_proj);
    add(list, prefix + "ln_2", params.ln_2);
    add(list, prefix + "mlp.fc", params.mlp.fc);
    add(list, prefix + "mlp.proj", params.mlp.proj);
    return list;
}

std::vector<NamedTensor> named_parameters(GptParams& params) {
    std::vector<NamedTensor> list;
    add(list, "tok_emb.weight", params.tok_emb);
    if (params.pos_emb.size() != 0) add(list, "pos_emb.weight", params.pos_emb);
    for (std::size_t l = 0; l < params.blocks.size(); ++l) {
        const std::vector<NamedTensor> block = named_parameters(params.blocks[l], fmt::format("blocks.{}.", l));
        list.insert(list.end(), block.begin(), block.end());
    }
    add(list, "ln_f", params.ln_f);
    return list;
}

BlockParams block_init(std::size_t d_model, std::size_t d_hidden, wb::TorchGenerator& generator) {
    BlockParams p;
    p.ln_1 = layer_norm_init(d_model);
    p.attn.W_query = linear_init(d_model, d_model, false, generator);
    p.attn.W_key = linear_init(d_model, d_model, false, generator);
    p.attn.W_value = linear_init(d_model, d_model, false, generator);
    p.attn.out_proj = linear_init(d_model, d_model, true, generator);
    p.ln_2 = layer_norm_init(d_model);
    p.mlp.fc = linear_init(d_model, d_hidden, true, generator);
    p.mlp.proj = linear_init(d_hidden, d_model, true, generator);
    return p;
}

BlockConfig block_config(const GptConfig& config) {
    BlockConfig b;
    b.heads = config.heads;
    b.gelu = config.gelu;
    b.rope = config.positions == Positions::rope;
    b.eps = config.eps;
    return b;
}

GptParams gpt_init(const GptConfig& config, std::uint64_t seed) {
    parameter_count(config);  // the same checks: throws on a config it rejects
    if (!config.tied) throw std::invalid_argument("gpt_init: only a tied output head is given here");
    const std::size_t d = config.d_model;
    wb::TorchGenerator generator(seed);
    GptParams p;
    p.tok_emb = generator.uniform(config.vocab, d, -0.1, 0.1);  // (V, d)
    p.pos_emb = config.positions == Positions::learned ? generator.uniform(config.context, d, -0.1, 0.1)
                                                       : Matrix(xt::zeros<double>({std::size_t{0}, std::size_t{0}}));
    for (std::size_t l = 0; l < config.layers; ++l) p.blocks.push_back(block_init(d, config.d_hidden, generator));
    p.ln_f = layer_norm_init(d);
    return p;
}

GptForward gpt_forward(const GptParams& params, const GptConfig& config, const std::vector<std::size_t>& tokens) {
    const std::size_t T = tokens.size(), d = params.tok_emb.shape(1), V = params.tok_emb.shape(0);
    if (T == 0) throw std::invalid_argument("gpt_forward: no tokens");
    if (config.positions == Positions::learned && T > params.pos_emb.shape(0))
        throw std::invalid_argument(
            fmt::format("gpt_forward: {} tokens, but the context is {}", T, params.pos_emb.shape(0)));
    GptForward f;
    f.tokens = tokens;
    // 1. embedded = tok_emb[tokens] (+ the positions)                       (T, d)
    f.embedded = xt::zeros<double>({T, d});
    const Matrix sinusoids =
        config.positions == Positions::sinusoidal ? sinusoidal_positions(T, d) : Matrix(xt::zeros<double>({T, d}));
    for (std::size_t t = 0; t < T; ++t) {
        if (tokens[t] >= V)
            throw std::invalid_argument(fmt::format("gpt_forward: token {} is not below V = {}", tokens[t], V));
        for (std::size_t k = 0; k < d; ++k) {
            f.embedded(t, k) = params.tok_emb(tokens[t], k);
            if (config.positions == Positions::learned) f.embedded(t, k) += params.pos_emb(t, k);
            if (config.positions == Positions::sinusoidal) f.embedded(t, k) += sinusoids(t, k);
        }
    }
    // 2. x = block(x), N times                                              (T, d)
    const BlockConfig block = block_config(config);
    const Matrix* x = &f.embedded;
    f.blocks.reserve(params.blocks.size());
    for (const BlockParams& b : params.blocks) {
        f.blocks.push_back(block_forward(b, *x, block));
        x = &f.blocks.back().output;
    }
    // 3. ln_f(x)                                                            (T, d)
    f.ln_f = layer_norm_forward(*x, params.ln_f.weight, params.ln_f.bias, config.eps);
    // 4. logits = ln_f(x) tok_emb^T (the tied head)                         (T, V)
    f.logits = wb::matmul(f.ln_f.output, xt::transpose(params.tok_emb));
    return f;
}

GptParams gpt_backward(const GptParams& params, const GptConfig& config, const GptForward& forward,
                       const Matrix& d_logits) {
    const std::size_t T = forward.tokens.size(), d = params.tok_emb.shape(1);
    if (d_logits.shape(0) != forward.logits.shape(0) || d_logits.shape(1) != forward.logits.shape(1))
        throw std::invalid_argument(fmt::format("gpt_backward: d_logits {} are not the logits' {}",
                                                wb::shape_of(d_logits), wb::shape_of(forward.logits)));
    GptParams g;
    // 4. logits = ln_f(x) tok_emb^T: a linear layer whose weight is tok_emb
    const ch06::LinearBackward head = ch06::linear_backward(forward.ln_f.output, params.tok_emb, d_logits);
    g.tok_emb = head.d_weight;  // (V, d), the head's use of the tied weight
    // 3. ln_f(x)
    const Matrix& x_last = params.blocks.empty() ? forward.embedded : forward.blocks.back().output;
    const LayerNormBackward lnf =
        layer_norm_backward(x_last, params.ln_f.weight, forward.ln_f.mean, forward.ln_f.rstd, head.d_inputs);
    g.ln_f.weight = lnf.d_weight;
    g.ln_f.bias = lnf.d_bias;
    // 2. x = block(x), in reverse
    const BlockConfig block = block_config(config);
    Matrix d_x = lnf.d_input;  // (T, d)
    g.blocks.resize(params.blocks.size());
    for (std::size_t l = params.blocks.size(); l-- > 0;) {
        BlockBackward b = block_backward(params.blocks[l], forward.blocks[l], d_x, block);
        g.blocks[l] = std::move(b.grads);
        d_x = std::move(b.d_input);
    }
    // 1. embedded = tok_emb[tokens] + pos_emb[t]: each row adds its gradient where it came from
    g.pos_emb = xt::zeros<double>({params.pos_emb.shape(0), params.pos_emb.shape(1)});
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t k = 0; k < d; ++k) {
            g.tok_emb(forward.tokens[t], k) += d_x(t, k);  // the embedding's use of the tied weight
            if (config.positions == Positions::learned) g.pos_emb(t, k) += d_x(t, k);
        }
    return g;
}

}  // namespace ch08
