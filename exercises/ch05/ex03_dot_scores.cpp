// Exercise 5.3 - dot-product scores (Luong's dot)
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   s (d), encoder_states (T_enc, d)  ->  scores (T_enc), scores(j) = s . h_j (row j).
//   A size that differs throws std::invalid_argument.
//
// Check it:  ./workbook check 5.3   (or: cmake --build build -t check-5.3)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.3", has hints.
#include "ch05/ch05.hpp"

#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch05 {

Vector dot_scores(const Vector& s, const Matrix& encoder_states) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.3", "dot_scores");
}

}  // namespace ch05
