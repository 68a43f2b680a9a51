// Reference solution for exercise 9.5 (previous_token_score). Contract: exercises/ch09/ch09.hpp.
#include "ch09/ch09.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch09 {

double previous_token_score(const Matrix& weights) {
    const std::size_t T = weights.shape(0);
    if (weights.shape(1) != T)
        throw std::invalid_argument(
            fmt::format("previous_token_score: weights ({}, {}) are not square", T, weights.shape(1)));
    if (T < 2) throw std::invalid_argument(fmt::format("previous_token_score: T = {} has no previous token", T));
    double sum = 0.0;
    for (std::size_t t = 1; t < T; ++t) sum += weights(t, t - 1);
    return sum / static_cast<double>(T - 1);
}

}  // namespace ch09
