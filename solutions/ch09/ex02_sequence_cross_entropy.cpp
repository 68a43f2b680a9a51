// Reference solution for exercise 9.2 (sequence_cross_entropy). Contract: exercises/ch09/ch09.hpp.
#include "ch09/ch09.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch09 {

CrossEntropy sequence_cross_entropy(const Matrix& logits, const std::vector<std::size_t>& targets,
                                    const std::vector<bool>& counted) {
    const std::size_t T = logits.shape(0), V = logits.shape(1);
    if (T == 0) throw std::invalid_argument("sequence_cross_entropy: no positions (T = 0)");
    if (V == 0) throw std::invalid_argument("sequence_cross_entropy: an empty vocabulary (V = 0)");
    if (targets.size() != T)
        throw std::invalid_argument(
            fmt::format("sequence_cross_entropy: {} targets for T = {} positions", targets.size(), T));
    if (!counted.empty() && counted.size() != T)
        throw std::invalid_argument(
            fmt::format("sequence_cross_entropy: counted has {} entries for T = {} positions", counted.size(), T));
    std::size_t N = 0;
    for (std::size_t t = 0; t < T; ++t) {
        if (targets[t] >= V)
            throw std::invalid_argument(
                fmt::format("sequence_cross_entropy: target {} is not below V = {}", targets[t], V));
        for (std::size_t j = 0; j < V; ++j)
            if (!std::isfinite(logits(t, j)))
                throw std::invalid_argument(fmt::format("sequence_cross_entropy: logit ({}, {}) is not finite", t, j));
        if (counted.empty() || counted[t]) ++N;
    }
    if (N == 0) throw std::invalid_argument("sequence_cross_entropy: no position is counted");

    CrossEntropy out;
    out.d_logits = xt::zeros<double>({T, V});  // (T, V)
    double total = 0.0;
    for (std::size_t t = 0; t < T; ++t) {
        if (!counted.empty() && !counted[t]) continue;
        double top = logits(t, 0);
        for (std::size_t j = 1; j < V; ++j) top = std::max(top, logits(t, j));
        double sum = 0.0;  // sum_j exp(z_j - max z), at least 1
        for (std::size_t j = 0; j < V; ++j) sum += std::exp(logits(t, j) - top);
        // -log softmax(z)[y] = log sum - (z_y - max z)
        total += std::log(sum) - (logits(t, targets[t]) - top);
        for (std::size_t j = 0; j < V; ++j) {
            const double p = std::exp(logits(t, j) - top) / sum;
            out.d_logits(t, j) = (p - (j == targets[t] ? 1.0 : 0.0)) / static_cast<double>(N);
        }
    }
    out.loss = total / static_cast<double>(N);
    return out;
}

}  // namespace ch09
