// Exercise 9.9: generation with the KV cache, against PyTorch recomputing the whole prefix before
// every token (greedy, and sampling with torch.multinomial on a seeded generator).
#include "ch09/ch09_test.hpp"

using namespace ch09_test;

namespace {

struct GenCase {
    ch08::Positions positions;
    const char* name;
};

std::vector<std::size_t> run(const GenCase& c, const std::vector<std::size_t>& prompt, std::size_t new_tokens,
                             bool greedy, double temperature, std::size_t k, std::uint64_t seed) {
    const ch08::GptConfig config = tiny_gpt(c.positions);
    const ch08::GptParams params = ch08::gpt_init(config, 5);
    ch09::GenerationSettings settings;
    settings.new_tokens = new_tokens;
    settings.greedy = greedy;
    settings.temperature = temperature;
    settings.top_k = k;
    wb::TorchGenerator generator(seed);
    return ch09::generate(params, config, prompt, settings, generator);
}

GenCase any_case() {
    return GENERATE(values<GenCase>({{ch08::Positions::learned, "learned"},
                                     {ch08::Positions::sinusoidal, "sinusoidal"},
                                     {ch08::Positions::rope, "rope"}}));
}

}  // namespace

TEST_CASE("9.9 greedy and sampled continuations equal PyTorch's, token for token", "[ch09][9.9]") {
    const GenCase c = any_case();
    const std::string prefix = std::string("generate/") + c.name;
    CAPTURE(prefix);
    CHECK(run(c, {1, 2, 3}, 5, true, 1.0, 1, 0) == ids(prefix + "/greedy"));
    CHECK(run(c, {1, 2, 3}, 5, false, 0.8, 5, 9) == ids(prefix + "/sampled"));
    // a prompt of one token, up to the whole context of 8
    CHECK(run(c, {7}, 7, false, 2.0, 11, 10) == ids(prefix + "/sampled_hot"));
}

TEST_CASE("9.9 along a generated sequence, the given cached step equals gpt_forward at every position", "[ch09][9.9]") {
    const GenCase c = any_case();
    CAPTURE(c.name);
    const ch08::GptConfig config = tiny_gpt(c.positions);
    const ch08::GptParams params = ch08::gpt_init(config, 5);
    const std::vector<std::size_t> tokens = run(c, {10, 0, 4}, 5, false, 1.0, 11, 3);
    REQUIRE(tokens.size() == 8);
    const ch08::GptForward full = ch08::gpt_forward(params, config, tokens);
    ch09::GptCache cache = ch09::make_gpt_cache(params, config, tokens.size());
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        CAPTURE(t);
        const wb::Vector logits = ch09::gpt_cached_step(cache, params, config, tokens[t]);
        REQUIRE_THAT(logits, Equals(wb::Vector(xt::view(full.logits, t, xt::all())), 1e-12, 1e-10));
    }
    const wb::Matrix prompt_logits = mat(std::string("generate/") + c.name + "/prompt_logits");  // PyTorch's
    const ch08::GptForward prompt = ch08::gpt_forward(params, config, {1, 2, 3});
    REQUIRE_THAT(prompt.logits, Torch(prompt_logits));
    REQUIRE_THROWS_AS(ch09::gpt_cached_step(cache, params, config, 1), std::length_error);
}

TEST_CASE("9.9 greedy generation draws nothing, and no new tokens returns the prompt", "[ch09][9.9]") {
    const ch08::GptConfig config = tiny_gpt(ch08::Positions::learned);
    const ch08::GptParams params = ch08::gpt_init(config, 5);
    ch09::GenerationSettings settings;
    settings.new_tokens = 4;
    wb::TorchGenerator generator(1);
    const std::vector<std::size_t> out = ch09::generate(params, config, {4, 5}, settings, generator);
    REQUIRE(out.size() == 6);
    REQUIRE(same_state(generator, wb::TorchGenerator(1)));
    for (std::size_t t = 2; t < out.size(); ++t) {  // each new token is the argmax after the prefix
        CAPTURE(t);
        const std::vector<std::size_t> prefix(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(t));
        const ch08::GptForward f = ch08::gpt_forward(params, config, prefix);
        std::size_t best = 0;
        for (std::size_t j = 1; j < config.vocab; ++j)
            if (f.logits(t - 1, j) > f.logits(t - 1, best)) best = j;
        REQUIRE(out[t] == best);
    }
    settings.new_tokens = 0;
    REQUIRE(ch09::generate(params, config, {4, 5, 6}, settings, generator) == std::vector<std::size_t>{4, 5, 6});
}

TEST_CASE("9.9 bad prompts throw std::invalid_argument, each on its own", "[ch09][9.9]") {
    const ch08::GptConfig config = tiny_gpt(ch08::Positions::learned);
    const ch08::GptParams params = ch08::gpt_init(config, 5);
    ch09::GenerationSettings settings;
    settings.new_tokens = 5;
    wb::TorchGenerator generator(1);
    REQUIRE_NOTHROW(ch09::generate(params, config, {1, 2, 3}, settings, generator));  // 8 tokens: the context
    SECTION("an empty prompt") {
        REQUIRE_THROWS_MATCHES(ch09::generate(params, config, {}, settings, generator), std::invalid_argument,
                               Says("generate:"));
    }
    SECTION("longer than the context") {
        REQUIRE_THROWS_MATCHES(ch09::generate(params, config, {1, 2, 3, 4}, settings, generator), std::invalid_argument,
                               Says("generate:"));
    }
    SECTION("a prompt token >= V") {
        REQUIRE_THROWS_MATCHES(ch09::generate(params, config, {1, 11}, settings, generator), std::invalid_argument,
                               Says("generate:"));
    }
    SECTION("bad sampling settings") {
        settings.greedy = false;
        settings.top_k = 0;
        REQUIRE_THROWS_MATCHES(ch09::generate(params, config, {1, 2}, settings, generator), std::invalid_argument,
                               Says("sample_next_token:"));
    }
}
