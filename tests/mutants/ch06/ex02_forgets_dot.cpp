// Mutant of 6.2: dz = p * g: the - <p, g> term (the other weights moving) is forgotten.
#include "ch06/ch06.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch06 {

Vector softmax_backward(const Vector& weights, const Vector& d_weights) {
    const std::size_t T = weights.size();
    if (T == 0) throw std::invalid_argument("softmax_backward: no weights (T = 0)");
    if (d_weights.size() != T)
        throw std::invalid_argument(
            fmt::format("softmax_backward: {} weights but {} gradients d_weights", T, d_weights.size()));
    // forward: p = softmax(z)
    // backward: dz_j = sum_i g_i p_i (delta_ij - p_j) = p_j (g_j - <p, g>)
    double p_dot_g = 0.0;  // <p, g>
    for (std::size_t i = 0; i < T; ++i) p_dot_g += weights(i) * d_weights(i);
    Vector d_scores = xt::zeros<double>({T});  // (T)
    for (std::size_t j = 0; j < T; ++j) d_scores(j) = weights(j) * d_weights(j);
    return d_scores;
}

}  // namespace ch06
