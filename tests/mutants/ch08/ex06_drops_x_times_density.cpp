// Mutant of 8.6: the exact derivative taken as Phi(x) + phi(x), the factor x of x phi(x) forgotten.
#include "ch08/ch08.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "wb/print.hpp"

namespace ch08 {

Matrix gelu_backward(const Matrix& x, const Matrix& d_output, Gelu kind) {
    if (d_output.shape(0) != x.shape(0) || d_output.shape(1) != x.shape(1))
        throw std::invalid_argument(
            fmt::format("gelu_backward: d_output {} but x {}", wb::shape_of(d_output), wb::shape_of(x)));
    const double pi = std::acos(-1.0);
    Matrix d_input = xt::zeros<double>({x.shape(0), x.shape(1)});  // (N, n)
    for (std::size_t n = 0; n < x.shape(0); ++n)
        for (std::size_t k = 0; k < x.shape(1); ++k) {
            const double v = x(n, k);
            double slope;
            if (kind == Gelu::exact) {
                const double cdf = 0.5 * (1.0 + std::erf(v / std::sqrt(2.0)));    // Phi(x)
                const double pdf = std::exp(-0.5 * v * v) / std::sqrt(2.0 * pi);  // phi(x)
                slope = cdf + pdf;  // the mistake: phi(x) without its factor x
            } else {
                const double inner = std::sqrt(2.0 / pi) * (v + 0.044715 * v * v * v);
                const double t = std::tanh(inner);
                slope =
                    0.5 * (1.0 + t) + 0.5 * v * (1.0 - t * t) * std::sqrt(2.0 / pi) * (1.0 + 3.0 * 0.044715 * v * v);
            }
            d_input(n, k) = d_output(n, k) * slope;
        }
    return d_input;
}

}  // namespace ch08
