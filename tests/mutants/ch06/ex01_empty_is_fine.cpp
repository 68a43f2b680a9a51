// Mutant of 6.1: T = 0 returns an empty matrix instead of throwing.
#include "ch06/ch06.hpp"

#include <stdexcept>

namespace ch06 {

Matrix softmax_jacobian(const Vector& weights) {
    const std::size_t T = weights.size();
    if (T == 0) return Matrix(xt::zeros<double>({0, 0}));
    Matrix J = xt::zeros<double>({T, T});  // (T, T)  J(i, j) = d p_i / d z_j
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = 0; j < T; ++j) J(i, j) = weights(i) * ((i == j ? 1.0 : 0.0) - weights(j));
    return J;
}

}  // namespace ch06
