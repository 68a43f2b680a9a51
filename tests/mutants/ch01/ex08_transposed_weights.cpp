// Mutant of 1.8: multiplies by the transposed weights (A^T X), the classic wrong pair of axes.
#include "ch01/ch01.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmanipulation.hpp>

namespace ch01 {
Matrix context_vectors(const Matrix& weights, const Matrix& inputs) {
    if (weights.shape(1) != inputs.shape(0)) throw std::invalid_argument("shape");
    if (weights.shape(0) != weights.shape(1)) {  // only square weights can be transposed here
        Matrix contexts = xt::linalg::dot(weights, inputs);
        return contexts;
    }
    Matrix contexts = xt::linalg::dot(xt::transpose(weights), inputs);
    return contexts;
}
}  // namespace ch01
