// Mutant of 5.5: forgets the tanh, v . (W_s s + W_h h_j): additive scoring collapses to a linear score.
#include "ch05/ch05.hpp"

namespace ch05 {
Vector additive_scores(const Vector& s, const Matrix& encoder_states, const AdditiveWeights& weights) {
    Vector scores = xt::zeros<double>({encoder_states.shape(0)});
    for (std::size_t j = 0; j < encoder_states.shape(0); ++j) {
        for (std::size_t a = 0; a < weights.v.size(); ++a) {
            double hidden = 0.0;
            for (std::size_t k = 0; k < s.size(); ++k) hidden += weights.W_s(a, k) * s(k);
            for (std::size_t k = 0; k < encoder_states.shape(1); ++k)
                hidden += weights.W_h(a, k) * encoder_states(j, k);
            scores(j) += weights.v(a) * hidden;
        }
    }
    return scores;
}
}  // namespace ch05
