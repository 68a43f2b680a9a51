// Mutant of 3.4: multiplies the survivors by (1 - p) instead of dividing, shrinking instead of restoring.
#include "ch03/ch03.hpp"

#include <stdexcept>

namespace ch03 {
Matrix dropout_weights(const Matrix& weights, const Matrix& keep, double p) {
    if (!(p >= 0.0 && p < 1.0)) throw std::invalid_argument("bad p");
    if (weights.shape() != keep.shape()) throw std::invalid_argument("shapes differ");
    Matrix dropped = weights * keep * (1.0 - p);
    return dropped;
}
}  // namespace ch03
