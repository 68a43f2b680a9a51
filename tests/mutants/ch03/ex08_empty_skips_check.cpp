// Mutant of 3.8: returns an empty mask before checking p, so p = 1.5 is
// accepted when rows or cols is 0.
#include "ch03/ch03.hpp"

#include <cmath>
#include <cstdint>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xbuilder.hpp>

namespace ch03 {

Matrix dropout_keep_mask(std::mt19937& engine, std::size_t rows, std::size_t cols, double p) {
    if (rows * cols == 0) return xt::zeros<double>({rows, cols});
    if (!(p >= 0.0 && p <= 1.0))
        throw std::invalid_argument(fmt::format("dropout_keep_mask: p must be in [0, 1], got {}", p));
    if (p == 0.0) return xt::ones<double>({rows, cols});   // PyTorch returns early: no draws
    if (p == 1.0) return xt::zeros<double>({rows, cols});  // likewise
    Matrix keep = xt::zeros<double>({rows, cols});         // (rows, cols)
    const std::uint64_t low_53_bits = (std::uint64_t{1} << 53) - 1;
    for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < cols; ++j) {
            const std::uint64_t a = engine();  // first word: the high half
            const std::uint64_t b = engine();  // second word: the low half
            const double u = static_cast<double>(((a << 32) | b) & low_53_bits) * std::ldexp(1.0, -53);  // [0, 1)
            keep(i, j) = u < 1.0 - p ? 1.0 : 0.0;
        }
    return keep;
}

}  // namespace ch03
