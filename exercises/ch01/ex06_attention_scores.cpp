// Exercise 1.6 - all attention scores as one matrix product
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   inputs (T, d_in)  ->  scores (T, T), scores(i, j) is the dot product of rows i and j: the matrix X X^T.
//   Use one matrix product (xt::linalg::dot), not loops.
//
// Check it:  ./workbook check 1.6   (or: cmake --build build -t check-1.6)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.6", has hints.
#include "ch01/ch01.hpp"

#include <xtensor-blas/xlinalg.hpp>   // xt::linalg::dot
#include <xtensor/xmanipulation.hpp>  // xt::transpose

namespace ch01 {

Matrix attention_scores(const Matrix& inputs) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.6", "attention_scores");
}

}  // namespace ch01
