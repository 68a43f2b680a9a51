// Reference solution for exercise 4.6 (causal_weights_per_head). Contract: exercises/ch04/ch04.hpp.
#include "ch04/ch04.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "wb/ops.hpp"

namespace ch04 {

Tensor4 causal_weights_per_head(const Tensor4& scores, std::size_t hd) {
    const std::size_t B = scores.shape(0), H = scores.shape(1), T = scores.shape(2);
    if (scores.shape(3) != T)
        throw std::invalid_argument(
            fmt::format("causal_weights_per_head: scores are {} by {}, not square", T, scores.shape(3)));
    if (hd == 0) throw std::invalid_argument("causal_weights_per_head: hd is 0");
    const double scale = 1.0 / std::sqrt(static_cast<double>(hd));  // the size of ONE head
    Tensor4 masked = scores * scale;                                // (B, H, T, T)
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t i = 0; i < T; ++i)
                for (std::size_t j = i + 1; j < T; ++j)  // keys after query i: the future
                    masked(b, h, i, j) = -std::numeric_limits<double>::infinity();
    return wb::softmax_last(masked);  // over the keys: row i of every head sums to 1
}

}  // namespace ch04
