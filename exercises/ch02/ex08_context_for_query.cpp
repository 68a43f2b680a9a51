// Exercise 2.8 (stretch) - the context vector of one query, by loops
//
// Contract (the declaration is in exercises/ch02/ch02.hpp):
//   module (three (d_in, d_out) matrices), inputs (T, d_in), query_index in [0, T)  ->  context (d_out):
//     query = row query_index of inputs times W_query                    (d_out)
//     key_j = x_j W_key, value_j = x_j W_value for every token j          (d_out) each
//     scores(j) = query . key_j, weights = softmax(scores / sqrt(d_out))  (T)
//     context = sum over j of weights(j) * value_j                        (d_out)
//   Row query_index of self_attention_v1(module, inputs), computed for this one query only.
//   query_index outside [0, T) throws std::out_of_range; inputs whose width is not d_in, or weights
//   of different shapes, throw std::invalid_argument.
//
// Check it:  ./workbook check 2.8   (or: cmake --build build -t check-2.8)
// Stuck?     docs/02-self-attention.md, section "Exercise 2.8", has hints.
#include "ch02/ch02.hpp"

#include <algorithm>  // std::max_element
#include <cmath>      // std::exp, std::sqrt
#include <stdexcept>  // std::out_of_range, std::invalid_argument

#include <fmt/format.h>  // fmt::format, for error messages

#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch02 {

Vector context_for_query(const SelfAttentionV1& module, const Matrix& inputs, std::size_t query_index) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("2.8", "context_for_query");
}

}  // namespace ch02
