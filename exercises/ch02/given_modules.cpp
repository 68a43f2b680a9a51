// exercises/ch02/given_modules.cpp - ready-made: the two self-attention modules' weights, drawn as
// PyTorch draws them. Not an exercise; compiled into both the exercises and the solutions.
//
// Contract: make_self_attention_v1 gives the same numbers as
//     torch.manual_seed(seed); W_query, W_key, W_value = (torch.rand(d_in, d_out) for _ in range(3))
// and make_self_attention_v2 the same as three nn.Linear(d_in, d_out, bias=bias) built in the order
// W_query, W_key, W_value after torch.manual_seed(seed). The caller seeds the generator.
#include "ch02/ch02.hpp"

namespace ch02 {

SelfAttentionV1 make_self_attention_v1(wb::TorchGenerator& gen, std::size_t d_in, std::size_t d_out) {
    SelfAttentionV1 module;
    module.W_query = gen.rand(d_in, d_out);  // (d_in, d_out)
    module.W_key = gen.rand(d_in, d_out);    // (d_in, d_out)
    module.W_value = gen.rand(d_in, d_out);  // (d_in, d_out)
    return module;
}

namespace {
Linear make_linear(wb::TorchGenerator& gen, std::size_t d_in, std::size_t d_out, bool bias) {
    Linear layer;
    layer.weight = gen.linear_weight(d_in, d_out);        // (d_out, d_in)
    if (bias) layer.bias = gen.linear_bias(d_in, d_out);  // (d_out), drawn right after its weight
    return layer;
}
}  // namespace

SelfAttentionV2 make_self_attention_v2(wb::TorchGenerator& gen, std::size_t d_in, std::size_t d_out, bool bias) {
    SelfAttentionV2 module;
    module.W_query = make_linear(gen, d_in, d_out, bias);  // constructed first, so drawn first
    module.W_key = make_linear(gen, d_in, d_out, bias);
    module.W_value = make_linear(gen, d_in, d_out, bias);
    return module;
}

}  // namespace ch02
