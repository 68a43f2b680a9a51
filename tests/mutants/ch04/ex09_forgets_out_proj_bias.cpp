// Mutant of 4.9: forgets the output projection's bias (a common slip: out_proj has one, Q/K/V may not).
#include "ch04/ch04.hpp"

#include <stdexcept>
#include <string>

namespace ch04 {
std::size_t multi_head_parameter_count(std::size_t d_in, std::size_t d_out, std::size_t num_heads, bool qkv_bias) {
    if (num_heads == 0 || d_out % num_heads != 0)
        throw std::invalid_argument(std::to_string(num_heads) + " heads, d_out " + std::to_string(d_out));
    return 3 * (d_in * d_out + (qkv_bias ? d_out : 0)) + d_out * d_out;
}
}  // namespace ch04
