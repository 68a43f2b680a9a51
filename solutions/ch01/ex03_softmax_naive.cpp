// Reference solution for exercise 1.3 (softmax_naive). Contract: exercises/ch01/ch01.hpp.
#include "ch01/ch01.hpp"

#include <stdexcept>

#include <xtensor/xmath.hpp>

namespace ch01 {

Vector softmax_naive(const Vector& scores) {
    if (scores.size() == 0) throw std::invalid_argument("softmax_naive: scores are empty");
    Vector exps = xt::exp(scores);  // (T), overflows to inf for scores above ~709
    const double total = xt::sum(exps)();
    Vector weights = exps / total;  // (T)
    return weights;
}

}  // namespace ch01
