// Mutant of 5.7: a hand-written softmax that subtracts the smallest score instead of the
// largest: fine until the scores spread more than 709 apart, then the weights are NaN.
#include "ch05/ch05.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"

namespace ch05 {

Attention attend(const Vector& scores, const Matrix& values) {
    const std::size_t T_enc = scores.size();
    if (T_enc == 0) throw std::invalid_argument("attend: no encoder positions to attend to");
    if (values.shape(0) != T_enc)
        throw std::invalid_argument(fmt::format("attend: {} scores but {} rows of values", T_enc, values.shape(0)));
    Matrix scores_row = xt::zeros<double>({std::size_t{1}, T_enc});  // (1, T_enc)
    xt::view(scores_row, 0, xt::all()) = scores;
    const double smallest = xt::amin(scores)();  // the mistake: exp(score - smallest) overflows
    Matrix weights_row = xt::exp(scores_row - smallest);
    const double total = xt::sum(weights_row)();
    weights_row /= total;
    const Matrix context_row = wb::matmul(weights_row, values);  // (1, d_v)
    Attention out;
    out.weights = xt::view(weights_row, 0, xt::all());
    out.context = xt::view(context_row, 0, xt::all());
    return out;
}

}  // namespace ch05
