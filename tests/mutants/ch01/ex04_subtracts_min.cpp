// Mutant of 1.4: subtracts the smallest score instead of the largest: fine
// until the scores spread more than 709 apart, then exp overflows to inf and the weights are NaN.
#include "ch01/ch01.hpp"

#include <stdexcept>

#include <xtensor/xmath.hpp>

namespace ch01 {

Vector softmax_stable(const Vector& scores) {
    if (scores.size() == 0) throw std::invalid_argument("softmax_stable: scores are empty");
    const double largest = xt::amin(scores)();  // evaluated to a number first (see the pitfalls)
    Vector exps = xt::exp(scores - largest);    // (T), every exponent <= 0, so every exp <= 1
    const double total = xt::sum(exps)();       // >= 1: the largest score contributes exp(0)
    Vector weights = exps / total;              // (T)
    return weights;
}

}  // namespace ch01
