// Exercise 2.2 - the scores of every query with every key
//
// Contract (the declaration is in exercises/ch02/ch02.hpp):
//   queries (T_q, d_k), keys (T_k, d_k)  ->  scores (T_q, T_k) = queries @ keys^T.
//   scores(i, j) is the dot product of query i with key j. Not scaled yet (that is 2.3).
//   Queries and keys of different widths d_k throw std::invalid_argument naming both shapes.
//
// Check it:  ./workbook check 2.2   (or: cmake --build build -t check-2.2)
// Stuck?     docs/02-self-attention.md, section "Exercise 2.2", has hints.
#include "ch02/ch02.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>               // fmt::format, for error messages
#include <xtensor/xmanipulation.hpp>  // xt::transpose

#include "wb/ops.hpp"    // wb::matmul
#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch02 {

Matrix attention_scores(const Matrix& queries, const Matrix& keys) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("2.2", "attention_scores");
}

}  // namespace ch02
