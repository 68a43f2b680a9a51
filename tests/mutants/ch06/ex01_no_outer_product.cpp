// Mutant of 6.1: the Jacobian is diag(p): the - p p^T term is forgotten.
#include "ch06/ch06.hpp"

#include <stdexcept>

namespace ch06 {

Matrix softmax_jacobian(const Vector& weights) {
    const std::size_t T = weights.size();
    if (T == 0) throw std::invalid_argument("softmax_jacobian: no weights (T = 0)");
    Matrix J = xt::zeros<double>({T, T});  // (T, T)  J(i, j) = d p_i / d z_j
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = 0; j < T; ++j) J(i, j) = i == j ? weights(i) : 0.0;
    return J;
}

}  // namespace ch06
