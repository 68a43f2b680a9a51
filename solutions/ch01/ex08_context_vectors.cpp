// Reference solution for exercise 1.8 (context_vectors). Contract: exercises/ch01/ch01.hpp.
#include "ch01/ch01.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor-blas/xlinalg.hpp>

namespace ch01 {

Matrix context_vectors(const Matrix& weights, const Matrix& inputs) {
    if (weights.shape(1) != inputs.shape(0))
        throw std::invalid_argument(
            fmt::format("context_vectors: weights have {} columns for {} tokens", weights.shape(1), inputs.shape(0)));
    Matrix contexts = xt::linalg::dot(weights, inputs);  // (T_q, T) . (T, d_in) -> (T_q, d_in)
    return contexts;
}

}  // namespace ch01
