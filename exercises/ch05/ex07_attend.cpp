// Exercise 5.7 - from scores to weights to a context vector
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   scores (T_enc), values (T_enc, d_v)  ->  Attention{weights (T_enc) = stable softmax of the scores,
//   context (d_v) = sum_j weights(j) * values row j}. T_enc = 0 or values with another row count
//   throw std::invalid_argument. wb::softmax_rows and wb::matmul (wb/ops.hpp) are yours to use:
//   a (1, T_enc) matrix is one row of scores.
//
// Check it:  ./workbook check 5.7   (or: cmake --build build -t check-5.7)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.7", has hints.
#include "ch05/ch05.hpp"

#include "wb/ops.hpp"         // wb::softmax_rows, wb::matmul
#include <fmt/format.h>       // fmt::format, for the error messages
#include <stdexcept>          // std::invalid_argument
#include <xtensor/xview.hpp>  // xt::view

namespace ch05 {

Attention attend(const Vector& scores, const Matrix& values) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.7", "attend");
}

}  // namespace ch05
