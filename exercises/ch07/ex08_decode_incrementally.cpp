// Exercise 7.8 - incremental decoding against recomputation
//
// Contract (the declaration is in exercises/ch07/ch07.hpp):
//   inputs (T, d_in) -> (T, d_out): one cache of capacity T (make_cache), kv_cache_step for
//   tokens 0, 1, ..., T-1 in order, row t the step's output. Equal to causal_multi_head_naive at
//   every row. T = 0 throws std::invalid_argument.
//
// Check it:  ./workbook check 7.8   (or: cmake --build build -t check-7.8)
// Stuck?     docs/07-attention-at-scale.md, section "Exercise 7.8", has hints.
#include "ch07/ch07.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch07 {

Matrix decode_incrementally(const Matrix& inputs, const MultiHeadWeights& weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("7.8", "decode_incrementally");
}

}  // namespace ch07
