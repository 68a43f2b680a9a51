// Mutant of 8.10: biases counted on W_query, W_key and W_value (GPT-2's checkpoint has them; this model does not).
#include "ch08/ch08.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch08 {

std::size_t parameter_count(const GptConfig& config) {
    const std::size_t V = config.vocab, d = config.d_model, d_hidden = config.d_hidden;
    if (V == 0) throw std::invalid_argument("parameter_count: vocab = 0");
    if (d == 0) throw std::invalid_argument("parameter_count: d_model = 0");
    if (d_hidden == 0) throw std::invalid_argument("parameter_count: d_hidden = 0");
    if (config.heads == 0 || d % config.heads != 0)
        throw std::invalid_argument(
            fmt::format("parameter_count: {} heads do not divide d_model = {}", config.heads, d));
    if (config.positions == Positions::learned && config.context == 0)
        throw std::invalid_argument("parameter_count: learned positions need a context > 0");
    const std::size_t layer_norm = 2 * d;                                    // weight and bias
    const std::size_t attention = 3 * (d * d + d) + (d * d + d);             // W_query, W_key, W_value; out_proj
    const std::size_t mlp = (d * d_hidden + d_hidden) + (d_hidden * d + d);  // fc; proj
    const std::size_t block = 2 * layer_norm + attention + mlp;
    std::size_t count = V * d;                                                // tok_emb
    if (config.positions == Positions::learned) count += config.context * d;  // pos_emb
    count += config.layers * block + layer_norm;                              // blocks, ln_f
    if (!config.tied) count += V * d;                                         // head
    return count;
}

}  // namespace ch08
