// Mutant of 3.6: masks the padding queries (rows) instead of the padding keys (columns).
#include "ch03/ch03.hpp"

#include <stdexcept>

#include <xtensor/xbuilder.hpp>

namespace ch03 {
Tensor3 padding_causal_mask(const std::vector<std::size_t>& lengths, std::size_t T) {
    Tensor3 mask = xt::zeros<double>({lengths.size(), T, T});
    for (std::size_t b = 0; b < lengths.size(); ++b) {
        if (lengths[b] > T) throw std::invalid_argument("too long");
        for (std::size_t i = 0; i < lengths[b]; ++i)
            for (std::size_t j = 0; j <= i; ++j) mask(b, i, j) = 1.0;
    }
    return mask;
}
}  // namespace ch03
