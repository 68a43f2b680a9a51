// Reference solution for exercise 2.7 (transfer_v2_to_v1). Contract: exercises/ch02/ch02.hpp.
#include "ch02/ch02.hpp"

#include <stdexcept>
#include <string>

#include <xtensor/xmanipulation.hpp>

namespace ch02 {

namespace {
Matrix transferred(const Linear& layer, const std::string& name) {
    if (layer.bias.size() != 0)
        throw std::invalid_argument("transfer_v2_to_v1: " + name + " has a bias, and V1 has nowhere to put it");
    Matrix weight = xt::transpose(layer.weight);  // (d_out, d_in) -> (d_in, d_out): x @ W^T == x @ (W^T)
    return weight;
}
}  // namespace

SelfAttentionV1 transfer_v2_to_v1(const SelfAttentionV2& module) {
    SelfAttentionV1 v1;
    v1.W_query = transferred(module.W_query, "W_query");
    v1.W_key = transferred(module.W_key, "W_key");
    v1.W_value = transferred(module.W_value, "W_value");
    return v1;
}

}  // namespace ch02
