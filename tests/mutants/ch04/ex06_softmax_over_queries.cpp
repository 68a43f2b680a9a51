// Mutant of 4.6: masks correctly, then normalises each column (over the queries, axis 2).
#include "ch04/ch04.hpp"

#include <cmath>
#include <stdexcept>

namespace ch04 {
Tensor4 causal_weights_per_head(const Tensor4& scores, std::size_t hd) {
    const std::size_t B = scores.shape(0), H = scores.shape(1), T = scores.shape(2);
    if (scores.shape(3) != T || hd == 0) throw std::invalid_argument("bad scores");
    Tensor4 weights = xt::zeros<double>({B, H, T, T});
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t j = 0; j < T; ++j) {
                double largest = scores(b, h, j, j), total = 0.0;  // column j: queries i >= j see key j
                for (std::size_t i = j; i < T; ++i) largest = std::max(largest, scores(b, h, i, j));
                for (std::size_t i = j; i < T; ++i)
                    total += (weights(b, h, i, j) = std::exp((scores(b, h, i, j) - largest) / std::sqrt(double(hd))));
                for (std::size_t i = j; i < T; ++i) weights(b, h, i, j) /= total;
            }
    return weights;
}
}  // namespace ch04
