// Mutant of 8.3: no check that eps >= 0.
#include "ch08/ch08.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch08 {

LayerNormForward layer_norm_forward(const Matrix& x, const Vector& weight, const Vector& bias, double eps) {
    const std::size_t N = x.shape(0), d = x.shape(1);
    if (d == 0) throw std::invalid_argument("layer_norm_forward: rows of d = 0 values");
    if (weight.size() != d)
        throw std::invalid_argument(
            fmt::format("layer_norm_forward: weight has {} values, not d = {}", weight.size(), d));
    if (bias.size() != d)
        throw std::invalid_argument(fmt::format("layer_norm_forward: bias has {} values, not d = {}", bias.size(), d));
    if (!std::isfinite(eps))
        throw std::invalid_argument(fmt::format("layer_norm_forward: eps = {} is not a finite number >= 0", eps));
    LayerNormForward f;
    f.output = xt::zeros<double>({N, d});  // (N, d)
    f.mean = xt::zeros<double>({N});       // (N)
    f.rstd = xt::zeros<double>({N});       // (N)
    for (std::size_t n = 0; n < N; ++n) {
        double sum = 0;
        for (std::size_t k = 0; k < d; ++k) sum += x(n, k);
        const double mean = sum / static_cast<double>(d);
        double squares = 0;
        for (std::size_t k = 0; k < d; ++k) squares += (x(n, k) - mean) * (x(n, k) - mean);
        const double var = squares / static_cast<double>(d);  // biased: divided by d, not d - 1
        const double rstd = 1.0 / std::sqrt(var + eps);       // eps inside the square root
        f.mean(n) = mean;
        f.rstd(n) = rstd;
        for (std::size_t k = 0; k < d; ++k) f.output(n, k) = weight(k) * (x(n, k) - mean) * rstd + bias(k);
    }
    return f;
}

}  // namespace ch08
