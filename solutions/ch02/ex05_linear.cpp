// Reference solution for exercise 2.5 (linear). Contract: exercises/ch02/ch02.hpp.
#include "ch02/ch02.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch02 {

Matrix linear(const Linear& layer, const Matrix& inputs) {
    const std::size_t d_out = layer.weight.shape(0), d_in = layer.weight.shape(1);
    if (inputs.shape(1) != d_in)
        throw std::invalid_argument(fmt::format("linear: inputs {} do not fit weight {} (d_out, d_in): d_in is {}",
                                                wb::shape_of(inputs), wb::shape_of(layer.weight), d_in));
    if (layer.bias.size() != 0 && layer.bias.size() != d_out)
        throw std::invalid_argument(fmt::format("linear: bias {} does not fit weight {}: it needs ({},)",
                                                wb::shape_of(layer.bias), wb::shape_of(layer.weight), d_out));
    const Matrix weight_t = xt::transpose(layer.weight);  // (d_in, d_out)
    Matrix outputs = wb::matmul(inputs, weight_t);        // (T, d_out)
    if (layer.bias.size() != 0)
        for (std::size_t i = 0; i < outputs.shape(0); ++i)
            for (std::size_t j = 0; j < d_out; ++j) outputs(i, j) += layer.bias(j);
    return outputs;
}

}  // namespace ch02
