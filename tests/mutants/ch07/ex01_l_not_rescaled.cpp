// Mutant of 7.1: l is not rescaled when the maximum grows.
#include "ch07/ch07.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace ch07 {

OnlineSoftmax online_softmax(const Vector& scores) {
    const std::size_t n = scores.size();
    if (n == 0) throw std::invalid_argument("online_softmax: no scores");
    OnlineSoftmax out;
    out.m = -std::numeric_limits<double>::infinity();  // running maximum: nothing seen yet
    out.l = 0.0;                                       // running normaliser, relative to m
    // Pass 1. Invariant after score j: m = max(x_0..x_j), l = sum_{k <= j} exp(x_k - m).
    for (std::size_t j = 0; j < n; ++j) {
        const double x = scores(j);
        if (std::isnan(x) || x == std::numeric_limits<double>::infinity())
            throw std::invalid_argument(fmt::format("online_softmax: score {} is {}", j, x));
        if (x == -std::numeric_limits<double>::infinity()) continue;  // masked: adds exp(-inf) = 0
        const double m_new = std::max(out.m, x);
        out.l = out.l + std::exp(x - m_new);  // exp(-inf) = 0 on the first score
        out.m = m_new;
    }
    // Pass 2. The weights, relative to the final maximum.
    out.weights = xt::zeros<double>({n});  // (n)
    if (out.l == 0.0) return out;          // every score -inf: all weights 0
    for (std::size_t j = 0; j < n; ++j) out.weights(j) = std::exp(scores(j) - out.m) / out.l;
    return out;
}

}  // namespace ch07
