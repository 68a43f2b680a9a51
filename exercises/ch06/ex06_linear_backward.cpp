// Exercise 6.6 - Backward through a linear layer
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   inputs (N, d_in), weight (d_out, d_in), d_outputs (N, d_out)  ->  LinearBackward{d_inputs (N, d_in)
//   = d_outputs W, d_weight (d_out, d_in) = d_outputs^T inputs, d_bias (d_out) = column sums of
//   d_outputs}, for y = x W^T + b. Shapes that do not fit throw std::invalid_argument.
//
// Check it:  ./workbook check 6.6   (or: cmake --build build -t check-6.6)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.6", has hints.
#include "ch06/ch06.hpp"

#include "wb/print.hpp"  // wb::shape_of, for the error messages
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch06 {

LinearBackward linear_backward(const Matrix& inputs, const Matrix& weight, const Matrix& d_outputs) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.6", "linear_backward");
}

}  // namespace ch06
