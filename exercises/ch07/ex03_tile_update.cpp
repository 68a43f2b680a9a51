// Exercise 7.3 - one tile update of (m, l, acc)
//
// Contract (the declaration is in exercises/ch07/ch07.hpp):
//   state (B_q rows), scores (B_q, B_k) scaled and masked (-inf), values (B_k, hv): per row
//   m_new = max(m, row max); alpha = exp(m - m_new); p = exp(scores - m_new);
//   l = alpha l + sum p; acc = alpha acc + p values; m = m_new. A row still at -inf stays empty.
//   Sizes that do not fit throw std::invalid_argument.
//
// Check it:  ./workbook check 7.3   (or: cmake --build build -t check-7.3)
// Stuck?     docs/07-attention-at-scale.md, section "Exercise 7.3", has hints.
#include "ch07/ch07.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace ch07 {

void tile_update(TileState& state, const Matrix& scores, const Matrix& values) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("7.3", "tile_update");
}

}  // namespace ch07
