// Exercise 6.9 - Alignment accuracy
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   weights: one (T_dec, T_enc) matrix per sentence, gold: T_dec source positions per sentence  ->  the
//   fraction of target words whose largest weight (the first largest on a tie) is at the gold
//   position. No target words, different sentence counts or a gold list of another length throw
//   std::invalid_argument; a gold position >= T_enc throws std::out_of_range.
//
// Check it:  ./workbook check 6.9   (or: cmake --build build -t check-6.9)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.9", has hints.
#include "ch06/ch06.hpp"

#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument, std::out_of_range

namespace ch06 {

double alignment_accuracy(const std::vector<Matrix>& weights, const std::vector<std::vector<std::size_t>>& gold) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.9", "alignment_accuracy");
}

}  // namespace ch06
