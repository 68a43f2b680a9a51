// Mutant of 1.7: the natural one-liner that xtensor 0.24.3 gets wrong (a lazy keep_dims reducer
// broadcast inside a larger expression). Under AddressSanitizer it is a heap-buffer-overflow.
#include "ch01/ch01.hpp"

#include <xtensor/xmath.hpp>

namespace ch01 {
Matrix softmax_rows(const Matrix& scores) {
    Matrix exps = xt::exp(scores - xt::amax(scores, {1}, xt::keep_dims));
    Matrix row_sum = xt::sum(exps, {1}, xt::keep_dims);
    Matrix weights = exps / row_sum;
    return weights;
}
}  // namespace ch01
