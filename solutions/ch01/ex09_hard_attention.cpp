// Reference solution for exercise 1.9 (hard_attention). Contract: exercises/ch01/ch01.hpp.
#include "ch01/ch01.hpp"

namespace ch01 {

Matrix hard_attention(const Matrix& scores) {
    const std::size_t T_q = scores.shape(0), T_k = scores.shape(1);
    Matrix weights = xt::zeros<double>({T_q, T_k});  // (T_q, T_k)
    if (T_k == 0) return weights;
    for (std::size_t i = 0; i < T_q; ++i) {
        std::size_t best = 0;  // strict '>' keeps the first of equal maxima, like torch.argmax
        for (std::size_t j = 1; j < T_k; ++j)
            if (scores(i, j) > scores(i, best)) best = j;
        weights(i, best) = 1.0;
    }
    return weights;
}

}  // namespace ch01
