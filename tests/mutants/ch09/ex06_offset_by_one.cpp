// Mutant of 9.6: attention to the earlier occurrence of the token itself, not to the token after it.
#include "ch09/ch09.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch09 {

double induction_score(const Matrix& weights, std::size_t first, std::size_t second, std::size_t length) {
    const std::size_t T = weights.shape(0);
    if (weights.shape(1) != T)
        throw std::invalid_argument(
            fmt::format("induction_score: weights ({}, {}) are not square", T, weights.shape(1)));
    if (length == 0) throw std::invalid_argument("induction_score: length 0 is no repeat");
    if (first >= second)
        throw std::invalid_argument(fmt::format(
            "induction_score: the repeat at {} does not come after the first occurrence at {}", second, first));
    if (second + length > T)
        throw std::invalid_argument(
            fmt::format("induction_score: the repeat {}..{} does not fit T = {}", second, second + length - 1, T));
    double sum = 0.0;
    for (std::size_t i = 0; i < length; ++i) sum += weights(second + i, first + i);
    return sum / static_cast<double>(length);
}

}  // namespace ch09
