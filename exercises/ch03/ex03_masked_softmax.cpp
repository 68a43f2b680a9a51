// Exercise 3.3 - the masked softmax (-inf, then softmax)
//
// Contract (the declaration is in exercises/ch03/ch03.hpp):
//   scores (T_q, T_k), mask (T_q, T_k) of 0/1  ->  weights (T_q, T_k): set the scores where mask
//   is 0 to -inf (not 0!), then softmax every row. wb::softmax_rows (wb/ops.hpp) does the softmax.
//   A row with no allowed key must come out all zeros, not NaN.
//   Shapes that differ throw std::invalid_argument naming both (wb::shape_of, wb/print.hpp).
//
// Check it:  ./workbook check 3.3   (or: cmake --build build -t check-3.3)
// Stuck?     docs/03-causal-attention.md, section "Exercise 3.3", has hints.
#include "ch03/ch03.hpp"

#include <limits>     // std::numeric_limits<double>::infinity()
#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>  // fmt::format, for error messages

#include "wb/ops.hpp"    // wb::softmax_rows
#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch03 {

Matrix masked_softmax(const Matrix& scores, const Matrix& mask) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("3.3", "masked_softmax");
}

}  // namespace ch03
