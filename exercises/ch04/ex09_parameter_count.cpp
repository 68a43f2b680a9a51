// Exercise 4.9 - count the parameters
//
// Contract (the declaration is in exercises/ch04/ch04.hpp):
//   The trainable parameters of MultiHeadAttention(d_in, d_out, H, qkv_bias) with its output
//   projection (weight and bias), as sum(p.numel() for p in m.parameters()) counts them. The
//   causal mask is a buffer, not a parameter. H zero or not dividing d_out throws
//   std::invalid_argument naming both.
//
// Check it:  ./workbook check 4.9   (or: cmake --build build -t check-4.9)
// Stuck?     docs/04-multi-head-attention.md, section "Exercise 4.9", has hints.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch04 {

std::size_t multi_head_parameter_count(std::size_t d_in, std::size_t d_out, std::size_t num_heads, bool qkv_bias) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("4.9", "multi_head_parameter_count");
}

}  // namespace ch04
