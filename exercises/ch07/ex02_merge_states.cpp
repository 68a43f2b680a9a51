// Exercise 7.2 - merging two partial softmax states
//
// Contract (the declaration is in exercises/ch07/ch07.hpp):
//   (m1, l1, acc1), (m2, l2, acc2) -> m = max(m1, m2), l = exp(m1 - m) l1 + exp(m2 - m) l2,
//   acc = exp(m1 - m) acc1 + exp(m2 - m) acc2. An empty side (m = -inf, l = 0) leaves the other;
//   two empty sides give an empty state, never NaN. acc of different sizes throws.
//
// Check it:  ./workbook check 7.2   (or: cmake --build build -t check-7.2)
// Stuck?     docs/07-attention-at-scale.md, section "Exercise 7.2", has hints.
#include "ch07/ch07.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace ch07 {

PartialState merge_states(const PartialState& a, const PartialState& b) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("7.2", "merge_states");
}

}  // namespace ch07
