// Exercise 1.3 - the naive softmax, exp over the sum of exps
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   scores (T)  ->  weights (T), weights(j) = exp(scores(j)) / sum over k of exp(scores(k)).
//   Do not subtract the maximum: this version is meant to overflow for scores near 1000.
//   Empty scores throw std::invalid_argument.
//
// Check it:  ./workbook check 1.3   (or: cmake --build build -t check-1.3)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.3", has hints.
#include "ch01/ch01.hpp"

#include <stdexcept>          // std::invalid_argument
#include <xtensor/xmath.hpp>  // xt::exp, xt::sum, xt::amax

namespace ch01 {

Vector softmax_naive(const Vector& scores) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.3", "softmax_naive");
}

}  // namespace ch01
