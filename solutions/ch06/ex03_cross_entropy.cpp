// Reference solution for exercise 6.3 (cross_entropy). Contract: exercises/ch06/ch06.hpp.
#include "ch06/ch06.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch06 {

CrossEntropy cross_entropy(const Vector& logits, std::size_t target) {
    const std::size_t V = logits.size();
    if (V == 0) throw std::invalid_argument("cross_entropy: no logits (V = 0)");
    if (target >= V) throw std::out_of_range(fmt::format("cross_entropy: target {} is not below V = {}", target, V));
    // forward 1: m = max logits;  2: lse = m + log sum exp(logits - m);  3: loss = lse - logits(target)
    double m = logits(0);
    for (std::size_t i = 1; i < V; ++i) m = std::max(m, logits(i));
    double sum = 0.0;
    for (std::size_t i = 0; i < V; ++i) sum += std::exp(logits(i) - m);
    CrossEntropy out;
    out.loss = m + std::log(sum) - logits(target);
    // backward: d loss / d logits(i) = softmax(logits)(i) - [i == target]
    out.d_logits = xt::zeros<double>({V});  // (V)
    for (std::size_t i = 0; i < V; ++i) out.d_logits(i) = std::exp(logits(i) - m) / sum - (i == target ? 1.0 : 0.0);
    return out;
}

}  // namespace ch06
