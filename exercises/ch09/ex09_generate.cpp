// Exercise 9.9 - Generation with the KV cache
//
// Contract (the declaration is in exercises/ch09/ch09.hpp):
//   params, config, prompt, settings, generator  ->  the prompt and settings.new_tokens more
//   tokens: the prompt through gpt_cached_step one token at a time, then choose (argmax, or your
//   sample_next_token) and feed the choice back. Bad prompts throw std::invalid_argument.
//
// Check it:  ./workbook check 9.9   (or: cmake --build build -t check-9.9)
// Stuck?     docs/09-tiny-gpt.md, section "Exercise 9.9", has hints.
#include "ch09/ch09.hpp"

#include <stdexcept>  // std::invalid_argument

namespace ch09 {

std::vector<std::size_t> generate(const ch08::GptParams& params, const ch08::GptConfig& config,
                                  const std::vector<std::size_t>& prompt, const GenerationSettings& settings,
                                  wb::TorchGenerator& generator) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("9.9", "generate");
}

}  // namespace ch09
