// Mutant of 5.4: checks only W's rows against s, so a (4, 5) W next to
// 4-d encoder states is read as its (4, 4) sub-block instead of being refused.
#include "ch05/ch05.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch05 {

Vector general_scores(const Vector& s, const Matrix& encoder_states, const Matrix& W) {
    const std::size_t d_s = s.size(), d_h = encoder_states.shape(1);
    if (W.shape(0) != d_s)
        throw std::invalid_argument(fmt::format("general_scores: W is ({}, {}), but s has {} values and the encoder "
                                                "states {} columns: W must be (d_s, d_h) = ({}, {})",
                                                W.shape(0), W.shape(1), d_s, d_h, d_s, d_h));
    // s^T W h_j = (W^T s) . h_j: project the decoder state once, then take dot products.
    Vector projected = xt::zeros<double>({d_h});  // (d_h)  W^T s
    for (std::size_t k = 0; k < d_h; ++k)
        for (std::size_t a = 0; a < d_s; ++a) projected(k) += s(a) * W(a, k);
    return dot_scores(projected, encoder_states);
}

}  // namespace ch05
