// Exercise 8.9 - One Transformer block, backward
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   params, forward = block_forward(params, x, config), d_output (T, d), config  ->  BlockBackward{
//   d_input (T, d), grads}: steps 6 to 1 in reverse; each residual passes its gradient on unchanged.
//   A d_output not shaped as forward.output throws std::invalid_argument.
//
// Check it:  ./workbook check 8.9   (or: cmake --build build -t check-8.9)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.9", has hints.
#include "ch08/ch08.hpp"

#include <stdexcept>  // std::invalid_argument

namespace ch08 {

BlockBackward block_backward(const BlockParams& params, const BlockForward& forward, const Matrix& d_output,
                             const BlockConfig& config) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.9", "block_backward");
}

}  // namespace ch08
