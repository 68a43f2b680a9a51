// Exercise 8.7 - The MLP's backward
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   params, x (N, d), forward = mlp_forward(params, x, kind), d_output (N, d)  ->  MlpBackward{d_input,
//   grads}: proj and fc with ch06::linear_backward (6.6), GELU with gelu_backward (8.6). A d_output
//   not shaped as forward.output throws std::invalid_argument.
//
// Check it:  ./workbook check 8.7   (or: cmake --build build -t check-8.7)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.7", has hints.
#include "ch08/ch08.hpp"

#include <stdexcept>  // std::invalid_argument

namespace ch08 {

MlpBackward mlp_backward(const MlpParams& params, const Matrix& x, const MlpForward& forward, const Matrix& d_output,
                         Gelu kind) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.7", "mlp_backward");
}

}  // namespace ch08
