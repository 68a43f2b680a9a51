// Reference solution for exercise 3.1 (causal_mask). Contract: exercises/ch03/ch03.hpp.
#include "ch03/ch03.hpp"

#include <xtensor/xbuilder.hpp>

namespace ch03 {

Matrix causal_mask(std::size_t T) {
    Matrix mask = xt::zeros<double>({T, T});  // (T, T)
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = 0; j <= i; ++j) mask(i, j) = 1.0;  // the past and the token itself
    return mask;
}

}  // namespace ch03
