// Mutant of 3.2: zeroes the future weights but forgets to renormalise, so rows sum to less than 1.
#include "ch03/ch03.hpp"

#include <stdexcept>

namespace ch03 {
Matrix mask_and_renormalise(const Matrix& weights, const Matrix& mask) {
    if (weights.shape() != mask.shape()) throw std::invalid_argument("shapes differ");
    Matrix masked = weights * mask;
    return masked;
}
}  // namespace ch03
