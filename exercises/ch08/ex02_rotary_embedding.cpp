// Exercise 8.2 - Rotary position embedding, adjacent pairs
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   x (T, d), first_position  ->  (T, d): row t at position m = first_position + t has each pair of
//   columns (2i, 2i + 1) rotated by the angle m * 10000^(-2i/d). d = 0 or odd throws
//   std::invalid_argument.
//
// Check it:  ./workbook check 8.2   (or: cmake --build build -t check-8.2)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.2", has hints.
#include "ch08/ch08.hpp"

#include <cmath>      // std::sin, std::cos, std::pow
#include <stdexcept>  // std::invalid_argument

namespace ch08 {

Matrix rotary_embedding(const Matrix& x, std::size_t first_position) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.2", "rotary_embedding");
}

}  // namespace ch08
