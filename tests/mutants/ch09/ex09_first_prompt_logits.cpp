// Mutant of 9.9: the first new token chosen from the logits after the first prompt token, not the last.
#include "ch09/ch09.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch09 {

std::vector<std::size_t> generate(const ch08::GptParams& params, const ch08::GptConfig& config,
                                  const std::vector<std::size_t>& prompt, const GenerationSettings& settings,
                                  wb::TorchGenerator& generator) {
    const std::size_t V = params.tok_emb.shape(0);
    if (prompt.empty()) throw std::invalid_argument("generate: an empty prompt");
    if (config.positions == ch08::Positions::learned && prompt.size() + settings.new_tokens > config.context)
        throw std::invalid_argument(fmt::format("generate: {} + {} tokens do not fit the context {}", prompt.size(),
                                                settings.new_tokens, config.context));
    for (std::size_t token : prompt)
        if (token >= V)
            throw std::invalid_argument(fmt::format("generate: prompt token {} is not below V = {}", token, V));
    GptCache cache = make_gpt_cache(params, config, prompt.size() + settings.new_tokens);
    std::vector<std::size_t> tokens = prompt;
    Vector logits;
    for (std::size_t i = 0; i < prompt.size(); ++i) {
        const Vector step = gpt_cached_step(cache, params, config, prompt[i]);
        if (i == 0) logits = step;
    }
    for (std::size_t n = 0; n < settings.new_tokens; ++n) {
        std::size_t next = 0;
        if (settings.greedy) {
            for (std::size_t j = 1; j < V; ++j)
                if (logits(j) > logits(next)) next = j;  // the first largest, as torch.argmax
        } else {
            next = sample_next_token(logits, settings.temperature, settings.top_k, generator);
        }
        tokens.push_back(next);
        if (n + 1 < settings.new_tokens) logits = gpt_cached_step(cache, params, config, next);
    }
    return tokens;
}

}  // namespace ch09
