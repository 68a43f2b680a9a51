// Reference solution for exercise 3.3 (masked_softmax). Contract: exercises/ch03/ch03.hpp.
#include "ch03/ch03.hpp"

#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "wb/ops.hpp"
#include "wb/print.hpp"

namespace ch03 {

Matrix masked_softmax(const Matrix& scores, const Matrix& mask) {
    if (scores.shape() != mask.shape())
        throw std::invalid_argument(fmt::format("masked_softmax: scores {} and mask {} differ in shape",
                                                wb::shape_of(scores), wb::shape_of(mask)));
    const double minus_inf = -std::numeric_limits<double>::infinity();
    const std::size_t T_q = scores.shape(0), T_k = scores.shape(1);
    if (T_k == 0) return scores;  // no keys: nothing to normalise, an empty (T_q, 0) result
    Matrix filled = scores;       // (T_q, T_k)
    std::vector<bool> row_has_key(T_q, false);
    for (std::size_t i = 0; i < T_q; ++i)
        for (std::size_t j = 0; j < T_k; ++j) {
            if (mask(i, j) == 0.0)
                filled(i, j) = minus_inf;
            else
                row_has_key[i] = true;
        }
    Matrix weights = wb::softmax_rows(filled);  // (T_q, T_k); a row of only -inf comes out NaN
    for (std::size_t i = 0; i < T_q; ++i)
        if (!row_has_key[i])
            for (std::size_t j = 0; j < T_k; ++j) weights(i, j) = 0.0;  // the chapter's policy: zeros
    return weights;
}

}  // namespace ch03
