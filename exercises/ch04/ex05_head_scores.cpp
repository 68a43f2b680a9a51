// Exercise 4.5 - the batched score product
//
// Contract (the declaration is in exercises/ch04/ch04.hpp):
//   queries (B, H, T_q, hd), keys (B, H, T_k, hd)  ->  scores (B, H, T_q, T_k): for every batch
//   item b and head h, the matrix Q K^T of that head (no scaling here). B, H or hd that differ
//   throw std::invalid_argument. xt::linalg::dot is not a batched product: loop over b and h
//   (wb::matmul from wb/ops.hpp multiplies two matrices), or write the sums yourself.
//
// Check it:  ./workbook check 4.5   (or: cmake --build build -t check-4.5)
// Stuck?     docs/04-multi-head-attention.md, section "Exercise 4.5", has hints.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>  // xt::transpose
#include <xtensor/xview.hpp>          // xt::view

#include "wb/ops.hpp"    // wb::matmul
#include "wb/print.hpp"  // wb::shape_of, for the error message

namespace ch04 {

Tensor4 head_scores(const Tensor4& queries, const Tensor4& keys) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("4.5", "head_scores");
}

}  // namespace ch04
