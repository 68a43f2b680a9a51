// Exercise 9.1 - Next-token pairs
//
// Contract (the declaration is in exercises/ch09/ch09.hpp):
//   sequences (B, T + 1)  ->  inputs (B, T) and targets (B, T), the targets one token to the
//   left of the inputs (targets[b][t] = sequences[b][t + 1]). B = 0 gives empty batches. A
//   sequence shorter than 2 tokens or sequences of different lengths throw std::invalid_argument.
//
// Check it:  ./workbook check 9.1   (or: cmake --build build -t check-9.1)
// Stuck?     docs/09-tiny-gpt.md, section "Exercise 9.1", has hints.
#include "ch09/ch09.hpp"

#include <stdexcept>  // std::invalid_argument

namespace ch09 {

NextTokenPairs next_token_pairs(const TokenBatch& sequences) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("9.1", "next_token_pairs");
}

}  // namespace ch09
