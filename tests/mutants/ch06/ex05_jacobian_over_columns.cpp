// Mutant of 6.5: the softmax backward applied down the columns (over the queries) instead of along the rows.
#include "ch06/ch06.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "wb/print.hpp"

namespace ch06 {

ScoresBackward attention_backward_scores(const Matrix& queries, const Matrix& keys, const Matrix& weights,
                                         const Matrix& d_weights) {
    const std::size_t T_q = queries.shape(0), d_k = queries.shape(1), T_k = keys.shape(0);
    if (d_k == 0) throw std::invalid_argument("attention_backward_scores: d_k = 0");
    if (keys.shape(1) != d_k)
        throw std::invalid_argument(fmt::format("attention_backward_scores: queries {} but keys {}",
                                                wb::shape_of(queries), wb::shape_of(keys)));
    if (weights.shape(0) != T_q || weights.shape(1) != T_k)
        throw std::invalid_argument(
            fmt::format("attention_backward_scores: weights {} are not ({}, {})", wb::shape_of(weights), T_q, T_k));
    if (d_weights.shape(0) != T_q || d_weights.shape(1) != T_k)
        throw std::invalid_argument(
            fmt::format("attention_backward_scores: d_weights {} are not ({}, {})", wb::shape_of(d_weights), T_q, T_k));
    const double scale = 1.0 / std::sqrt(static_cast<double>(d_k));
    ScoresBackward out;
    out.d_scores = xt::zeros<double>({T_q, T_k});  // (T_q, T_k)
    // forward 2: weights row i = softmax(scores row i)
    for (std::size_t j = 0; j < T_k; ++j) {
        const Vector p = xt::view(weights, xt::all(), j);    // (T_q)
        const Vector g = xt::view(d_weights, xt::all(), j);  // (T_q)
        xt::view(out.d_scores, xt::all(), j) = softmax_backward(p, g);
    }
    // forward 1: scores(i, j) = scale * sum_c queries(i, c) keys(j, c)
    out.d_queries = xt::zeros<double>({T_q, d_k});  // (T_q, d_k)
    out.d_keys = xt::zeros<double>({T_k, d_k});     // (T_k, d_k)
    for (std::size_t i = 0; i < T_q; ++i)
        for (std::size_t j = 0; j < T_k; ++j)
            for (std::size_t c = 0; c < d_k; ++c) {
                out.d_queries(i, c) += scale * out.d_scores(i, j) * keys(j, c);  // d_scores keys / sqrt(d_k)
                out.d_keys(j, c) += scale * out.d_scores(i, j) * queries(i, c);  // d_scores^T queries / sqrt(d_k)
            }
    return out;
}

}  // namespace ch06
