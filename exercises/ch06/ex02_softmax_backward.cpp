// Exercise 6.2 - The softmax's backward pass, without the Jacobian
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   weights p (T), d_weights g (T)  ->  d_scores (T) = p * (g - <p, g>), elementwise: the Jacobian of
//   6.1 applied to g, in O(T). T = 0 or sizes that differ throw std::invalid_argument.
//
// Check it:  ./workbook check 6.2   (or: cmake --build build -t check-6.2)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.2", has hints.
#include "ch06/ch06.hpp"

#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch06 {

Vector softmax_backward(const Vector& weights, const Vector& d_weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.2", "softmax_backward");
}

}  // namespace ch06
