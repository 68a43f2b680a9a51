// Reference solution for exercise 8.5 (gelu). Contract: exercises/ch08/ch08.hpp.
#include "ch08/ch08.hpp"

#include <cmath>

namespace ch08 {

Matrix gelu(const Matrix& x, Gelu kind) {
    const double pi = std::acos(-1.0);
    Matrix out = xt::zeros<double>({x.shape(0), x.shape(1)});  // (N, n)
    for (std::size_t n = 0; n < x.shape(0); ++n)
        for (std::size_t k = 0; k < x.shape(1); ++k) {
            const double v = x(n, k);
            out(n, k) = kind == Gelu::exact
                            ? 0.5 * v * (1.0 + std::erf(v / std::sqrt(2.0)))
                            : 0.5 * v * (1.0 + std::tanh(std::sqrt(2.0 / pi) * (v + 0.044715 * v * v * v)));
        }
    return out;
}

}  // namespace ch08
