// Reference solution for exercise 2.2 (attention_scores). Contract: exercises/ch02/ch02.hpp.
#include "ch02/ch02.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch02 {

Matrix attention_scores(const Matrix& queries, const Matrix& keys) {
    if (queries.shape(1) != keys.shape(1))
        throw std::invalid_argument(fmt::format("attention_scores: queries {} and keys {} differ in width d_k",
                                                wb::shape_of(queries), wb::shape_of(keys)));
    const Matrix keys_t = xt::transpose(keys);  // (d_k, T_k)
    return wb::matmul(queries, keys_t);         // (T_q, d_k) @ (d_k, T_k) -> (T_q, T_k)
}

}  // namespace ch02
