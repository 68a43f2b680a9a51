// Ready-made for Chapter 3: the projections and scaled scores Chapter 2 taught.
//
// Contract (declarations in exercises/ch03/ch03.hpp): linear() is nn.Linear without bias,
// scaled_scores() is Q K^T / sqrt(d_out). Compiled into both the exercises and the solutions, so
// the chapter's exercises can build on them without re-writing Chapter 2. Not here: any masking
// or dropout - those are this chapter's exercises.
#include "ch03/ch03.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch03 {

Matrix linear(const Matrix& inputs, const Matrix& weight) {
    if (weight.shape(1) != inputs.shape(1))
        throw std::invalid_argument(fmt::format("linear: inputs {} need a weight with {} columns (d_out, d_in), got {}",
                                                wb::shape_of(inputs), inputs.shape(1), wb::shape_of(weight)));
    const Matrix weight_t = xt::transpose(weight);  // (d_in, d_out)
    return wb::matmul(inputs, weight_t);            // (T, d_out)
}

Matrix scaled_scores(const Matrix& queries, const Matrix& keys) {
    if (queries.shape(1) != keys.shape(1))
        throw std::invalid_argument(fmt::format("scaled_scores: queries {} and keys {} differ in d_out",
                                                wb::shape_of(queries), wb::shape_of(keys)));
    if (keys.shape(1) == 0) throw std::invalid_argument("scaled_scores: d_out is 0, nothing to scale by");
    const Matrix keys_t = xt::transpose(keys);          // (d_out, T_k)
    const Matrix scores = wb::matmul(queries, keys_t);  // (T_q, T_k)
    const double scale = 1.0 / std::sqrt(static_cast<double>(keys.shape(1)));
    return scores * scale;
}

}  // namespace ch03
