// Reference solution for exercise 1.2 (normalize_by_sum). Contract: exercises/ch01/ch01.hpp.
#include "ch01/ch01.hpp"

#include <stdexcept>

#include <xtensor/xmath.hpp>

namespace ch01 {

Vector normalize_by_sum(const Vector& scores) {
    if (scores.size() == 0) throw std::invalid_argument("normalize_by_sum: scores are empty");
    const double total = xt::sum(scores)();
    Vector weights = scores / total;  // (T)
    return weights;
}

}  // namespace ch01
