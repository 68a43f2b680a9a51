// Exercise 1.7 - softmax of every row of a score matrix
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   scores (T_q, T_k)  ->  weights (T_q, T_k): row i is the stable softmax of row i of scores,
//   so every row sums to 1. Normalise along the keys (axis 1), not the queries.
//   Pitfall: evaluate xt::amax(..., {1}, xt::keep_dims) into a Matrix before using it.
//
// Check it:  ./workbook check 1.7   (or: cmake --build build -t check-1.7)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.7", has hints.
#include "ch01/ch01.hpp"

#include <xtensor/xmath.hpp>  // xt::exp, xt::sum, xt::amax, xt::keep_dims

namespace ch01 {

Matrix softmax_rows(const Matrix& scores) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.7", "softmax_rows");
}

}  // namespace ch01
