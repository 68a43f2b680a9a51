// Mutant of 5.5: never checks W_h's row count against d_attn, so a W_h with
// extra rows is silently cut to its first d_attn rows.
#include "ch05/ch05.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch05 {

Vector additive_scores(const Vector& s, const Matrix& encoder_states, const AdditiveWeights& weights) {
    const std::size_t T_enc = encoder_states.shape(0), d_h = encoder_states.shape(1), d_s = s.size();
    const std::size_t d_attn = weights.v.size();
    if (weights.W_s.shape(0) != d_attn || weights.W_s.shape(1) != d_s || weights.W_h.shape(1) != d_h)
        throw std::invalid_argument(fmt::format("additive_scores: W_s is ({}, {}), W_h ({}, {}) and v ({}), but s has "
                                                "{} values and the encoder states {} columns",
                                                weights.W_s.shape(0), weights.W_s.shape(1), weights.W_h.shape(0),
                                                weights.W_h.shape(1), d_attn, d_s, d_h));
    Vector query_part = xt::zeros<double>({d_attn});  // (d_attn)  W_s s, the same for every j
    for (std::size_t a = 0; a < d_attn; ++a)
        for (std::size_t k = 0; k < d_s; ++k) query_part(a) += weights.W_s(a, k) * s(k);
    Vector scores = xt::zeros<double>({T_enc});  // (T_enc)
    for (std::size_t j = 0; j < T_enc; ++j) {
        for (std::size_t a = 0; a < d_attn; ++a) {
            double hidden = query_part(a);  // (W_s s + W_h h_j)_a
            for (std::size_t k = 0; k < d_h; ++k) hidden += weights.W_h(a, k) * encoder_states(j, k);
            scores(j) += weights.v(a) * std::tanh(hidden);
        }
    }
    return scores;
}

}  // namespace ch05
