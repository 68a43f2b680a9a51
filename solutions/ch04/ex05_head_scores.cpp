// Reference solution for exercise 4.5 (head_scores). Contract: exercises/ch04/ch04.hpp.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch04 {

Tensor4 head_scores(const Tensor4& queries, const Tensor4& keys) {
    const std::size_t B = queries.shape(0), H = queries.shape(1), T_q = queries.shape(2), hd = queries.shape(3);
    const std::size_t T_k = keys.shape(2);
    if (keys.shape(0) != B || keys.shape(1) != H || keys.shape(3) != hd)
        throw std::invalid_argument(fmt::format("head_scores: queries {} and keys {} differ in B, H or hd",
                                                wb::shape_of(queries), wb::shape_of(keys)));
    Tensor4 scores = xt::zeros<double>({B, H, T_q, T_k});  // (B, H, T_q, T_k)
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h) {
            const Matrix q_bh = xt::view(queries, b, h, xt::all(), xt::all());                     // (T_q, hd)
            const Matrix k_bh = xt::view(keys, b, h, xt::all(), xt::all());                        // (T_k, hd)
            xt::view(scores, b, h, xt::all(), xt::all()) = wb::matmul(q_bh, xt::transpose(k_bh));  // (T_q, T_k)
        }
    return scores;
}

}  // namespace ch04
