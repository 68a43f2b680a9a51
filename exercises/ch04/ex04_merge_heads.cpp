// Exercise 4.4 - merge the heads back
//
// Contract (the declaration is in exercises/ch04/ch04.hpp):
//   x (B, H, T, hd)  ->  (B, T, H*hd), out(b, t, h*hd + k) = x(b, h, t, k): the inverse of
//   split_heads. Swap axes 1 and 2 back, then reshape (evaluating the transpose into a Tensor4 first is
//   optional: clearer, same numbers).
//
// Check it:  ./workbook check 4.4   (or: cmake --build build -t check-4.4)
// Stuck?     docs/04-multi-head-attention.md, section "Exercise 4.4", has hints.
#include "ch04/ch04.hpp"

#include <xtensor/xmanipulation.hpp>  // xt::transpose, xt::reshape_view

namespace ch04 {

Tensor3 merge_heads(const Tensor4& x) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("4.4", "merge_heads");
}

}  // namespace ch04
