// Mutant of 4.2: gives every head d_out columns (the book wrapper's argument), so the wrapper
// returns H * d_out columns instead of d_out.
#include "ch04/ch04.hpp"

#include <stdexcept>

namespace ch04 {
std::vector<CausalHead> wrapper_heads_for_output(wb::TorchGenerator& gen, std::size_t d_in, std::size_t d_out,
                                                 std::size_t num_heads) {
    if (d_in == 0 || d_out == 0 || num_heads == 0 || d_out % num_heads != 0)
        throw std::invalid_argument("bad sizes " + std::to_string(d_out) + " " + std::to_string(num_heads));
    std::vector<CausalHead> heads;
    for (std::size_t h = 0; h < num_heads; ++h) heads.push_back(draw_causal_head(gen, d_in, d_out));
    return heads;
}
}  // namespace ch04
