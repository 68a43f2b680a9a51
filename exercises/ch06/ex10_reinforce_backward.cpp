// Exercise 6.10 - Stretch: the REINFORCE gradient of sampled attention
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   weights (T_q, T_k) the policies, sampled (T_q) the drawn positions, losses (T_q) the loss after
//   each draw, baseline  ->  d_scores (T_q, T_k), row t = (losses_t - baseline) *
//   (onehot(sampled_t) - weights row t). Sizes that are not T_q, or a loss or baseline that is not
//   finite, throw std::invalid_argument; a sampled position >= T_k throws std::out_of_range.
//
// Check it:  ./workbook check 6.10   (or: cmake --build build -t check-6.10)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.10", has hints.
#include "ch06/ch06.hpp"

#include <cmath>         // std::isfinite
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument, std::out_of_range

namespace ch06 {

Matrix reinforce_backward(const Matrix& weights, const std::vector<std::size_t>& sampled, const Vector& losses,
                          double baseline) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.10", "reinforce_backward");
}

}  // namespace ch06
