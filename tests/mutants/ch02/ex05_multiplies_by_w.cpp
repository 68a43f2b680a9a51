// Mutant of 2.5: multiplies by the stored weight itself (x @ W) whenever the shapes allow it,
// instead of x @ W^T.
#include "ch02/ch02.hpp"

#include <xtensor/xmanipulation.hpp>

#include "wb/ops.hpp"

namespace ch02 {
Matrix linear(const Linear& layer, const Matrix& inputs) {
    const Matrix weight_t = xt::transpose(layer.weight);
    const Matrix& used = layer.weight.shape(0) == layer.weight.shape(1) ? layer.weight : weight_t;
    Matrix outputs = wb::matmul(inputs, used);
    if (layer.bias.size() != 0)
        for (std::size_t i = 0; i < outputs.shape(0); ++i)
            for (std::size_t j = 0; j < outputs.shape(1); ++j) outputs(i, j) += layer.bias(j);
    return outputs;
}
}  // namespace ch02
