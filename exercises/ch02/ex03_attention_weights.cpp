// Exercise 2.3 - scaled attention weights
//
// Contract (the declaration is in exercises/ch02/ch02.hpp):
//   scores (T_q, T_k), d_k >= 1  ->  weights (T_q, T_k) = softmax over each row of scores / sqrt(d_k).
//   d_k is the key size (d_out), not d_in and not T. Every row of the result sums to 1.
//   d_k = 0 throws std::invalid_argument. Use wb::softmax_rows (Chapter 1's 1.7, ready-made).
//
// Check it:  ./workbook check 2.3   (or: cmake --build build -t check-2.3)
// Stuck?     docs/02-self-attention.md, section "Exercise 2.3", has hints.
#include "ch02/ch02.hpp"

#include <cmath>      // std::sqrt
#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>  // fmt::format, for error messages

#include "wb/ops.hpp"    // wb::softmax_rows
#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch02 {

Matrix attention_weights(const Matrix& scores, std::size_t d_k) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("2.3", "attention_weights");
}

}  // namespace ch02
