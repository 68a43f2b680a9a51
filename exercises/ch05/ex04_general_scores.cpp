// Exercise 5.4 - general (bilinear) scores (Luong's general)
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   s (d_s), encoder_states (T_enc, d_h), W (d_s, d_h)  ->  scores (T_enc), scores(j) = s^T W h_j.
//   W's rows go with s, its columns with h_j. Sizes that do not fit throw std::invalid_argument.
//
// Check it:  ./workbook check 5.4   (or: cmake --build build -t check-5.4)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.4", has hints.
#include "ch05/ch05.hpp"

#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch05 {

Vector general_scores(const Vector& s, const Matrix& encoder_states, const Matrix& W) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.4", "general_scores");
}

}  // namespace ch05
