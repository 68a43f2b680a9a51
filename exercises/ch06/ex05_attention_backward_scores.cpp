// Exercise 6.5 - From the weights to the scores, the queries and the keys
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   queries (T_q, d_k), keys (T_k, d_k), weights (T_q, T_k), d_weights (T_q, T_k)  ->  ScoresBackward{
//   d_scores: row i = softmax_backward(weights row i, d_weights row i) (your 6.2),
//   d_queries (T_q, d_k) = d_scores keys / sqrt(d_k), d_keys (T_k, d_k) = d_scores^T queries / sqrt(d_k)}.
//   A masked score (weight exactly 0) gets a gradient of exactly 0. d_k = 0 or shapes that do not fit
//   throw std::invalid_argument.
//
// Check it:  ./workbook check 6.5   (or: cmake --build build -t check-6.5)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.5", has hints.
#include "ch06/ch06.hpp"

#include "wb/print.hpp"       // wb::shape_of, for the error messages
#include <cmath>              // std::sqrt
#include <fmt/format.h>       // fmt::format, for the error messages
#include <stdexcept>          // std::invalid_argument
#include <xtensor/xview.hpp>  // xt::view, for the rows

namespace ch06 {

ScoresBackward attention_backward_scores(const Matrix& queries, const Matrix& keys, const Matrix& weights,
                                         const Matrix& d_weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.5", "attention_backward_scores");
}

}  // namespace ch06
