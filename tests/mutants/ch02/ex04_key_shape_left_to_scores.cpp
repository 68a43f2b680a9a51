// Mutant of 2.4: compares only W_value's shape with W_query's and leaves a W_key of another shape
// to the score product, whose error (attention_scores's, not self_attention_v1's) names only Q
// and K, not the three weights.
#include "ch02/ch02.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch02 {

Matrix self_attention_v1(const SelfAttentionV1& module, const Matrix& inputs) {
    if (module.W_value.shape() != module.W_query.shape())
        throw std::invalid_argument(fmt::format("self_attention_v1: W_query {}, W_key {}, W_value {} differ",
                                                wb::shape_of(module.W_query), wb::shape_of(module.W_key),
                                                wb::shape_of(module.W_value)));
    const Matrix queries = project(inputs, module.W_query);           // (T, d_out)
    const Matrix keys = project(inputs, module.W_key);                // (T, d_out)
    const Matrix values = project(inputs, module.W_value);            // (T, d_out)
    const Matrix scores = attention_scores(queries, keys);            // (T, T)
    const Matrix weights = attention_weights(scores, keys.shape(1));  // (T, T), d_k = d_out
    return wb::matmul(weights, values);                               // (T, d_out)
}

}  // namespace ch02
