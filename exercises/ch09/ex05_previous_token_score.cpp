// Exercise 9.5 - The previous-token score of a head
//
// Contract (the declaration is in exercises/ch09/ch09.hpp):
//   weights (T, T)  ->  the mean of weights(t, t - 1) over t = 1 .. T-1. T < 2 or a pattern that
//   is not square throws std::invalid_argument.
//
// Check it:  ./workbook check 9.5   (or: cmake --build build -t check-9.5)
// Stuck?     docs/09-tiny-gpt.md, section "Exercise 9.5", has hints.
#include "ch09/ch09.hpp"

#include <stdexcept>  // std::invalid_argument

namespace ch09 {

double previous_token_score(const Matrix& weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("9.5", "previous_token_score");
}

}  // namespace ch09
