// Mutant of 4.6: scales and softmaxes but forgets the causal mask: every token sees the future.
#include "ch04/ch04.hpp"

#include <cmath>
#include <stdexcept>

#include "wb/ops.hpp"

namespace ch04 {
Tensor4 causal_weights_per_head(const Tensor4& scores, std::size_t hd) {
    if (scores.shape(2) != scores.shape(3) || hd == 0) throw std::invalid_argument("bad scores");
    Tensor4 scaled = scores / std::sqrt(static_cast<double>(hd));
    return wb::softmax_last(scaled);
}
}  // namespace ch04
