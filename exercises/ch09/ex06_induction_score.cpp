// Exercise 9.6 - The induction score of a head
//
// Contract (the declaration is in exercises/ch09/ch09.hpp):
//   weights (T, T), first, second, length  ->  the mean over i < length of
//   weights(second + i, first + i + 1): attention from each token of the repeat to the token that
//   followed its earlier occurrence. Bad positions throw std::invalid_argument.
//
// Check it:  ./workbook check 9.6   (or: cmake --build build -t check-9.6)
// Stuck?     docs/09-tiny-gpt.md, section "Exercise 9.6", has hints.
#include "ch09/ch09.hpp"

#include <stdexcept>  // std::invalid_argument

namespace ch09 {

double induction_score(const Matrix& weights, std::size_t first, std::size_t second, std::size_t length) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("9.6", "induction_score");
}

}  // namespace ch09
