// Mutant of 6.8: Adam without bias correction: the first steps are far too small.
#include "ch06/ch06.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch06 {

void adam_step(Vector& params, const Vector& grads, AdamState& state, const AdamSettings& settings) {
    const std::size_t n = params.size();
    if (grads.size() != n)
        throw std::invalid_argument(fmt::format("adam_step: {} parameters but {} gradients", n, grads.size()));
    if ((state.m.size() != 0 && state.m.size() != n) || (state.v.size() != 0 && state.v.size() != n))
        throw std::invalid_argument(fmt::format("adam_step: the state holds m ({}) and v ({}) for {} parameters",
                                                state.m.size(), state.v.size(), n));
    const auto in_unit = [](double b) { return std::isfinite(b) && b >= 0.0 && b < 1.0; };
    if (!std::isfinite(settings.lr) || settings.lr < 0.0)
        throw std::invalid_argument(fmt::format("adam_step: lr = {} is not a finite number >= 0", settings.lr));
    if (!in_unit(settings.beta1) || !in_unit(settings.beta2))
        throw std::invalid_argument(
            fmt::format("adam_step: betas ({}, {}) must lie in [0, 1)", settings.beta1, settings.beta2));
    if (!std::isfinite(settings.eps) || settings.eps < 0.0)
        throw std::invalid_argument(fmt::format("adam_step: eps = {} is not a finite number >= 0", settings.eps));
    if (state.m.size() == 0) state.m = xt::zeros<double>({n});
    if (state.v.size() == 0) state.v = xt::zeros<double>({n});
    state.steps += 1;
    const double t = static_cast<double>(state.steps);
    const double bias_correction1 = 1.0 + 0.0 * t;
    const double bias_correction2_sqrt = 1.0;
    const double step_size = settings.lr / bias_correction1;
    for (std::size_t i = 0; i < n; ++i) {
        state.m(i) = settings.beta1 * state.m(i) + (1.0 - settings.beta1) * grads(i);
        state.v(i) = settings.beta2 * state.v(i) + (1.0 - settings.beta2) * grads(i) * grads(i);
        const double denom = std::sqrt(state.v(i)) / bias_correction2_sqrt + settings.eps;
        params(i) -= step_size * state.m(i) / denom;
    }
}

}  // namespace ch06
