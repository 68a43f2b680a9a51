// Reference solution for exercise 5.10 (hard_attend). Contract: exercises/ch05/ch05.hpp.
#include "ch05/ch05.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch05 {

Attention hard_attend(const Vector& scores, const Matrix& values) {
    const std::size_t T_enc = scores.size();
    if (T_enc == 0) throw std::invalid_argument("hard_attend: no encoder positions to attend to");
    if (values.shape(0) != T_enc)
        throw std::invalid_argument(
            fmt::format("hard_attend: {} scores but {} rows of values", T_enc, values.shape(0)));
    std::size_t best = 0;  // strict '>' keeps the first of equal maxima, like torch.argmax
    for (std::size_t j = 1; j < T_enc; ++j)
        if (scores(j) > scores(best)) best = j;
    Attention out;
    out.weights = xt::zeros<double>({T_enc});  // (T_enc) one-hot
    out.weights(best) = 1.0;
    out.context = xt::view(values, best, xt::all());  // (d_v) exactly one value row
    return out;
}

}  // namespace ch05
