// Reference solution for exercise 4.2 (wrapper_heads_for_output). Contract: exercises/ch04/ch04.hpp.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch04 {

std::vector<CausalHead> wrapper_heads_for_output(wb::TorchGenerator& gen, std::size_t d_in, std::size_t d_out,
                                                 std::size_t num_heads) {
    if (d_in == 0 || d_out == 0 || num_heads == 0)
        throw std::invalid_argument(fmt::format(
            "wrapper_heads_for_output: sizes must be positive (d_in {}, d_out {}, H {})", d_in, d_out, num_heads));
    if (d_out % num_heads != 0)
        throw std::invalid_argument(
            fmt::format("wrapper_heads_for_output: {} heads cannot share d_out = {} equally", num_heads, d_out));
    const std::size_t hd = d_out / num_heads;  // the wrapper concatenates H outputs of hd columns
    std::vector<CausalHead> heads;
    for (std::size_t h = 0; h < num_heads; ++h) heads.push_back(draw_causal_head(gen, d_in, hd));  // in order
    return heads;
}

}  // namespace ch04
