// Mutant of 5.8: Bahdanau's additive score with the current state s_t instead of s_(t-1).
#include "ch05/ch05.hpp"

#include <xtensor/xview.hpp>

namespace ch05 {
Attention decoder_step_attention(DecoderStyle style, const Matrix& decoder_states, const Vector& s_0, std::size_t t,
                                 const Matrix& encoder_states, const ScoringWeights& scoring) {
    const Vector s_t = xt::view(decoder_states, t - 1, xt::all());
    const Vector scores = style == DecoderStyle::bahdanau ? additive_scores(s_t, encoder_states, scoring.additive)
                                                          : general_scores(s_t, encoder_states, scoring.W_general);
    (void)s_0;
    return attend(scores, encoder_states);
}
}  // namespace ch05
