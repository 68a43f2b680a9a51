// Exercise 1.10 - softmax with a temperature (stretch)
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   scores (T), temperature > 0  ->  weights (T) = softmax(scores / temperature), computed stably.
//   Temperature near 0 approaches hard attention; a large temperature approaches uniform weights.
//   temperature <= 0, NaN or infinite throws std::invalid_argument.
//
// Check it:  ./workbook check 1.10   (or: cmake --build build -t check-1.10)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.10", has hints.
#include "ch01/ch01.hpp"

#include <stdexcept>          // std::invalid_argument
#include <xtensor/xmath.hpp>  // xt::exp, xt::sum, xt::amax

namespace ch01 {

Vector softmax_with_temperature(const Vector& scores, double temperature) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.10", "softmax_with_temperature");
}

}  // namespace ch01
