// Exercise 9.7 - The antecedent accuracy of a head
//
// Contract (the declaration is in exercises/ch09/ch09.hpp):
//   weights (one (T_s, T_s) pattern per sentence), pronoun, antecedent positions  ->  the fraction
//   of sentences whose pronoun row has its largest weight (the first, on a tie) at the antecedent.
//   Bad lists or positions throw std::invalid_argument.
//
// Check it:  ./workbook check 9.7   (or: cmake --build build -t check-9.7)
// Stuck?     docs/09-tiny-gpt.md, section "Exercise 9.7", has hints.
#include "ch09/ch09.hpp"

#include <stdexcept>  // std::invalid_argument

namespace ch09 {

double antecedent_accuracy(const std::vector<Matrix>& weights, const std::vector<std::size_t>& pronoun,
                           const std::vector<std::size_t>& antecedent) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("9.7", "antecedent_accuracy");
}

}  // namespace ch09
