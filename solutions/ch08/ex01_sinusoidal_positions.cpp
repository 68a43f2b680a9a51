// Reference solution for exercise 8.1 (sinusoidal_positions). Contract: exercises/ch08/ch08.hpp.
#include "ch08/ch08.hpp"

#include <cmath>
#include <stdexcept>

namespace ch08 {

Matrix sinusoidal_positions(std::size_t T, std::size_t d) {
    if (d == 0) throw std::invalid_argument("sinusoidal_positions: d = 0 columns");
    Matrix P = xt::zeros<double>({T, d});  // (T, d)
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t i = 0; 2 * i < d; ++i) {
            // pair i shares one frequency: 1 / 10000^(2i / d)
            const double angle =
                static_cast<double>(t) / std::pow(10000.0, 2.0 * static_cast<double>(i) / static_cast<double>(d));
            P(t, 2 * i) = std::sin(angle);
            if (2 * i + 1 < d) P(t, 2 * i + 1) = std::cos(angle);  // odd d: the last pair has no cosine
        }
    return P;
}

}  // namespace ch08
