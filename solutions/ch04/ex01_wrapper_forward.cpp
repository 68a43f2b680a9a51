// Reference solution for exercise 4.1 (wrapper_forward). Contract: exercises/ch04/ch04.hpp.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch04 {

Tensor3 wrapper_forward(const Tensor3& inputs, const std::vector<CausalHead>& heads) {
    if (heads.empty()) throw std::invalid_argument("wrapper_forward: no heads");
    const std::size_t B = inputs.shape(0), T = inputs.shape(1), H = heads.size();
    const std::size_t hd = heads[0].value.weight.shape(0);
    for (std::size_t h = 1; h < H; ++h)
        if (heads[h].value.weight.shape(0) != hd)
            throw std::invalid_argument(fmt::format("wrapper_forward: head {} has size {}, head 0 has size {}", h,
                                                    heads[h].value.weight.shape(0), hd));
    Tensor3 context = xt::zeros<double>({B, T, H * hd});  // (B, T, H*hd)
    for (std::size_t h = 0; h < H; ++h) {
        const Tensor3 context_h = causal_head_forward(inputs, heads[h]);  // (B, T, hd)
        // torch.cat(..., dim=-1): head h fills columns h*hd .. h*hd+hd-1.
        xt::view(context, xt::all(), xt::all(), xt::range(h * hd, (h + 1) * hd)) = context_h;
    }
    return context;
}

}  // namespace ch04
