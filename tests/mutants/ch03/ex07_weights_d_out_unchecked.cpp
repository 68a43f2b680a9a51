// Mutant of 3.7: never compares each weight's d_out with W_value's, so a W_query of another d_out
// fails later in scaled_scores, whose message names the queries and keys, not the three weights.
#include "ch03/ch03.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch03 {

Tensor3 masked_attention(const Tensor3& inputs, const AttentionWeights& weights, const Tensor3& mask) {
    const std::size_t B = inputs.shape(0), T = inputs.shape(1), d_in = inputs.shape(2);
    const std::size_t d_out = weights.W_value.shape(0);
    for (const Matrix* w : {&weights.W_query, &weights.W_key, &weights.W_value})
        if (w->shape(1) != d_in)
            throw std::invalid_argument(fmt::format(
                "masked_attention: W_query {}, W_key {}, W_value {} must all be (d_out, d_in) with d_in = {}",
                wb::shape_of(weights.W_query), wb::shape_of(weights.W_key), wb::shape_of(weights.W_value), d_in));
    if (mask.shape(0) != B || mask.shape(1) != T || mask.shape(2) != T)
        throw std::invalid_argument(
            fmt::format("masked_attention: the mask is {}, the inputs need ({}, {}, {})", wb::shape_of(mask), B, T, T));
    Tensor3 contexts = xt::zeros<double>({B, T, d_out});  // (B, T, d_out)
    for (std::size_t b = 0; b < B; ++b) {
        const Matrix x = xt::view(inputs, b, xt::all(), xt::all());                     // (T, d_in)
        const Matrix mask_b = xt::view(mask, b, xt::all(), xt::all());                  // (T, T)
        const Matrix queries = linear(x, weights.W_query);                              // (T, d_out)
        const Matrix keys = linear(x, weights.W_key);                                   // (T, d_out)
        const Matrix values = linear(x, weights.W_value);                               // (T, d_out)
        const Matrix attention = masked_softmax(scaled_scores(queries, keys), mask_b);  // (T, T)
        xt::view(contexts, b, xt::all(), xt::all()) = wb::matmul(attention, values);    // (T, d_out)
    }
    return contexts;
}

}  // namespace ch03
