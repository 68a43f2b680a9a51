// Exercise 2.6 - self-attention with linear layers (V2)
//
// Contract (the declaration is in exercises/ch02/ch02.hpp):
//   module.W_query, W_key, W_value: linear layers (weight (d_out, d_in)), inputs (T, d_in)
//   ->  contexts (T, d_out): queries = linear(W_query, inputs), and the same for keys and values,
//   then weights = softmax_rows(queries @ keys^T / sqrt(d_out)) and contexts = weights @ values.
//   You may call your attention_scores, attention_weights and linear (2.2, 2.3, 2.5).
//   Shapes that do not fit throw std::invalid_argument.
//
// Check it:  ./workbook check 2.6   (or: cmake --build build -t check-2.6)
// Stuck?     docs/02-self-attention.md, section "Exercise 2.6", has hints.
#include "ch02/ch02.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>  // fmt::format, for error messages

#include "wb/ops.hpp"    // wb::matmul
#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch02 {

Matrix self_attention_v2(const SelfAttentionV2& module, const Matrix& inputs) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("2.6", "self_attention_v2");
}

}  // namespace ch02
