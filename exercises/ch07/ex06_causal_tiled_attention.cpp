// Exercise 7.6 - tiled causal attention with block skipping
//
// Contract (the declaration is in exercises/ch07/ch07.hpp):
//   as 7.4, with query i at position T_k - T_q + i: causal_block_kind skips the future tiles,
//   computes the full ones without a mask and masks only the diagonal ones (j > position of i).
//   Equal to naive_attention(..., true, key_padding) to 1e-12. counts (if given) gets the tiles of
//   each kind and the dot products computed. 7.4's errors, and T_q > T_k, throw.
//
// Check it:  ./workbook check 7.6   (or: cmake --build build -t check-7.6)
// Stuck?     docs/07-attention-at-scale.md, section "Exercise 7.6", has hints.
#include "ch07/ch07.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch07 {

Matrix causal_tiled_attention(const Matrix& queries, const Matrix& keys, const Matrix& values, const TileSizes& sizes,
                              const std::vector<bool>& key_padding, TileCounts* counts) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("7.6", "causal_tiled_attention");
}

}  // namespace ch07
