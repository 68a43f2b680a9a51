// Exercise 3.2 - mask after the softmax, then renormalise
//
// Contract (the declaration is in exercises/ch03/ch03.hpp):
//   weights (T_q, T_k) (rows are softmaxes), mask (T_q, T_k) of 0/1  ->  (T_q, T_k): zero the
//   weights where mask is 0, then divide each row by its new sum so it sums to 1 again. A row
//   whose sum is 0 (every key masked) stays all zeros; never divide by 0.
//   Shapes that differ throw std::invalid_argument naming both (wb::shape_of, wb/print.hpp).
//
// Check it:  ./workbook check 3.2   (or: cmake --build build -t check-3.2)
// Stuck?     docs/03-causal-attention.md, section "Exercise 3.2", has hints.
#include "ch03/ch03.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>  // fmt::format, for error messages

#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch03 {

Matrix mask_and_renormalise(const Matrix& weights, const Matrix& mask) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("3.2", "mask_and_renormalise");
}

}  // namespace ch03
