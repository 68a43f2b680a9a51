// Exercise 6.8 - One step of Adam, as torch.optim.Adam
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   params (n), grads (n), state, settings  ->  params and state updated in place: steps += 1;
//   m = beta1 m + (1 - beta1) g; v = beta2 v + (1 - beta2) g^2;
//   params -= lr / (1 - beta1^steps) * m / (sqrt(v) / sqrt(1 - beta2^steps) + eps).
//   Empty m and v start as zeros. Sizes that differ, lr < 0, a beta outside [0, 1), eps < 0 or a
//   setting that is not finite throw std::invalid_argument before anything changes.
//
// Check it:  ./workbook check 6.8   (or: cmake --build build -t check-6.8)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.8", has hints.
#include "ch06/ch06.hpp"

#include <cmath>         // std::pow, std::sqrt, std::isfinite
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch06 {

void adam_step(Vector& params, const Vector& grads, AdamState& state, const AdamSettings& settings) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.8", "adam_step");
}

}  // namespace ch06
