// Exercise 2.7 - transfer V2's weights into V1
//
// Contract (the declaration is in exercises/ch02/ch02.hpp):
//   module: three bias-free linear layers, weight (d_out, d_in)  ->  a SelfAttentionV1 with three
//   (d_in, d_out) matrices such that self_attention_v1(result, x) == self_attention_v2(module, x).
//   nn.Linear computes x @ weight^T; V1 computes x @ W. Which W makes those equal?
//   V1 has nowhere to put a bias: a layer with a non-empty bias throws std::invalid_argument.
//
// Check it:  ./workbook check 2.7   (or: cmake --build build -t check-2.7)
// Stuck?     docs/02-self-attention.md, section "Exercise 2.7", has hints.
#include "ch02/ch02.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>               // fmt::format, for error messages
#include <xtensor/xmanipulation.hpp>  // xt::transpose

#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch02 {

SelfAttentionV1 transfer_v2_to_v1(const SelfAttentionV2& module) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("2.7", "transfer_v2_to_v1");
}

}  // namespace ch02
