// Exercise 4.3 - split into heads by reshape and transpose
//
// Contract (the declaration is in exercises/ch04/ch04.hpp):
//   x (B, T, d_out)  ->  (B, H, T, hd), hd = d_out / H, out(b, h, t, k) = x(b, t, h*hd + k).
//   Reshape to (B, T, H, hd), then swap axes 1 and 2 (xt::transpose with a permutation).
//   Reshaping straight to (B, H, T, hd) has the right shape and the wrong numbers.
//   H zero or not dividing d_out throws std::invalid_argument naming both numbers.
//
// Check it:  ./workbook check 4.3   (or: cmake --build build -t check-4.3)
// Stuck?     docs/04-multi-head-attention.md, section "Exercise 4.3", has hints.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>  // xt::transpose, xt::reshape_view

namespace ch04 {

Tensor4 split_heads(const Tensor3& x, std::size_t num_heads) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("4.3", "split_heads");
}

}  // namespace ch04
