// Exercise 2.4 - self-attention with raw weight matrices (V1)
//
// Contract (the declaration is in exercises/ch02/ch02.hpp):
//   module.W_query, W_key, W_value (d_in, d_out) each, inputs (T, d_in)  ->  contexts (T, d_out):
//     queries = inputs @ W_query, keys = inputs @ W_key, values = inputs @ W_value   (T, d_out) each
//     weights = softmax_rows(queries @ keys^T / sqrt(d_out))                          (T, T)
//     contexts = weights @ values                                                    (T, d_out)
//   You may call your project, attention_scores and attention_weights (2.1 - 2.3).
//   Inputs whose width is not d_in, or three weights of different shapes, throw std::invalid_argument.
//
// Check it:  ./workbook check 2.4   (or: cmake --build build -t check-2.4)
// Stuck?     docs/02-self-attention.md, section "Exercise 2.4", has hints.
#include "ch02/ch02.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>

#include "wb/ops.hpp"    // wb::matmul
#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch02 {

Matrix self_attention_v1(const SelfAttentionV1& module, const Matrix& inputs) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("2.4", "self_attention_v1");
}

}  // namespace ch02
