// Exercise 4.2 - choosing the wrapper's arguments
//
// Contract (the declaration is in exercises/ch04/ch04.hpp):
//   Draw H heads, one after the other, with draw_causal_head(gen, d_in, hd), choosing hd so that
//   wrapper_forward returns (B, T, d_out) - e.g. two heads with 2-d context vectors in all.
//   H not dividing d_out, or a zero d_in, d_out or H, throws std::invalid_argument naming the values.
//
// Check it:  ./workbook check 4.2   (or: cmake --build build -t check-4.2)
// Stuck?     docs/04-multi-head-attention.md, section "Exercise 4.2", has hints.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch04 {

std::vector<CausalHead> wrapper_heads_for_output(wb::TorchGenerator& gen, std::size_t d_in, std::size_t d_out,
                                                 std::size_t num_heads) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("4.2", "wrapper_heads_for_output");
}

}  // namespace ch04
