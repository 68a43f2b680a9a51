// Mutant of 3.8: one 32-bit word per element (torch.rand's 24-bit rule), not dropout's two words.
#include "ch03/ch03.hpp"

#include <stdexcept>

#include <xtensor/xbuilder.hpp>

namespace ch03 {
Matrix dropout_keep_mask(std::mt19937& engine, std::size_t rows, std::size_t cols, double p) {
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument("bad p");
    if (p == 0.0) return xt::ones<double>({rows, cols});
    if (p == 1.0) return xt::zeros<double>({rows, cols});
    Matrix keep = xt::zeros<double>({rows, cols});
    for (double& k : keep) k = static_cast<double>(engine() & 0xFFFFFFu) / 16777216.0 < 1.0 - p ? 1.0 : 0.0;
    return keep;
}
}  // namespace ch03
