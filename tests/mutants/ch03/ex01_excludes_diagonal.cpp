// Mutant of 3.1: masks the diagonal too (j < i): a token may not see itself, and query 1 sees nothing.
#include "ch03/ch03.hpp"

#include <xtensor/xbuilder.hpp>

namespace ch03 {
Matrix causal_mask(std::size_t T) {
    Matrix mask = xt::zeros<double>({T, T});
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = 0; j < i; ++j) mask(i, j) = 1.0;
    return mask;
}
}  // namespace ch03
