// Mutant of 3.8: keeps an element when u < p, confusing the drop probability with the keep probability.
#include "ch03/ch03.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <xtensor/xbuilder.hpp>

namespace ch03 {
Matrix dropout_keep_mask(std::mt19937& engine, std::size_t rows, std::size_t cols, double p) {
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("bad p");
    if (p == 0.0) return xt::ones<double>({rows, cols});
    if (p == 1.0) return xt::zeros<double>({rows, cols});
    Matrix keep = xt::zeros<double>({rows, cols});
    for (double& k : keep) {
        const std::uint64_t a = engine(), b = engine();
        const double u = static_cast<double>(((a << 32) | b) & ((std::uint64_t{1} << 53) - 1)) * std::ldexp(1.0, -53);
        k = u < p ? 1.0 : 0.0;
    }
    return keep;
}
}  // namespace ch03
