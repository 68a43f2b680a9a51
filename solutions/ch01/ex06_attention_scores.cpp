// Reference solution for exercise 1.6 (attention_scores). Contract: exercises/ch01/ch01.hpp.
#include "ch01/ch01.hpp"

#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xmanipulation.hpp>

namespace ch01 {

Matrix attention_scores(const Matrix& inputs) {
    // (T, d_in) . (d_in, T) -> (T, T). linalg::dot returns an xarray: assign it to a Matrix.
    Matrix scores = xt::linalg::dot(inputs, xt::transpose(inputs));
    return scores;
}

}  // namespace ch01
