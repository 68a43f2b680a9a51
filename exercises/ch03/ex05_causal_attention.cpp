// Exercise 3.5 - the batched causal attention forward pass
//
// Contract (the declaration is in exercises/ch03/ch03.hpp):
//   inputs (B, T, d_in), weights.W_query/W_key/W_value (d_out, d_in), dropout  ->  contexts
//   (B, T, d_out). Per sequence b: linear() projections (T, d_out), scaled_scores() (T, T), your
//   masked_softmax with your causal_mask(T), then - in training mode only - your dropout_weights
//   with dropout.keep[b] and dropout.p, and finally weights times values.
//   Weights that do not fit d_in or each other throw std::invalid_argument naming all three weight
//   shapes (wb::shape_of, wb/print.hpp); in training mode a keep mask that is not (B, T, T) throws
//   one naming the keep mask's shape, and a p outside [0, 1) one showing p.
//
// Check it:  ./workbook check 3.5   (or: cmake --build build -t check-3.5)
// Stuck?     docs/03-causal-attention.md, section "Exercise 3.5", has hints.
#include "ch03/ch03.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>          // fmt::format, for error messages
#include <xtensor/xbuilder.hpp>  // xt::zeros
#include <xtensor/xview.hpp>     // xt::view(t, b, xt::all(), xt::all())

#include "wb/ops.hpp"    // wb::matmul
#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch03 {

Tensor3 causal_attention(const Tensor3& inputs, const AttentionWeights& weights, const Dropout& dropout) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("3.5", "causal_attention");
}

}  // namespace ch03
