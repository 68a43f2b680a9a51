// Mutant of 3.4: checks p only when there are weights, so p = 1 (or NaN)
// with empty weights is accepted.
#include "ch03/ch03.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "wb/print.hpp"

namespace ch03 {

Matrix dropout_weights(const Matrix& weights, const Matrix& keep, double p) {
    if (weights.size() > 0 && !(p >= 0.0 && p < 1.0))
        throw std::invalid_argument(fmt::format("dropout_weights: p must be in [0, 1), got {}", p));
    if (weights.shape() != keep.shape())
        throw std::invalid_argument(fmt::format("dropout_weights: weights {} and keep mask {} differ in shape",
                                                wb::shape_of(weights), wb::shape_of(keep)));
    const double scale = 1.0 / (1.0 - p);     // survivors grow so the expected value stays the same
    Matrix dropped = weights * keep * scale;  // (T_q, T_k)
    return dropped;
}

}  // namespace ch03
