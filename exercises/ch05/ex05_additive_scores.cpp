// Exercise 5.5 - additive scores (Bahdanau)
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   s (d_s), encoder_states (T_enc, d_h), weights {W_s (d_attn, d_s), W_h (d_attn, d_h), v (d_attn)}
//   ->  scores (T_enc), scores(j) = v . tanh(W_s s + W_h h_j). Sizes that do not fit throw
//   std::invalid_argument.
//
// Check it:  ./workbook check 5.5   (or: cmake --build build -t check-5.5)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.5", has hints.
#include "ch05/ch05.hpp"

#include <cmath>         // std::tanh
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch05 {

Vector additive_scores(const Vector& s, const Matrix& encoder_states, const AdditiveWeights& weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.5", "additive_scores");
}

}  // namespace ch05
