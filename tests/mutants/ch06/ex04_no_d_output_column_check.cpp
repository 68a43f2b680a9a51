// Mutant of 6.4: d_output with another column count is not rejected.
#include "ch06/ch06.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "wb/print.hpp"

namespace ch06 {

ValuesBackward attention_backward_values(const Matrix& weights, const Matrix& values, const Matrix& d_output) {
    const std::size_t T_q = weights.shape(0), T_k = weights.shape(1), d_v = values.shape(1);
    if (values.shape(0) != T_k)
        throw std::invalid_argument(fmt::format("attention_backward_values: weights {} but values {}",
                                                wb::shape_of(weights), wb::shape_of(values)));
    if (d_output.shape(0) != T_q)
        throw std::invalid_argument(
            fmt::format("attention_backward_values: d_output {} is not ({}, {})", wb::shape_of(d_output), T_q, d_v));
    ValuesBackward out;
    out.d_weights = xt::zeros<double>({T_q, T_k});  // (T_q, T_k)
    out.d_values = xt::zeros<double>({T_k, d_v});   // (T_k, d_v)
    // forward 3: output(i, c) = sum_j weights(i, j) values(j, c)
    for (std::size_t i = 0; i < T_q; ++i)
        for (std::size_t j = 0; j < T_k; ++j)
            for (std::size_t c = 0; c < d_v; ++c) {
                out.d_weights(i, j) += d_output(i, c) * values(j, c);  // d_output values^T
                out.d_values(j, c) += weights(i, j) * d_output(i, c);  // weights^T d_output
            }
    return out;
}

}  // namespace ch06
