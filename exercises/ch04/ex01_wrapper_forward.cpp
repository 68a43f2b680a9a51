// Exercise 4.1 - the wrapper: run every head and concatenate
//
// Contract (the declaration is in exercises/ch04/ch04.hpp):
//   inputs (B, T, d_in), heads (H of them)  ->  context (B, T, H*hd): head h's output
//   causal_head_forward(inputs, heads[h]) (B, T, hd) goes into columns h*hd .. h*hd+hd-1.
//   No heads, or heads of different sizes (hd = heads[h].value.weight.shape(0)), throw
//   std::invalid_argument.
//
// Check it:  ./workbook check 4.1   (or: cmake --build build -t check-4.1)
// Stuck?     docs/04-multi-head-attention.md, section "Exercise 4.1", has hints.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>  // xt::view, xt::range

namespace ch04 {

Tensor3 wrapper_forward(const Tensor3& inputs, const std::vector<CausalHead>& heads) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("4.1", "wrapper_forward");
}

}  // namespace ch04
