// Exercise 8.5 - GELU, exact and tanh
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   x (N, n), kind  ->  GELU of every element: exact 0.5 x (1 + erf(x / sqrt 2)), or the tanh
//   approximation 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))).
//
// Check it:  ./workbook check 8.5   (or: cmake --build build -t check-8.5)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.5", has hints.
#include "ch08/ch08.hpp"

#include <cmath>  // std::erf, std::tanh, std::sqrt

namespace ch08 {

Matrix gelu(const Matrix& x, Gelu kind) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.5", "gelu");
}

}  // namespace ch08
