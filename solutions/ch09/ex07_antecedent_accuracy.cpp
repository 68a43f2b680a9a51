// Reference solution for exercise 9.7 (antecedent_accuracy). Contract: exercises/ch09/ch09.hpp.
#include "ch09/ch09.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch09 {

double antecedent_accuracy(const std::vector<Matrix>& weights, const std::vector<std::size_t>& pronoun,
                           const std::vector<std::size_t>& antecedent) {
    if (weights.empty()) throw std::invalid_argument("antecedent_accuracy: no sentences");
    if (pronoun.size() != weights.size() || antecedent.size() != weights.size())
        throw std::invalid_argument(fmt::format("antecedent_accuracy: {} patterns, {} pronouns, {} antecedents",
                                                weights.size(), pronoun.size(), antecedent.size()));
    std::size_t right = 0;
    for (std::size_t s = 0; s < weights.size(); ++s) {
        const Matrix& w = weights[s];
        const std::size_t T = w.shape(0);
        if (w.shape(1) != T)
            throw std::invalid_argument(
                fmt::format("antecedent_accuracy: pattern {} ({}, {}) is not square", s, T, w.shape(1)));
        if (pronoun[s] >= T || antecedent[s] >= T)
            throw std::invalid_argument(
                fmt::format("antecedent_accuracy: sentence {}: position {} or {} is not below T = {}", s, pronoun[s],
                            antecedent[s], T));
        std::size_t best = 0;  // the first largest weight, as torch.argmax
        for (std::size_t j = 1; j < T; ++j)
            if (w(pronoun[s], j) > w(pronoun[s], best)) best = j;
        if (best == antecedent[s]) ++right;
    }
    return static_cast<double>(right) / static_cast<double>(weights.size());
}

}  // namespace ch09
