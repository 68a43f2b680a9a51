// Exercise 4.7 - the efficient multi-head attention, whole
//
// Contract (the declaration is in exercises/ch04/ch04.hpp):
//   inputs (B, T, d_in)  ->  context (B, T, d_out): project Q, K, V once each (apply_linear),
//   split into heads (4.3), scores (4.5), causal weights (4.6), weights times each head's values,
//   merge (4.4), then weights.out_proj if there is one. H not dividing d_out throws
//   std::invalid_argument.
//
// Check it:  ./workbook check 4.7   (or: cmake --build build -t check-4.7)
// Stuck?     docs/04-multi-head-attention.md, section "Exercise 4.7", has hints.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>  // xt::view

#include "wb/ops.hpp"  // wb::matmul

namespace ch04 {

Tensor3 multi_head_forward(const Tensor3& inputs, const MultiHeadWeights& weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("4.7", "multi_head_forward");
}

}  // namespace ch04
