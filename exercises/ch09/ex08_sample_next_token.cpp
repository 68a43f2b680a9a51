// Exercise 9.8 - Sampling with temperature and top-k
//
// Contract (the declaration is in exercises/ch09/ch09.hpp):
//   logits (V), temperature, top_k, generator  ->  a token, as torch.multinomial(softmax(the k
//   largest logits / temperature, the rest -inf), 1, generator): draw generator.exponential(V) and
//   return the argmax of probs / draws. Ties at the k-th value keep the lowest token ids, exactly k.
//   Bad arguments throw std::invalid_argument before any draw.
//
// Check it:  ./workbook check 9.8   (or: cmake --build build -t check-9.8)
// Stuck?     docs/09-tiny-gpt.md, section "Exercise 9.8", has hints.
#include "ch09/ch09.hpp"

#include <cmath>      // std::exp, std::isfinite
#include <stdexcept>  // std::invalid_argument

namespace ch09 {

std::size_t sample_next_token(const Vector& logits, double temperature, std::size_t top_k,
                              wb::TorchGenerator& generator) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("9.8", "sample_next_token");
}

}  // namespace ch09
