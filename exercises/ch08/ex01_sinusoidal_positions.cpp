// Exercise 8.1 - Sinusoidal position encodings
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   T, d  ->  P (T, d): P(t, 2i) = sin(t / 10000^(2i/d)), P(t, 2i + 1) = cos(the same angle); odd d
//   ends with a sine column. d = 0 throws std::invalid_argument.
//
// Check it:  ./workbook check 8.1   (or: cmake --build build -t check-8.1)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.1", has hints.
#include "ch08/ch08.hpp"

#include <cmath>      // std::sin, std::cos, std::pow
#include <stdexcept>  // std::invalid_argument

namespace ch08 {

Matrix sinusoidal_positions(std::size_t T, std::size_t d) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.1", "sinusoidal_positions");
}

}  // namespace ch08
