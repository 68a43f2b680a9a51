// Exercise 9.2 - The sequence cross-entropy and its gradient
//
// Contract (the declaration is in exercises/ch09/ch09.hpp):
//   logits (T, V), targets (T), counted (T or empty)  ->  the mean over counted positions of
//   -log softmax(logits row t)[target t], and d_logits = (softmax - onehot) / N on counted rows,
//   0 elsewhere. Subtract each row's largest logit before exp: a logit of 1000 must not overflow.
//   Bad sizes, a target >= V, nothing counted or a non-finite logit throw std::invalid_argument.
//
// Check it:  ./workbook check 9.2   (or: cmake --build build -t check-9.2)
// Stuck?     docs/09-tiny-gpt.md, section "Exercise 9.2", has hints.
#include "ch09/ch09.hpp"

#include <cmath>      // std::exp, std::log, std::isfinite
#include <stdexcept>  // std::invalid_argument

namespace ch09 {

CrossEntropy sequence_cross_entropy(const Matrix& logits, const std::vector<std::size_t>& targets,
                                    const std::vector<bool>& counted) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("9.2", "sequence_cross_entropy");
}

}  // namespace ch09
