// Exercise 5.8 - attention at one decoder step, Bahdanau's way or Luong's way
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   style, decoder_states (T_dec, d_hidden) with row t-1 = s_t, s_0 (d_hidden), t in [1, T_dec],
//   encoder_states (T_enc, d_hidden), scoring  ->  attend(scores, encoder_states) where
//     bahdanau: scores = additive_scores(s_(t-1), encoder_states, scoring.additive), s_0 at t = 1;
//     luong:    scores = general_scores(s_t, encoder_states, scoring.W_general).
//   t = 0 or t > T_dec throws std::out_of_range; an s_0 of the wrong size std::invalid_argument.
//   Call your functions from 5.4, 5.5 and 5.7.
//
// Check it:  ./workbook check 5.8   (or: cmake --build build -t check-5.8)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.8", has hints.
#include "ch05/ch05.hpp"

#include <fmt/format.h>       // fmt::format, for the error messages
#include <stdexcept>          // std::out_of_range, std::invalid_argument
#include <xtensor/xview.hpp>  // xt::view(m, row, xt::all())

namespace ch05 {

Attention decoder_step_attention(DecoderStyle style, const Matrix& decoder_states, const Vector& s_0, std::size_t t,
                                 const Matrix& encoder_states, const ScoringWeights& scoring) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.8", "decoder_step_attention");
}

}  // namespace ch05
