// Exercise 1.5 - the context vector of one query
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   inputs (T, d_in), weights (T)  ->  context (d_in),
//   context = weights(0) * row 0 of inputs + ... + weights(T-1) * row T-1 of inputs.
//   weights whose length is not T throw std::invalid_argument.
//
// Check it:  ./workbook check 1.5   (or: cmake --build build -t check-1.5)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.5", has hints.
#include "ch01/ch01.hpp"

#include <stdexcept>                 // std::invalid_argument
#include <xtensor-blas/xlinalg.hpp>  // xt::linalg::dot (optional: a loop is fine)

namespace ch01 {

Vector context_vector(const Matrix& inputs, const Vector& weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.5", "context_vector");
}

}  // namespace ch01
