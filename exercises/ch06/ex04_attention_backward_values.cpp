// Exercise 6.4 - Backward through weights times values
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   weights (T_q, T_k), values (T_k, d_v), d_output (T_q, d_v)  ->  ValuesBackward{d_weights (T_q, T_k)
//   = d_output values^T, d_values (T_k, d_v) = weights^T d_output}. Shapes that do not fit throw
//   std::invalid_argument.
//
// Check it:  ./workbook check 6.4   (or: cmake --build build -t check-6.4)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.4", has hints.
#include "ch06/ch06.hpp"

#include "wb/print.hpp"  // wb::shape_of, for the error messages
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch06 {

ValuesBackward attention_backward_values(const Matrix& weights, const Matrix& values, const Matrix& d_output) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.4", "attention_backward_values");
}

}  // namespace ch06
