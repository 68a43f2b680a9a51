// Mutant of 9.3: scaling only when the norm is above max_norm (PyTorch also scales a norm of exactly max_norm, by
// max_norm / (max_norm + 1e-6)).
#include "ch09/ch09.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch09 {

double clip_grad_norm(const std::vector<ch08::NamedTensor>& grads, double max_norm) {
    if (!std::isfinite(max_norm) || max_norm < 0.0)
        throw std::invalid_argument(fmt::format("clip_grad_norm: max_norm {} is not a finite number >= 0", max_norm));
    double squares = 0.0;  // over every value of every tensor: one long vector
    for (const ch08::NamedTensor& g : grads) {
        if (g.data == nullptr && g.size != 0)
            throw std::invalid_argument(fmt::format("clip_grad_norm: {} has {} values but no data", g.name, g.size));
        for (std::size_t i = 0; i < g.size; ++i) squares += g.data[i] * g.data[i];
    }
    const double total = std::sqrt(squares);
    if (!std::isfinite(total)) throw std::invalid_argument("clip_grad_norm: the total norm is not finite");
    const double coef = max_norm / (total + 1e-6);
    if (total > max_norm)
        for (const ch08::NamedTensor& g : grads)
            for (std::size_t i = 0; i < g.size; ++i) g.data[i] *= coef;
    return total;
}

}  // namespace ch09
