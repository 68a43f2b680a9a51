// Reference solution for exercise 4.4 (merge_heads). Contract: exercises/ch04/ch04.hpp.
#include "ch04/ch04.hpp"

#include <xtensor/xmanipulation.hpp>

namespace ch04 {

Tensor3 merge_heads(const Tensor4& x) {
    const std::size_t B = x.shape(0), H = x.shape(1), T = x.shape(2), hd = x.shape(3);
    Tensor4 by_token = xt::transpose(x, {0, 2, 1, 3});  // (B, T, H, hd), named for clarity
    Tensor3 merged = xt::reshape_view(by_token, std::vector<std::size_t>{B, T, H * hd});  // (B, T, d_out)
    return merged;
}

}  // namespace ch04
