// Mutant of 6.6: the bias gradient is left at 0.
#include "ch06/ch06.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "wb/print.hpp"

namespace ch06 {

LinearBackward linear_backward(const Matrix& inputs, const Matrix& weight, const Matrix& d_outputs) {
    const std::size_t N = inputs.shape(0), d_in = inputs.shape(1), d_out = weight.shape(0);
    if (weight.shape(1) != d_in)
        throw std::invalid_argument(
            fmt::format("linear_backward: inputs {} but weight {}", wb::shape_of(inputs), wb::shape_of(weight)));
    if (d_outputs.shape(0) != N || d_outputs.shape(1) != d_out)
        throw std::invalid_argument(
            fmt::format("linear_backward: d_outputs {} are not ({}, {})", wb::shape_of(d_outputs), N, d_out));
    LinearBackward out;
    out.d_inputs = xt::zeros<double>({N, d_in});      // (N, d_in)
    out.d_weight = xt::zeros<double>({d_out, d_in});  // (d_out, d_in)
    out.d_bias = xt::zeros<double>({d_out});          // (d_out)
    // forward: outputs(n, o) = sum_k inputs(n, k) weight(o, k) + bias(o)
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t o = 0; o < d_out; ++o) {

            for (std::size_t k = 0; k < d_in; ++k) {
                out.d_inputs(n, k) += d_outputs(n, o) * weight(o, k);  // d_outputs W
                out.d_weight(o, k) += d_outputs(n, o) * inputs(n, k);  // d_outputs^T inputs
            }
        }
    return out;
}

}  // namespace ch06
