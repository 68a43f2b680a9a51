// Mutant of 6.10: a baseline that is nan or inf is not rejected.
#include "ch06/ch06.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch06 {

Matrix reinforce_backward(const Matrix& weights, const std::vector<std::size_t>& sampled, const Vector& losses,
                          double baseline) {
    const std::size_t T_q = weights.shape(0), T_k = weights.shape(1);
    if (sampled.size() != T_q)
        throw std::invalid_argument(
            fmt::format("reinforce_backward: {} sampled positions for {} rows of weights", sampled.size(), T_q));
    if (losses.size() != T_q)
        throw std::invalid_argument(
            fmt::format("reinforce_backward: {} losses for {} rows of weights", losses.size(), T_q));
    Matrix d_scores = xt::zeros<double>({T_q, T_k});  // (T_q, T_k)
    for (std::size_t t = 0; t < T_q; ++t) {
        if (!std::isfinite(losses(t)))
            throw std::invalid_argument(
                fmt::format("reinforce_backward: loss {} is {}, not a finite number", t, losses(t)));
        if (sampled[t] >= T_k)
            throw std::out_of_range(
                fmt::format("reinforce_backward: row {} sampled position {}, not below T_k = {}", t, sampled[t], T_k));
        // d/dscores of log softmax(scores)[j] = onehot(j) - softmax(scores), times the advantage
        const double advantage = losses(t) - baseline;
        for (std::size_t j = 0; j < T_k; ++j)
            d_scores(t, j) = advantage * ((j == sampled[t] ? 1.0 : 0.0) - weights(t, j));
    }
    return d_scores;
}

}  // namespace ch06
