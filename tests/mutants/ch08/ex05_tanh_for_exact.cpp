// Mutant of 8.5: the tanh approximation where the exact erf GELU is asked for.
#include "ch08/ch08.hpp"

#include <cmath>

namespace ch08 {

Matrix gelu(const Matrix& x, Gelu kind) {
    const double pi = std::acos(-1.0);
    Matrix out = xt::zeros<double>({x.shape(0), x.shape(1)});  // (N, n)
    for (std::size_t n = 0; n < x.shape(0); ++n)
        for (std::size_t k = 0; k < x.shape(1); ++k) {
            const double v = x(n, k);
            (void)kind;  // the mistake: one formula for both kinds
            out(n, k) = 0.5 * v * (1.0 + std::tanh(std::sqrt(2.0 / pi) * (v + 0.044715 * v * v * v)));
        }
    return out;
}

}  // namespace ch08
