// Mutant of 2.4: averages the keys instead of the values (W_value is never used).
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
    const Matrix keys_t = xt::transpose(keys);
    const Matrix scores = wb::matmul(queries, keys_t);
    const Matrix scaled = scores / std::sqrt(static_cast<double>(keys.shape(1)));
    return wb::matmul(wb::softmax_rows(scaled), keys);
}
}  // namespace ch02
