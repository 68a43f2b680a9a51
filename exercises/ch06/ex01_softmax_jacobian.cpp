// Exercise 6.1 - The Jacobian of the softmax
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   weights p (T) = softmax(z)  ->  J (T, T), J(i, j) = p_i (delta_ij - p_j) = diag(p) - p p^T.
//   T = 0 throws std::invalid_argument.
//
// Check it:  ./workbook check 6.1   (or: cmake --build build -t check-6.1)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.1", has hints.
#include "ch06/ch06.hpp"

#include <stdexcept>  // std::invalid_argument

namespace ch06 {

Matrix softmax_jacobian(const Vector& weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.1", "softmax_jacobian");
}

}  // namespace ch06
