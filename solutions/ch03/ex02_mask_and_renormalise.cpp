// Reference solution for exercise 3.2 (mask_and_renormalise). Contract: exercises/ch03/ch03.hpp.
#include "ch03/ch03.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "wb/print.hpp"

namespace ch03 {

Matrix mask_and_renormalise(const Matrix& weights, const Matrix& mask) {
    if (weights.shape() != mask.shape())
        throw std::invalid_argument(fmt::format("mask_and_renormalise: weights {} and mask {} differ in shape",
                                                wb::shape_of(weights), wb::shape_of(mask)));
    Matrix masked = weights * mask;  // (T_q, T_k), the future set to 0
    for (std::size_t i = 0; i < masked.shape(0); ++i) {
        double row_sum = 0.0;
        for (std::size_t j = 0; j < masked.shape(1); ++j) row_sum += masked(i, j);
        if (row_sum == 0.0) continue;  // every key masked: the row stays zeros (the chapter's policy)
        for (std::size_t j = 0; j < masked.shape(1); ++j) masked(i, j) /= row_sum;
    }
    return masked;
}

}  // namespace ch03
