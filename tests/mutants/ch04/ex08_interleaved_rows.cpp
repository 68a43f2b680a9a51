// Mutant of 4.8: interleaves the heads' rows (row r of head h at r*H + h) instead of stacking them.
#include "ch04/ch04.hpp"

#include <stdexcept>

namespace ch04 {
namespace {
Linear interleave(const std::vector<CausalHead>& heads, Linear CausalHead::*layer) {
    const std::size_t H = heads.size(), hd = (heads[0].*layer).weight.shape(0),
                      d_in = (heads[0].*layer).weight.shape(1);
    Linear out;
    out.weight = xt::zeros<double>({H * hd, d_in});
    const bool bias = (heads[0].*layer).bias.size() != 0;
    if (bias) out.bias = xt::zeros<double>({H * hd});
    for (std::size_t h = 0; h < H; ++h) {
        if ((heads[h].*layer).weight.shape(0) != hd) throw std::invalid_argument("sizes differ");
        for (std::size_t r = 0; r < hd; ++r) {
            for (std::size_t c = 0; c < d_in; ++c) out.weight(r * H + h, c) = (heads[h].*layer).weight(r, c);
            if (bias) out.bias(r * H + h) = (heads[h].*layer).bias(r);
        }
    }
    return out;
}
}  // namespace
MultiHeadWeights weights_from_wrapper(const std::vector<CausalHead>& heads) {
    if (heads.empty()) throw std::invalid_argument("no heads");
    MultiHeadWeights w;
    w.num_heads = heads.size();
    w.query = interleave(heads, &CausalHead::query);
    w.key = interleave(heads, &CausalHead::key);
    w.value = interleave(heads, &CausalHead::value);
    return w;
}
}  // namespace ch04
