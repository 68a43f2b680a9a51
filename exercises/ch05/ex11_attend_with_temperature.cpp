// Exercise 5.11 - soft attention with a temperature
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   scores (T_enc), values (T_enc, d_v), temperature  ->  attend(scores / temperature, values).
//   A temperature that is not a finite number > 0 throws std::invalid_argument; otherwise the errors
//   are those of attend (5.7).
//
// Check it:  ./workbook check 5.11   (or: cmake --build build -t check-5.11)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.11", has hints.
#include "ch05/ch05.hpp"

#include <cmath>         // std::isfinite
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch05 {

Attention attend_with_temperature(const Vector& scores, const Matrix& values, double temperature) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.11", "attend_with_temperature");
}

}  // namespace ch05
