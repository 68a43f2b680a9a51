// Exercise 4.6 - the causal mask and softmax of every head
//
// Contract (the declaration is in exercises/ch04/ch04.hpp):
//   scores (B, H, T, T), hd  ->  weights (B, H, T, T): softmax over the keys (last axis) of
//   scores / sqrt(hd), after setting every key after its query (j > i) to -inf. hd is the size
//   of ONE head. wb::softmax_last (wb/ops.hpp) is the softmax of Chapter 1, ready-made.
//   Scores that are not square in the last two axes, or hd = 0, throw std::invalid_argument.
//
// Check it:  ./workbook check 4.6   (or: cmake --build build -t check-4.6)
// Stuck?     docs/04-multi-head-attention.md, section "Exercise 4.6", has hints.
#include "ch04/ch04.hpp"

#include <cmath>
#include <limits>  // std::numeric_limits<double>::infinity()
#include <stdexcept>

#include <fmt/format.h>

#include "wb/ops.hpp"  // wb::softmax_last

namespace ch04 {

Tensor4 causal_weights_per_head(const Tensor4& scores, std::size_t hd) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("4.6", "causal_weights_per_head");
}

}  // namespace ch04
