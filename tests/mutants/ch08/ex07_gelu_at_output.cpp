// Mutant of 8.7: GELU's derivative taken at the activated values instead of the hidden ones.
#include "ch08/ch08.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "wb/print.hpp"

namespace ch08 {

MlpBackward mlp_backward(const MlpParams& params, const Matrix& x, const MlpForward& forward, const Matrix& d_output,
                         Gelu kind) {
    if (d_output.shape(0) != forward.output.shape(0) || d_output.shape(1) != forward.output.shape(1))
        throw std::invalid_argument(fmt::format("mlp_backward: d_output {} is not the output's {}",
                                                wb::shape_of(d_output), wb::shape_of(forward.output)));
    MlpBackward b;
    // 3. output = activated proj^T + b_proj
    const ch06::LinearBackward proj = ch06::linear_backward(forward.activated, params.proj.weight, d_output);
    b.grads.proj.weight = proj.d_weight;
    b.grads.proj.bias = proj.d_bias;
    // 2. activated = gelu(hidden)
    const Matrix d_hidden = gelu_backward(forward.activated, proj.d_inputs, kind);  // (N, d_hidden)
    // 1. hidden = x fc^T + b_fc
    const ch06::LinearBackward fc = ch06::linear_backward(x, params.fc.weight, d_hidden);
    b.grads.fc.weight = fc.d_weight;
    b.grads.fc.bias = fc.d_bias;
    b.d_input = fc.d_inputs;
    return b;
}

}  // namespace ch08
