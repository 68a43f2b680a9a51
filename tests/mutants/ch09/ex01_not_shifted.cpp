// Mutant of 9.1: the targets are the inputs themselves, not shifted by one (the model learns to copy its input).
#include "ch09/ch09.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch09 {

NextTokenPairs next_token_pairs(const TokenBatch& sequences) {
    NextTokenPairs pairs;
    if (sequences.empty()) return pairs;
    const std::size_t length = sequences.front().size();  // T + 1
    for (std::size_t b = 0; b < sequences.size(); ++b) {
        if (sequences[b].size() < 2)
            throw std::invalid_argument(
                fmt::format("next_token_pairs: sequence {} has {} tokens, fewer than 2", b, sequences[b].size()));
        if (sequences[b].size() != length)
            throw std::invalid_argument(fmt::format("next_token_pairs: sequence {} has {} tokens, sequence 0 has {}", b,
                                                    sequences[b].size(), length));
    }
    for (const std::vector<std::size_t>& sequence : sequences) {
        pairs.inputs.emplace_back(sequence.begin(), sequence.end() - 1);   // tokens 0 .. T-1
        pairs.targets.emplace_back(sequence.begin(), sequence.end() - 1);  // not shifted
    }
    return pairs;
}

}  // namespace ch09
