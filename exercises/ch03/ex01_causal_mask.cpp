// Exercise 3.1 - the causal mask
//
// Contract (the declaration is in exercises/ch03/ch03.hpp):
//   T  ->  mask (T, T): mask(i, j) = 1 when j <= i (the past and the token itself), 0 when
//   j > i (the future). Row i is query i; column j is key j. T = 0 gives a (0, 0) mask.
//
// Check it:  ./workbook check 3.1   (or: cmake --build build -t check-3.1)
// Stuck?     docs/03-causal-attention.md, section "Exercise 3.1", has hints.
#include "ch03/ch03.hpp"

#include <xtensor/xbuilder.hpp>  // xt::zeros, xt::ones, xt::tril

namespace ch03 {

Matrix causal_mask(std::size_t T) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("3.1", "causal_mask");
}

}  // namespace ch03
