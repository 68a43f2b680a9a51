// Exercise 8.8 - One Transformer block, forward
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   params, x (T, d), config  ->  BlockForward: a = ln_1(x); h = x + attn(a); b = ln_2(h);
//   y = h + mlp(b). T = 0, x not (T, d), or heads not dividing d throw std::invalid_argument.
//
// Check it:  ./workbook check 8.8   (or: cmake --build build -t check-8.8)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.8", has hints.
#include "ch08/ch08.hpp"

#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch08 {

BlockForward block_forward(const BlockParams& params, const Matrix& x, const BlockConfig& config) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.8", "block_forward");
}

}  // namespace ch08
