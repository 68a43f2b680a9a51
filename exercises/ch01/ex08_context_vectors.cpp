// Exercise 1.8 - all context vectors as one matrix product
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   weights (T_q, T), inputs (T, d_in)  ->  contexts (T_q, d_in),
//   row i = sum over j of weights(i, j) * row j of inputs. One matrix product.
//   A weights column count that is not T throws std::invalid_argument.
//
// Check it:  ./workbook check 1.8   (or: cmake --build build -t check-1.8)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.8", has hints.
#include "ch01/ch01.hpp"

#include <stdexcept>                 // std::invalid_argument
#include <xtensor-blas/xlinalg.hpp>  // xt::linalg::dot

namespace ch01 {

Matrix context_vectors(const Matrix& weights, const Matrix& inputs) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.8", "context_vectors");
}

}  // namespace ch01
