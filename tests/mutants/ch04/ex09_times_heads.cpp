// Mutant of 4.9: gives every head its own full (d_out, d_in) projections, so the count grows with H.
#include "ch04/ch04.hpp"

#include <stdexcept>
#include <string>

namespace ch04 {
std::size_t multi_head_parameter_count(std::size_t d_in, std::size_t d_out, std::size_t num_heads, bool qkv_bias) {
    if (num_heads == 0 || d_out % num_heads != 0)
        throw std::invalid_argument(std::to_string(num_heads) + " heads, d_out " + std::to_string(d_out));
    return num_heads * 3 * (d_in * d_out + (qkv_bias ? d_out : 0)) + d_out * d_out + d_out;
}
}  // namespace ch04
