// Exercise 3.7 - masked attention with any mask (padding)
//
// Contract (the declaration is in exercises/ch03/ch03.hpp):
//   inputs (B, T, d_in), weights (d_out, d_in) each, mask (B, T, T) of 0/1  ->  contexts
//   (B, T, d_out): 3.5 in evaluation mode, with mask[b] in place of the causal mask. A query with
//   no allowed key gets the zero context vector (your masked_softmax already does that).
//   A mask that is not (B, T, T) throws std::invalid_argument naming the mask's shape; weights that
//   do not fit throw one naming all three weight shapes (wb::shape_of, wb/print.hpp), as in 3.5.
//
// Check it:  ./workbook check 3.7   (or: cmake --build build -t check-3.7)
// Stuck?     docs/03-causal-attention.md, section "Exercise 3.7", has hints.
#include "ch03/ch03.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>          // fmt::format, for error messages
#include <xtensor/xbuilder.hpp>  // xt::zeros
#include <xtensor/xview.hpp>     // xt::view

#include "wb/ops.hpp"    // wb::matmul
#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch03 {

Tensor3 masked_attention(const Tensor3& inputs, const AttentionWeights& weights, const Tensor3& mask) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("3.7", "masked_attention");
}

}  // namespace ch03
