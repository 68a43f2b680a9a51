// Mutant of 9.4: weight decay added to the gradient (Adam's L2 penalty), not decoupled from it.
#include "ch09/ch09.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch09 {

namespace {

void check_settings(const AdamWSettings& s) {
    const double all[] = {s.lr, s.beta1, s.beta2, s.eps, s.weight_decay};
    for (double x : all)
        if (!std::isfinite(x)) throw std::invalid_argument("adamw_step: a setting is not finite");
    if (s.lr < 0.0) throw std::invalid_argument(fmt::format("adamw_step: lr {} is negative", s.lr));
    if (s.beta1 < 0.0 || s.beta1 >= 1.0)
        throw std::invalid_argument(fmt::format("adamw_step: beta1 {} is outside [0, 1)", s.beta1));
    if (s.beta2 < 0.0 || s.beta2 >= 1.0)
        throw std::invalid_argument(fmt::format("adamw_step: beta2 {} is outside [0, 1)", s.beta2));
    if (s.eps < 0.0) throw std::invalid_argument(fmt::format("adamw_step: eps {} is negative", s.eps));
    if (s.weight_decay < 0.0)
        throw std::invalid_argument(fmt::format("adamw_step: weight_decay {} is negative", s.weight_decay));
}

}  // namespace

void adamw_step(const std::vector<ch08::NamedTensor>& params, const std::vector<ch08::NamedTensor>& grads,
                AdamWState& state, const AdamWSettings& settings) {
    check_settings(settings);
    if (params.size() != grads.size())
        throw std::invalid_argument(
            fmt::format("adamw_step: {} parameters but {} gradients", params.size(), grads.size()));
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i].name != grads[i].name)
            throw std::invalid_argument(
                fmt::format("adamw_step: parameter {} is {} but its gradient is {}", i, params[i].name, grads[i].name));
        if (params[i].size != grads[i].size)
            throw std::invalid_argument(fmt::format("adamw_step: {} has {} values but its gradient {}", params[i].name,
                                                    params[i].size, grads[i].size));
    }
    if (!state.tensors.empty()) {
        if (state.tensors.size() != params.size())
            throw std::invalid_argument(
                fmt::format("adamw_step: a state for {} tensors, {} parameters", state.tensors.size(), params.size()));
        for (std::size_t i = 0; i < params.size(); ++i)
            if (state.tensors[i].m.size() != params[i].size || state.tensors[i].v.size() != params[i].size)
                throw std::invalid_argument(
                    fmt::format("adamw_step: the state of {} does not have {} values", params[i].name, params[i].size));
    } else {
        state.tensors.resize(params.size());
        for (std::size_t i = 0; i < params.size(); ++i) {
            state.tensors[i].m = xt::zeros<double>({params[i].size});
            state.tensors[i].v = xt::zeros<double>({params[i].size});
            state.tensors[i].steps = 0;
        }
    }
    const AdamWSettings& s = settings;
    for (std::size_t i = 0; i < params.size(); ++i) {
        ch06::AdamState& st = state.tensors[i];
        st.steps += 1;
        const double steps = static_cast<double>(st.steps);
        const double correction1 = 1.0 - std::pow(s.beta1, steps);
        const double correction2 = 1.0 - std::pow(s.beta2, steps);
        double* p = params[i].data;
        const double* g = grads[i].data;
        for (std::size_t k = 0; k < params[i].size; ++k) {
            const double gk = g[k] + s.weight_decay * p[k];  // L2: the decay goes through m and v
            st.m(k) = s.beta1 * st.m(k) + (1.0 - s.beta1) * gk;
            st.v(k) = s.beta2 * st.v(k) + (1.0 - s.beta2) * gk * gk;
            const double denominator = std::sqrt(st.v(k)) / std::sqrt(correction2) + s.eps;
            p[k] -= s.lr / correction1 * st.m(k) / denominator;
        }
    }
}

}  // namespace ch09
