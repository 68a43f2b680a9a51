// Mutant of 2.7: copies each weight as it is, (d_out, d_in), where V1 needs (d_in, d_out).
#include "ch02/ch02.hpp"

namespace ch02 {
SelfAttentionV1 transfer_v2_to_v1(const SelfAttentionV2& module) {
    if (module.W_query.bias.size() || module.W_key.bias.size() || module.W_value.bias.size())
        throw std::invalid_argument("bias");
    return {module.W_query.weight, module.W_key.weight, module.W_value.weight};
}
}  // namespace ch02
