// Mutant of 2.4: scales by sqrt(d_in), the embedding size, instead of sqrt(d_out), the key size.
#include "ch02/ch02.hpp"

#include <cmath>

#include <xtensor/xmanipulation.hpp>

#include "wb/ops.hpp"

namespace ch02 {
Matrix self_attention_v1(const SelfAttentionV1& module, const Matrix& inputs) {
    if (module.W_key.shape() != module.W_query.shape() || module.W_value.shape() != module.W_query.shape())
        throw std::invalid_argument("shapes");
    const Matrix queries = wb::matmul(inputs, module.W_query);
    const Matrix keys = wb::matmul(inputs, module.W_key);
    const Matrix values = wb::matmul(inputs, module.W_value);
    const Matrix keys_t = xt::transpose(keys);
    const Matrix scores = wb::matmul(queries, keys_t);
    const Matrix scaled = scores / std::sqrt(static_cast<double>(inputs.shape(1)));
    return wb::matmul(wb::softmax_rows(scaled), values);
}
}  // namespace ch02
