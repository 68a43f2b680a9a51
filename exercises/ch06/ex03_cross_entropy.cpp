// Exercise 6.3 - Cross-entropy and its gradient
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   logits (V), target  ->  CrossEntropy{loss = logsumexp(logits) - logits(target), computed stably,
//   d_logits (V) = softmax(logits) - one_hot(target)}. V = 0 throws std::invalid_argument; target >= V
//   throws std::out_of_range.
//
// Check it:  ./workbook check 6.3   (or: cmake --build build -t check-6.3)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.3", has hints.
#include "ch06/ch06.hpp"

#include <cmath>         // std::exp, std::log
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument, std::out_of_range

namespace ch06 {

CrossEntropy cross_entropy(const Vector& logits, std::size_t target) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.3", "cross_entropy");
}

}  // namespace ch06
