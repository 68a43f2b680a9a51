// Exercise 9.4 - One AdamW step
//
// Contract (the declaration is in exercises/ch09/ch09.hpp):
//   params, grads (named tensors, same names and sizes), state, settings  ->  params and state
//   updated in place as torch.optim.AdamW: p *= 1 - lr weight_decay FIRST, then Adam's update with
//   bias correction, eps added to sqrt(v_hat). Bad lists or settings throw std::invalid_argument
//   and change nothing.
//
// Check it:  ./workbook check 9.4   (or: cmake --build build -t check-9.4)
// Stuck?     docs/09-tiny-gpt.md, section "Exercise 9.4", has hints.
#include "ch09/ch09.hpp"

#include <cmath>      // std::sqrt, std::pow, std::isfinite
#include <stdexcept>  // std::invalid_argument

namespace ch09 {

void adamw_step(const std::vector<ch08::NamedTensor>& params, const std::vector<ch08::NamedTensor>& grads,
                AdamWState& state, const AdamWSettings& settings) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("9.4", "adamw_step");
}

}  // namespace ch09
