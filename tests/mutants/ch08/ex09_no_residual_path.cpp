// Mutant of 8.9: the gradient's path around the attention dropped: d_x gets only the path through it.
#include "ch08/ch08.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "wb/print.hpp"

namespace ch08 {

BlockBackward block_backward(const BlockParams& params, const BlockForward& forward, const Matrix& d_output,
                             const BlockConfig& config) {
    if (d_output.shape(0) != forward.output.shape(0) || d_output.shape(1) != forward.output.shape(1))
        throw std::invalid_argument(fmt::format("block_backward: d_output {} is not the output's {}",
                                                wb::shape_of(d_output), wb::shape_of(forward.output)));
    BlockBackward b;
    // 6. y = h + mlp(b): both terms receive d_y unchanged
    Matrix d_residual = d_output;  // (T, d)  dL/dh, the path around the MLP
    // 5. mlp(b)
    const MlpBackward mlp = mlp_backward(params.mlp, forward.ln_2.output, forward.mlp, d_output, config.gelu);
    b.grads.mlp = mlp.grads;
    // 4. b = ln_2(h)
    const LayerNormBackward ln_2 =
        layer_norm_backward(forward.residual, params.ln_2.weight, forward.ln_2.mean, forward.ln_2.rstd, mlp.d_input);
    b.grads.ln_2.weight = ln_2.d_weight;
    b.grads.ln_2.bias = ln_2.d_bias;
    d_residual += ln_2.d_input;  // plus the path through the MLP
    // 3. h = x + attn(a): both terms receive d_h unchanged
    Matrix d_x = xt::zeros<double>({d_residual.shape(0), d_residual.shape(1)});
    // 2. attn(a)
    const AttentionBackward attn =
        self_attention_backward(params.attn, forward.ln_1.output, forward.attn, d_residual, config.rope);
    b.grads.attn = attn.grads;
    // 1. a = ln_1(x)
    const LayerNormBackward ln_1 =
        layer_norm_backward(forward.input, params.ln_1.weight, forward.ln_1.mean, forward.ln_1.rstd, attn.d_input);
    b.grads.ln_1.weight = ln_1.d_weight;
    b.grads.ln_1.bias = ln_1.d_bias;
    d_x += ln_1.d_input;  // plus the path through the attention
    b.d_input = d_x;
    return b;
}

}  // namespace ch08
