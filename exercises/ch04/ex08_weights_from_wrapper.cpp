// Exercise 4.8 - the wrapper's weights, arranged for the efficient version
//
// Contract (the declaration is in exercises/ch04/ch04.hpp):
//   Stack the heads' query weights (hd, d_in) into one (H*hd, d_in), head 0 on top; the same
//   for keys, values and biases (if the heads have them); num_heads = H; no out_proj. Then
//   multi_head_forward(inputs, result) equals wrapper_forward(inputs, heads).
//   No heads, or heads of different sizes, throw std::invalid_argument.
//
// Check it:  ./workbook check 4.8   (or: cmake --build build -t check-4.8)
// Stuck?     docs/04-multi-head-attention.md, section "Exercise 4.8", has hints.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>  // xt::view, xt::range

namespace ch04 {

MultiHeadWeights weights_from_wrapper(const std::vector<CausalHead>& heads) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("4.8", "weights_from_wrapper");
}

}  // namespace ch04
