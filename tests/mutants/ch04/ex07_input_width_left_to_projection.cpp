// Mutant of 4.7: does not check the input width itself and leaves it to apply_linear, whose error
// names apply_linear, not multi_head_forward.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"

namespace ch04 {

Tensor3 multi_head_forward(const Tensor3& inputs, const MultiHeadWeights& weights) {
    const std::size_t H = weights.num_heads, d_out = weights.query.weight.shape(0);
    if (H == 0 || d_out % H != 0)
        throw std::invalid_argument(fmt::format("multi_head_forward: {} heads do not divide d_out = {}", H, d_out));
    const std::size_t hd = d_out / H;

    // 1. One projection each: (B, T, d_in) -> (B, T, d_out).
    const Tensor3 queries = apply_linear(inputs, weights.query);
    const Tensor3 keys = apply_linear(inputs, weights.key);
    const Tensor3 values = apply_linear(inputs, weights.value);
    // 2. Split into heads: (B, T, d_out) -> (B, H, T, hd).
    const Tensor4 queries_bhtd = split_heads(queries, H);
    const Tensor4 keys_bhtd = split_heads(keys, H);
    const Tensor4 values_bhtd = split_heads(values, H);
    // 3. Scores, then scaled, masked, softmaxed weights: (B, H, T, T).
    const Tensor4 weights_bhtt = causal_weights_per_head(head_scores(queries_bhtd, keys_bhtd), hd);
    // 4. Weighted sum of each head's values: (B, H, T, T) x (B, H, T, hd) -> (B, H, T, hd).
    const std::size_t B = inputs.shape(0), T = inputs.shape(1);
    Tensor4 context_bhtd = xt::zeros<double>({B, H, T, hd});
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h) {
            const Matrix w_bh = xt::view(weights_bhtt, b, h, xt::all(), xt::all());  // (T, T)
            const Matrix v_bh = xt::view(values_bhtd, b, h, xt::all(), xt::all());   // (T, hd)
            xt::view(context_bhtd, b, h, xt::all(), xt::all()) = wb::matmul(w_bh, v_bh);
        }
    // 5. Merge the heads: (B, H, T, hd) -> (B, T, d_out); 6. the output projection, if any.
    const Tensor3 context = merge_heads(context_bhtd);
    return weights.out_proj ? apply_linear(context, *weights.out_proj) : context;
}

}  // namespace ch04
