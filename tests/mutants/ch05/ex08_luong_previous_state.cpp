// Mutant of 5.8: Luong's general score with the previous state s_(t-1) instead of s_t.
#include "ch05/ch05.hpp"

#include <xtensor/xview.hpp>

namespace ch05 {
Attention decoder_step_attention(DecoderStyle style, const Matrix& decoder_states, const Vector& s_0, std::size_t t,
                                 const Matrix& encoder_states, const ScoringWeights& scoring) {
    const Vector s_previous = t == 1 ? s_0 : Vector(xt::view(decoder_states, t - 2, xt::all()));
    const Vector scores = style == DecoderStyle::bahdanau
                              ? additive_scores(s_previous, encoder_states, scoring.additive)
                              : general_scores(s_previous, encoder_states, scoring.W_general);
    return attend(scores, encoder_states);
}
}  // namespace ch05
