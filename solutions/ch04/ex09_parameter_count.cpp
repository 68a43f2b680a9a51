// Reference solution for exercise 4.9 (multi_head_parameter_count). Contract: exercises/ch04/ch04.hpp.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch04 {

std::size_t multi_head_parameter_count(std::size_t d_in, std::size_t d_out, std::size_t num_heads, bool qkv_bias) {
    if (num_heads == 0 || d_out % num_heads != 0)
        throw std::invalid_argument(
            fmt::format("multi_head_parameter_count: {} heads do not divide d_out = {}", num_heads, d_out));
    const std::size_t projections = 3 * (d_in * d_out + (qkv_bias ? d_out : 0));  // W_query, W_key, W_value
    const std::size_t out_proj = d_out * d_out + d_out;                           // weight and bias
    return projections + out_proj;  // the heads only slice d_out: H does not appear
}

}  // namespace ch04
