// Exercise 5.9 - cross-attention, queries from the decoder, keys and values from the encoder
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   decoder (B, T_dec, d_dec), encoder (B, T_enc, d_enc), weights {W_query (d_out, d_dec),
//   W_key (d_out, d_enc), W_value (d_out, d_enc)}  ->  CrossAttention with queries (B, T_dec, d_out),
//   keys and values (B, T_enc, d_out), scores = Q K^T / sqrt(d_out) and weights (B, T_dec, T_enc),
//   contexts (B, T_dec, d_out). The softmax runs over the encoder positions (the last axis).
//   Batch or feature sizes that do not fit, or T_enc = 0, throw std::invalid_argument.
//   xt::linalg::dot is not a batched product: loop over b with views.
//
// Check it:  ./workbook check 5.9   (or: cmake --build build -t check-5.9)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.9", has hints.
#include "ch05/ch05.hpp"

#include "wb/ops.hpp"         // wb::matmul, wb::softmax_last
#include <cmath>              // std::sqrt
#include <fmt/format.h>       // fmt::format, for the error messages
#include <stdexcept>          // std::invalid_argument
#include <xtensor/xview.hpp>  // xt::view(t, b, xt::all(), xt::all())

namespace ch05 {

CrossAttention cross_attention(const Tensor3& decoder, const Tensor3& encoder, const CrossAttentionWeights& weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.9", "cross_attention");
}

}  // namespace ch05
