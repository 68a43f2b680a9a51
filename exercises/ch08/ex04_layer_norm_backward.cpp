// Exercise 8.4 - LayerNorm backward
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   x (N, d), weight (d), mean (N), rstd (N), d_output (N, d)  ->  LayerNormBackward{d_input (N, d),
//   d_weight (d), d_bias (d)}; d_input = rstd (g - mean(g) - x_hat mean(g x_hat)), g = d_output weight.
//   Bad sizes throw std::invalid_argument.
//
// Check it:  ./workbook check 8.4   (or: cmake --build build -t check-8.4)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.4", has hints.
#include "ch08/ch08.hpp"

#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch08 {

LayerNormBackward layer_norm_backward(const Matrix& x, const Vector& weight, const Vector& mean, const Vector& rstd,
                                      const Matrix& d_output) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.4", "layer_norm_backward");
}

}  // namespace ch08
