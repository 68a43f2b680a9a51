// Reference solution for exercise 7.2 (merge_states). Contract: exercises/ch07/ch07.hpp.
#include "ch07/ch07.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace ch07 {

PartialState merge_states(const PartialState& a, const PartialState& b) {
    if (a.acc.size() != b.acc.size())
        throw std::invalid_argument(fmt::format("merge_states: acc of {} and {} numbers", a.acc.size(), b.acc.size()));
    const double minus_infinity = -std::numeric_limits<double>::infinity();
    PartialState out;
    out.m = std::max(a.m, b.m);
    out.acc = xt::zeros<double>({a.acc.size()});   // (hv)
    if (out.m == minus_infinity) return out;       // both empty: l = 0, acc = 0 (exp(-inf - -inf) is NaN)
    const double scale_a = std::exp(a.m - out.m);  // 1 for the side holding the maximum, <= 1 for the other
    const double scale_b = std::exp(b.m - out.m);  // 0 for an empty side
    out.l = scale_a * a.l + scale_b * b.l;
    for (std::size_t c = 0; c < out.acc.size(); ++c) out.acc(c) = scale_a * a.acc(c) + scale_b * b.acc(c);
    return out;
}

}  // namespace ch07
