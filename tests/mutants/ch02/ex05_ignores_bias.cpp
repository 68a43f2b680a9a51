// Mutant of 2.5: forgets to add the bias.
#include "ch02/ch02.hpp"

#include <xtensor/xmanipulation.hpp>

#include "wb/ops.hpp"

namespace ch02 {
Matrix linear(const Linear& layer, const Matrix& inputs) {
    if (layer.bias.size() != 0 && layer.bias.size() != layer.weight.shape(0)) throw std::invalid_argument("bias (3,)");
    const Matrix weight_t = xt::transpose(layer.weight);
    return wb::matmul(inputs, weight_t);
}
}  // namespace ch02
