// Exercise 5.10 - hard attention, all the weight on one encoder position
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   scores (T_enc), values (T_enc, d_v)  ->  Attention{weights one-hot at the largest score (on a tie
//   the first largest wins, as torch.argmax), context = that row of values}. T_enc = 0 or values
//   with another row count throw std::invalid_argument.
//
// Check it:  ./workbook check 5.10   (or: cmake --build build -t check-5.10)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.10", has hints.
#include "ch05/ch05.hpp"

#include <fmt/format.h>       // fmt::format, for the error messages
#include <stdexcept>          // std::invalid_argument
#include <xtensor/xview.hpp>  // xt::view

namespace ch05 {

Attention hard_attend(const Vector& scores, const Matrix& values) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.10", "hard_attend");
}

}  // namespace ch05
