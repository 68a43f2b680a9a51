// Reference solution for exercise 3.6 (padding_causal_mask). Contract: exercises/ch03/ch03.hpp.
#include "ch03/ch03.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xbuilder.hpp>

namespace ch03 {

Tensor3 padding_causal_mask(const std::vector<std::size_t>& lengths, std::size_t T) {
    const std::size_t B = lengths.size();
    Tensor3 mask = xt::zeros<double>({B, T, T});  // (B, T, T)
    for (std::size_t b = 0; b < B; ++b) {
        if (lengths[b] > T)
            throw std::invalid_argument(
                fmt::format("padding_causal_mask: sequence {} has length {}, longer than T = {}", b, lengths[b], T));
        for (std::size_t i = 0; i < T; ++i)
            for (std::size_t j = 0; j <= i && j < lengths[b]; ++j) mask(b, i, j) = 1.0;  // past, and real
    }
    return mask;
}

}  // namespace ch03
