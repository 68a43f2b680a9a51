// Exercise 7.5 - causal block skipping: which tiles to visit, which to mask
//
// Contract (the declaration is in exercises/ch07/ch07.hpp):
//   queries at positions [q_begin, q_end), keys at [k_begin, k_end): skip if every key is after
//   every query, full if every key is at or before every query, masked otherwise (the diagonal).
//   A query at p sees a key at j when j <= p. Empty ranges throw std::invalid_argument.
//
// Check it:  ./workbook check 7.5   (or: cmake --build build -t check-7.5)
// Stuck?     docs/07-attention-at-scale.md, section "Exercise 7.5", has hints.
#include "ch07/ch07.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch07 {

BlockKind causal_block_kind(std::size_t q_begin, std::size_t q_end, std::size_t k_begin, std::size_t k_end) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("7.5", "causal_block_kind");
}

}  // namespace ch07
