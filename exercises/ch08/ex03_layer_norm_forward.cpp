// Exercise 8.3 - LayerNorm forward
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   x (N, d), weight (d), bias (d), eps  ->  LayerNormForward{output (N, d), mean (N), rstd (N)}, as
//   nn.LayerNorm: the biased variance (divide by d), eps inside the square root. Bad sizes or eps
//   throw std::invalid_argument.
//
// Check it:  ./workbook check 8.3   (or: cmake --build build -t check-8.3)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.3", has hints.
#include "ch08/ch08.hpp"

#include <cmath>         // std::sqrt, std::isfinite
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch08 {

LayerNormForward layer_norm_forward(const Matrix& x, const Vector& weight, const Vector& bias, double eps) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.3", "layer_norm_forward");
}

}  // namespace ch08
