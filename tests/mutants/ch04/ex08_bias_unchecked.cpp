// Mutant of 4.8: does not check that every head has a bias when head 0 has
// one (and none when it has none), so a head's bias is silently dropped.
#include "ch04/ch04.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch04 {

namespace {

// Stacks the H layers' weights (hd, d_in) into (H*hd, d_in), head 0 on top; biases likewise.
Linear stack(const std::vector<const Linear*>& layers) {
    const std::size_t H = layers.size(), hd = layers[0]->weight.shape(0), d_in = layers[0]->weight.shape(1);
    const bool bias = layers[0]->bias.size() != 0;
    Linear stacked;
    stacked.weight = xt::zeros<double>({H * hd, d_in});  // (d_out, d_in)
    if (bias) stacked.bias = xt::zeros<double>({H * hd});
    for (std::size_t h = 0; h < H; ++h) {
        if (layers[h]->weight.shape(0) != hd || layers[h]->weight.shape(1) != d_in)
            throw std::invalid_argument(fmt::format("weights_from_wrapper: head {} differs in shape from head 0", h));
        xt::view(stacked.weight, xt::range(h * hd, (h + 1) * hd), xt::all()) = layers[h]->weight;
        if (bias) xt::view(stacked.bias, xt::range(h * hd, (h + 1) * hd)) = layers[h]->bias;
    }
    return stacked;
}

}  // namespace

MultiHeadWeights weights_from_wrapper(const std::vector<CausalHead>& heads) {
    if (heads.empty()) throw std::invalid_argument("weights_from_wrapper: no heads");
    std::vector<const Linear*> queries, keys, values;
    for (const CausalHead& head : heads) {
        queries.push_back(&head.query);
        keys.push_back(&head.key);
        values.push_back(&head.value);
    }
    MultiHeadWeights w;
    w.num_heads = heads.size();
    w.query = stack(queries);
    w.key = stack(keys);
    w.value = stack(values);
    return w;  // no out_proj: the wrapper has none
}

}  // namespace ch04
