// Exercise 3.4 - dropout on the attention weights
//
// Contract (the declaration is in exercises/ch03/ch03.hpp):
//   weights (T_q, T_k), keep (T_q, T_k) of 0/1, p in [0, 1)  ->  (T_q, T_k): weights / (1 - p) where
//   keep is 1, and 0 where keep is 0. p outside [0, 1), NaN included, and shapes that differ
//   throw std::invalid_argument; the message shows p, or names both shapes.
//
// Check it:  ./workbook check 3.4   (or: cmake --build build -t check-3.4)
// Stuck?     docs/03-causal-attention.md, section "Exercise 3.4", has hints.
#include "ch03/ch03.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>  // fmt::format, for error messages

#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch03 {

Matrix dropout_weights(const Matrix& weights, const Matrix& keep, double p) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("3.4", "dropout_weights");
}

}  // namespace ch03
