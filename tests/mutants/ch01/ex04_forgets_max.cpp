// Mutant of 1.4: the naive softmax, which overflows on scores of 1000.
#include "ch01/ch01.hpp"

#include <xtensor/xmath.hpp>

namespace ch01 {
Vector softmax_stable(const Vector& scores) {
    if (scores.size() == 0) throw std::invalid_argument("empty");
    Vector exps = xt::exp(scores);
    const double total = xt::sum(exps)();
    Vector weights = exps / total;
    return weights;
}
}  // namespace ch01
