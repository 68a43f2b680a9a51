// Reference solution for exercise 4.3 (split_heads). Contract: exercises/ch04/ch04.hpp.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>

namespace ch04 {

Tensor4 split_heads(const Tensor3& x, std::size_t num_heads) {
    const std::size_t B = x.shape(0), T = x.shape(1), d_out = x.shape(2);
    if (num_heads == 0 || d_out % num_heads != 0)
        throw std::invalid_argument(fmt::format("split_heads: {} heads do not divide d_out = {}", num_heads, d_out));
    const std::size_t hd = d_out / num_heads;
    Tensor4 by_token = xt::reshape_view(x, std::vector<std::size_t>{B, T, num_heads, hd});  // (B, T, H, hd)
    Tensor4 by_head = xt::transpose(by_token, {0, 2, 1, 3});                                // (B, H, T, hd)
    return by_head;
}

}  // namespace ch04
