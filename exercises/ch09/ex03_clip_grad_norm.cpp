// Exercise 9.3 - Gradient clipping by global norm
//
// Contract (the declaration is in exercises/ch09/ch09.hpp):
//   grads (any number of tensors), max_norm  ->  the 2-norm of ALL the gradients together,
//   before clipping; if max_norm / (norm + 1e-6) < 1, every value of every tensor is multiplied by
//   it, in place. As torch.nn.utils.clip_grad_norm_. Bad max_norm, a null tensor or a non-finite
//   norm throw std::invalid_argument and change nothing.
//
// Check it:  ./workbook check 9.3   (or: cmake --build build -t check-9.3)
// Stuck?     docs/09-tiny-gpt.md, section "Exercise 9.3", has hints.
#include "ch09/ch09.hpp"

#include <cmath>      // std::sqrt, std::isfinite
#include <stdexcept>  // std::invalid_argument

namespace ch09 {

double clip_grad_norm(const std::vector<ch08::NamedTensor>& grads, double max_norm) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("9.3", "clip_grad_norm");
}

}  // namespace ch09
