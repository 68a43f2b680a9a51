// Reference solution for exercise 5.8 (decoder_step_attention). Contract: exercises/ch05/ch05.hpp.
#include "ch05/ch05.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch05 {

Attention decoder_step_attention(DecoderStyle style, const Matrix& decoder_states, const Vector& s_0, std::size_t t,
                                 const Matrix& encoder_states, const ScoringWeights& scoring) {
    const std::size_t T_dec = decoder_states.shape(0);
    if (t == 0 || t > T_dec)
        throw std::out_of_range(fmt::format("decoder_step_attention: step {} is outside 1..{}", t, T_dec));
    if (s_0.size() != decoder_states.shape(1))
        throw std::invalid_argument(fmt::format("decoder_step_attention: s_0 has {} values, the decoder states {}",
                                                s_0.size(), decoder_states.shape(1)));
    Vector scores;  // (T_enc)
    if (style == DecoderStyle::bahdanau) {
        // The context is an input of the step that makes s_t, so only s_(t-1) exists yet.
        const Vector s_previous = t == 1 ? s_0 : Vector(xt::view(decoder_states, t - 2, xt::all()));  // (d_hidden)
        scores = additive_scores(s_previous, encoder_states, scoring.additive);
    } else {
        // The RNN step runs first; the context is combined with s_t afterwards.
        const Vector s_current = xt::view(decoder_states, t - 1, xt::all());  // (d_hidden)
        scores = general_scores(s_current, encoder_states, scoring.W_general);
    }
    return attend(scores, encoder_states);
}

}  // namespace ch05
