// Mutant of 8.8: post-norm (the original Transformer): ln(x + sublayer(x)) instead of x + sublayer(ln(x)).
#include "ch08/ch08.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch08 {

BlockForward block_forward(const BlockParams& params, const Matrix& x, const BlockConfig& config) {
    const std::size_t T = x.shape(0), d = params.ln_1.weight.size();
    if (T == 0) throw std::invalid_argument("block_forward: no tokens (T = 0)");
    if (x.shape(1) != d)
        throw std::invalid_argument(fmt::format("block_forward: x has {} columns, not d = {}", x.shape(1), d));
    if (config.heads == 0 || d % config.heads != 0)
        throw std::invalid_argument(fmt::format("block_forward: {} heads do not divide d = {}", config.heads, d));
    BlockForward f;
    f.input = x;
    // 1. a = ln_1(x)                                                        (T, d)
    f.ln_1 = layer_norm_forward(x, params.ln_1.weight, params.ln_1.bias, config.eps);
    // 2. attn(a), causal                                                    (T, d)
    f.attn = self_attention_forward(params.attn, f.ln_1.output, config.heads, config.rope);
    // 3. h = x + attn(a)                                                    (T, d)
    f.residual = x + f.attn.output;
    // 4. b = ln_2(h)                                                        (T, d)
    f.ln_2 = layer_norm_forward(f.residual, params.ln_2.weight, params.ln_2.bias, config.eps);
    // 5. mlp(b)                                                             (T, d)
    f.mlp = mlp_forward(params.mlp, f.ln_2.output, config.gelu);
    // 6. y = h + mlp(b)                                                     (T, d)
    f.output = layer_norm_forward(f.residual + f.mlp.output, params.ln_2.weight, params.ln_2.bias, config.eps).output;
    return f;
}

}  // namespace ch08
