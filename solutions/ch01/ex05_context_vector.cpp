// Reference solution for exercise 1.5 (context_vector). Contract: exercises/ch01/ch01.hpp.
#include "ch01/ch01.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor-blas/xlinalg.hpp>

namespace ch01 {

Vector context_vector(const Matrix& inputs, const Vector& weights) {
    if (weights.size() != inputs.shape(0))
        throw std::invalid_argument(
            fmt::format("context_vector: {} weights for {} tokens", weights.size(), inputs.shape(0)));
    // (T) . (T, d_in) -> (d_in): the weighted sum of the rows of inputs.
    Vector context = xt::linalg::dot(weights, inputs);
    return context;
}

}  // namespace ch01
