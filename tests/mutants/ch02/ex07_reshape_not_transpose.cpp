// Mutant of 2.7: reshapes each (d_out, d_in) weight to (d_in, d_out): the right shape, the wrong
// numbers (a reshape keeps the row-major order; a transpose swaps rows and columns).
#include "ch02/ch02.hpp"

#include <xtensor/xmanipulation.hpp>

namespace ch02 {
namespace {
Matrix reshaped(const Matrix& weight) {
    Matrix w = weight;
    w.reshape({weight.shape(1), weight.shape(0)});
    return w;
}
}  // namespace
SelfAttentionV1 transfer_v2_to_v1(const SelfAttentionV2& module) {
    if (module.W_query.bias.size() || module.W_key.bias.size() || module.W_value.bias.size())
        throw std::invalid_argument("bias");
    return {reshaped(module.W_query.weight), reshaped(module.W_key.weight), reshaped(module.W_value.weight)};
}
}  // namespace ch02
