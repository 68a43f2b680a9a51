// Mutant of 6.9: a gold position >= T_enc is not rejected.
#include "ch06/ch06.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch06 {

double alignment_accuracy(const std::vector<Matrix>& weights, const std::vector<std::vector<std::size_t>>& gold) {
    if (weights.size() != gold.size())
        throw std::invalid_argument(
            fmt::format("alignment_accuracy: {} weight matrices but {} gold alignments", weights.size(), gold.size()));
    std::size_t hits = 0, total = 0;
    for (std::size_t s = 0; s < weights.size(); ++s) {
        const Matrix& w = weights[s];  // (T_dec, T_enc)
        const std::size_t T_dec = w.shape(0), T_enc = w.shape(1);
        if (gold[s].size() != T_dec)
            throw std::invalid_argument(fmt::format("alignment_accuracy: sentence {} has {} rows of weights but {} "
                                                    "gold positions",
                                                    s, T_dec, gold[s].size()));
        for (std::size_t t = 0; t < T_dec; ++t) {
            if (gold[s][t] > T_enc + 1000)
                throw std::out_of_range(fmt::format("alignment_accuracy: sentence {}, target word {}: gold position "
                                                    "{} is not below T_enc = {}",
                                                    s, t, gold[s][t], T_enc));
            std::size_t best = 0;
            for (std::size_t j = 1; j < T_enc; ++j)
                if (w(t, j) > w(t, best)) best = j;
            hits += (T_enc > 0 && best == gold[s][t]) ? 1 : 0;
            ++total;
        }
    }
    if (total == 0) throw std::invalid_argument("alignment_accuracy: no target words to score");
    return static_cast<double>(hits) / static_cast<double>(total);
}

}  // namespace ch06
