// Mutant of 9.8: the right distribution by one uniform draw and the cumulative sum (Chapter 6's way), not
// torch.multinomial's draws.
#include "ch09/ch09.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

namespace ch09 {

std::size_t sample_next_token(const Vector& logits, double temperature, std::size_t top_k,
                              wb::TorchGenerator& generator) {
    const std::size_t V = logits.size();
    if (V == 0) throw std::invalid_argument("sample_next_token: no logits (V = 0)");
    for (std::size_t j = 0; j < V; ++j)
        if (!std::isfinite(logits(j)))
            throw std::invalid_argument(fmt::format("sample_next_token: logit {} is not finite", j));
    if (!std::isfinite(temperature) || temperature <= 0.0)
        throw std::invalid_argument(
            fmt::format("sample_next_token: temperature {} is not a finite number > 0", temperature));
    if (top_k == 0 || top_k > V)
        throw std::invalid_argument(fmt::format("sample_next_token: top_k {} is outside 1..V = {}", top_k, V));
    // 1. scaled = logits / temperature                                       (V)
    const Vector scaled = logits / temperature;
    // 2. the k largest, ties to the lower ids (a stable sort by decreasing value)
    std::vector<std::size_t> order(V);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scaled(a) > scaled(b); });
    std::vector<bool> kept(V, false);
    for (std::size_t i = 0; i < top_k; ++i) kept[order[i]] = true;
    // 3. probs = softmax over the kept tokens, 0 elsewhere                   (V)
    const double top = scaled(order[0]);
    Vector probs = xt::zeros<double>({V});
    double sum = 0.0;
    for (std::size_t j = 0; j < V; ++j)
        if (kept[j]) sum += probs(j) = std::exp(scaled(j) - top);
    probs /= sum;
    // 4. torch.multinomial(probs, 1): one exponential per token, the first to "ring" wins
    const double u = generator.uniform53();
    double cumulative = 0.0;
    for (std::size_t j = 0; j < V; ++j) {
        cumulative += probs(j);
        if (u < cumulative) return j;
    }
    return V - 1;
}

}  // namespace ch09
