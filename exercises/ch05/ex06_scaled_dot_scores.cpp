// Exercise 5.6 - scaled dot-product scores
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   s (d), encoder_states (T_enc, d)  ->  scores (T_enc), scores(j) = (s . h_j) / sqrt(d).
//   d = 0 or a size that differs throws std::invalid_argument. You may call your dot_scores (5.3).
//
// Check it:  ./workbook check 5.6   (or: cmake --build build -t check-5.6)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.6", has hints.
#include "ch05/ch05.hpp"

#include <cmath>         // std::sqrt
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch05 {

Vector scaled_dot_scores(const Vector& s, const Matrix& encoder_states) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.6", "scaled_dot_scores");
}

}  // namespace ch05
