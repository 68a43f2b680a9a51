// Mutant of 3.5: lets p = 1 through (p <= 1 instead of p < 1); with sequences 3.4 refuses it, with an
// empty batch nothing does.
#include "ch03/ch03.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch03 {

Tensor3 causal_attention(const Tensor3& inputs, const AttentionWeights& weights, const Dropout& dropout) {
    const std::size_t B = inputs.shape(0), T = inputs.shape(1), d_in = inputs.shape(2);
    const std::size_t d_out = weights.W_value.shape(0);
    for (const Matrix* w : {&weights.W_query, &weights.W_key, &weights.W_value})
        if (w->shape(1) != d_in || w->shape(0) != d_out)
            throw std::invalid_argument(fmt::format(
                "causal_attention: W_query {}, W_key {}, W_value {} must all be (d_out, d_in) with d_in = {}",
                wb::shape_of(weights.W_query), wb::shape_of(weights.W_key), wb::shape_of(weights.W_value), d_in));
    if (dropout.training) {
        if (!(dropout.p >= 0.0 && dropout.p <= 1.0))
            throw std::invalid_argument(
                fmt::format("causal_attention: dropout p must be in [0, 1), got {}", dropout.p));
        if (dropout.keep.shape(0) != B || dropout.keep.shape(1) != T || dropout.keep.shape(2) != T)
            throw std::invalid_argument(
                fmt::format("causal_attention: the keep mask is {}, the weights are ({}, {}, {})",
                            wb::shape_of(dropout.keep), B, T, T));
    }
    const Matrix mask = causal_mask(T);                   // (T, T)
    Tensor3 contexts = xt::zeros<double>({B, T, d_out});  // (B, T, d_out)
    for (std::size_t b = 0; b < B; ++b) {
        const Matrix x = xt::view(inputs, b, xt::all(), xt::all());  // (T, d_in)
        const Matrix queries = linear(x, weights.W_query);           // (T, d_out)
        const Matrix keys = linear(x, weights.W_key);                // (T, d_out)
        const Matrix values = linear(x, weights.W_value);            // (T, d_out)
        const Matrix scores = scaled_scores(queries, keys);          // (T, T)
        Matrix attention = masked_softmax(scores, mask);             // (T, T), rows sum to 1
        if (dropout.training) {
            const Matrix keep = xt::view(dropout.keep, b, xt::all(), xt::all());  // (T, T)
            attention = dropout_weights(attention, keep, dropout.p);              // on the weights, not the scores
        }
        xt::view(contexts, b, xt::all(), xt::all()) = wb::matmul(attention, values);  // (T, d_out)
    }
    return contexts;
}

}  // namespace ch03
