// Mutant of 4.5: multiplies K Q^T instead of Q K^T, so row i holds key i against every query.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <xtensor/xmanipulation.hpp>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"

namespace ch04 {
Tensor4 head_scores(const Tensor4& queries, const Tensor4& keys) {
    const std::size_t B = queries.shape(0), H = queries.shape(1);
    if (keys.shape(0) != B || keys.shape(1) != H || keys.shape(3) != queries.shape(3))
        throw std::invalid_argument("shapes differ");
    Tensor4 scores = xt::zeros<double>({B, H, keys.shape(2), queries.shape(2)});
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h) {
            const Matrix q = xt::view(queries, b, h, xt::all(), xt::all());
            const Matrix k = xt::view(keys, b, h, xt::all(), xt::all());
            xt::view(scores, b, h, xt::all(), xt::all()) = wb::matmul(k, xt::transpose(q));
        }
    return scores;
}
}  // namespace ch04
