// Exercise 8.6 - GELU's backward
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   x (N, n), d_output (N, n), kind  ->  d_input = d_output * GELU'(x) for that kind. Shapes that
//   differ throw std::invalid_argument.
//
// Check it:  ./workbook check 8.6   (or: cmake --build build -t check-8.6)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.6", has hints.
#include "ch08/ch08.hpp"

#include <cmath>      // std::erf, std::exp, std::tanh, std::sqrt
#include <stdexcept>  // std::invalid_argument

namespace ch08 {

Matrix gelu_backward(const Matrix& x, const Matrix& d_output, Gelu kind) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.6", "gelu_backward");
}

}  // namespace ch08
