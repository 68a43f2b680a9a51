// Mutant of 3.1: the upper triangle (j >= i), as torch.triu gives: every token sees the future.
#include "ch03/ch03.hpp"

#include <xtensor/xbuilder.hpp>

namespace ch03 {
Matrix causal_mask(std::size_t T) {
    Matrix mask = xt::zeros<double>({T, T});
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = i; j < T; ++j) mask(i, j) = 1.0;
    return mask;
}
}  // namespace ch03
