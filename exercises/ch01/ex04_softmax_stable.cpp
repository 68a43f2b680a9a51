// Exercise 1.4 - a softmax that survives scores of 1000
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   scores (T)  ->  weights (T): the same values as softmax_naive wherever that one is finite,
//   but finite for any finite scores (1000, -1000, ...): subtract the largest score first.
//   A score of -inf gets weight 0. Empty scores throw std::invalid_argument.
//
// Check it:  ./workbook check 1.4   (or: cmake --build build -t check-1.4)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.4", has hints.
#include "ch01/ch01.hpp"

#include <stdexcept>          // std::invalid_argument
#include <xtensor/xmath.hpp>  // xt::exp, xt::sum, xt::amax

namespace ch01 {

Vector softmax_stable(const Vector& scores) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.4", "softmax_stable");
}

}  // namespace ch01
