// Mutant of 6.7: (f(x + h) - f(x)) / h: one-sided, error O(h) instead of O(h^2).
#include "ch06/ch06.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch06 {

GradientCheck gradient_check(const std::function<double(const Vector&)>& f, const Vector& x, const Vector& analytic,
                             double step) {
    if (!std::isfinite(step) || step <= 0.0)
        throw std::invalid_argument(fmt::format("gradient_check: the step must be a finite number > 0, not {}", step));
    const std::size_t n = x.size();
    if (analytic.size() != n)
        throw std::invalid_argument(
            fmt::format("gradient_check: x has {} values but the analytic gradient {}", n, analytic.size()));
    GradientCheck out;
    out.numerical = xt::zeros<double>({n});  // (n)
    Vector probe = x;                        // (n)  x with one component moved
    for (std::size_t i = 0; i < n; ++i) {
        probe(i) = x(i) + step;
        const double up = f(probe);
        probe(i) = x(i) - step;
        const double down = f(probe);
        probe(i) = x(i);
        out.numerical(i) = (up - f(x)) / step;
        (void)down;
        const double scale = std::max({std::fabs(analytic(i)), std::fabs(out.numerical(i)), 1e-8});
        out.max_relative_error = std::max(out.max_relative_error, std::fabs(analytic(i) - out.numerical(i)) / scale);
    }
    return out;
}

}  // namespace ch06
