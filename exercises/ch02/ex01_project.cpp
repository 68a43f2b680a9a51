// Exercise 2.1 - project every token with a weight matrix (queries, keys, values)
//
// Contract (the declaration is in exercises/ch02/ch02.hpp):
//   inputs (T, d_in), weight (d_in, d_out)  ->  projected (T, d_out) = inputs @ weight.
//   Row i of the result is token i's embedding times the weight: x^(i+1) @ W.
//   A weight with a row count other than d_in throws std::invalid_argument naming both shapes;
//   wb::matmul from wb/ops.hpp (Chapter 1's product, shape-checked) does exactly that for you.
//
// Check it:  ./workbook check 2.1   (or: cmake --build build -t check-2.1)
// Stuck?     docs/02-self-attention.md, section "Exercise 2.1", has hints.
#include "ch02/ch02.hpp"

#include "wb/ops.hpp"  // wb::matmul

namespace ch02 {

Matrix project(const Matrix& inputs, const Matrix& weight) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("2.1", "project");
}

}  // namespace ch02
