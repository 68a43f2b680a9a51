// Mutant of 8.2: every call starts at position 0, whatever first_position says.
#include "ch08/ch08.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch08 {

Matrix rotary_embedding(const Matrix& x, std::size_t /* first_position: the mistake, ignored */) {
    const std::size_t T = x.shape(0), d = x.shape(1);
    if (d == 0 || d % 2 != 0)
        throw std::invalid_argument(fmt::format("rotary_embedding: d = {} is not a positive even number", d));
    Matrix out = xt::zeros<double>({T, d});  // (T, d)
    for (std::size_t t = 0; t < T; ++t) {
        const double m = static_cast<double>(t);
        for (std::size_t i = 0; i < d / 2; ++i) {
            const double theta = std::pow(10000.0, -2.0 * static_cast<double>(i) / static_cast<double>(d));
            const double c = std::cos(m * theta), s = std::sin(m * theta);
            const double a = x(t, 2 * i), b = x(t, 2 * i + 1);  // the adjacent pair (2i, 2i + 1)
            out(t, 2 * i) = a * c - b * s;
            out(t, 2 * i + 1) = a * s + b * c;
        }
    }
    return out;
}

}  // namespace ch08
