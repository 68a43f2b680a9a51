// Mutant of 8.4: d_output used where d_output * weight (dL/dx_hat) belongs.
#include "ch08/ch08.hpp"

#include <stdexcept>

#include <fmt/format.h>

#include "wb/print.hpp"

namespace ch08 {

LayerNormBackward layer_norm_backward(const Matrix& x, const Vector& weight, const Vector& mean, const Vector& rstd,
                                      const Matrix& d_output) {
    const std::size_t N = x.shape(0), d = x.shape(1);
    if (d == 0) throw std::invalid_argument("layer_norm_backward: rows of d = 0 values");
    if (weight.size() != d)
        throw std::invalid_argument(
            fmt::format("layer_norm_backward: weight has {} values, not d = {}", weight.size(), d));
    if (mean.size() != N || rstd.size() != N)
        throw std::invalid_argument(fmt::format("layer_norm_backward: mean ({}) and rstd ({}) need N = {} values",
                                                mean.size(), rstd.size(), N));
    if (d_output.shape(0) != N || d_output.shape(1) != d)
        throw std::invalid_argument(
            fmt::format("layer_norm_backward: d_output {} is not ({}, {})", wb::shape_of(d_output), N, d));
    LayerNormBackward b;
    b.d_input = xt::zeros<double>({N, d});                              // (N, d)
    b.d_weight = xt::zeros<double>({d});                                // (d)
    b.d_bias = xt::zeros<double>({d});                                  // (d)
    Vector x_hat = xt::zeros<double>({d}), g = xt::zeros<double>({d});  // one row each
    for (std::size_t n = 0; n < N; ++n) {
        // forward: x_hat = (x - mean) rstd; output = weight x_hat + bias
        double mean_g = 0, mean_g_x_hat = 0;
        for (std::size_t k = 0; k < d; ++k) {
            x_hat(k) = (x(n, k) - mean(n)) * rstd(n);
            g(k) = d_output(n, k);  // dL/dx_hat
            b.d_weight(k) += d_output(n, k) * x_hat(k);
            b.d_bias(k) += d_output(n, k);
            mean_g += g(k);
            mean_g_x_hat += g(k) * x_hat(k);
        }
        mean_g /= static_cast<double>(d);
        mean_g_x_hat /= static_cast<double>(d);
        // direct path, through the mean, through the variance
        for (std::size_t k = 0; k < d; ++k) b.d_input(n, k) = rstd(n) * (g(k) - mean_g - x_hat(k) * mean_g_x_hat);
    }
    return b;
}

}  // namespace ch08
