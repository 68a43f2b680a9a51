// Mutant of 1.5: averages the inputs with equal weights, ignoring the attention weights.
#include "ch01/ch01.hpp"

#include <xtensor/xmath.hpp>

namespace ch01 {
Vector context_vector(const Matrix& inputs, const Vector& weights) {
    if (weights.size() != inputs.shape(0)) throw std::invalid_argument("length");
    Vector context = xt::mean(inputs, {0});
    return context;
}
}  // namespace ch01
