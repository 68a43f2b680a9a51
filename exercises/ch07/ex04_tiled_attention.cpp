// Exercise 7.4 - the whole tiled forward, any block size
//
// Contract (the declaration is in exercises/ch07/ch07.hpp):
//   queries (T_q, hd), keys (T_k, hd), values (T_k, hv) -> (T_q, hv), not causal: blocks of
//   B_q queries, each from empty_tile_state through one tile_update per block of B_k keys
//   (padding keys -inf), then finish. Equal to naive_attention to 1e-12 for any block sizes.
//   Block size 0, T_q or T_k of 0, mismatched hd, values or key_padding throw.
//
// Check it:  ./workbook check 7.4   (or: cmake --build build -t check-7.4)
// Stuck?     docs/07-attention-at-scale.md, section "Exercise 7.4", has hints.
#include "ch07/ch07.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch07 {

Matrix tiled_attention(const Matrix& queries, const Matrix& keys, const Matrix& values, const TileSizes& sizes,
                       const std::vector<bool>& key_padding) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("7.4", "tiled_attention");
}

}  // namespace ch07
