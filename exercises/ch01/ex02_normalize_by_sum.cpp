// Exercise 1.2 - normalise scores by dividing by their sum
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   scores (T)  ->  weights (T), weights(j) = scores(j) / (scores(0) + ... + scores(T-1)).
//   Empty scores throw std::invalid_argument.
//
// Check it:  ./workbook check 1.2   (or: cmake --build build -t check-1.2)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.2", has hints.
#include "ch01/ch01.hpp"

#include <stdexcept>          // std::invalid_argument
#include <xtensor/xmath.hpp>  // xt::exp, xt::sum, xt::amax

namespace ch01 {

Vector normalize_by_sum(const Vector& scores) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.2", "normalize_by_sum");
}

}  // namespace ch01
