// Exercise 9.1: next-token pairs, against the shift PyTorch's slicing makes (x[:, :-1], x[:, 1:]).
#include "ch09/ch09_test.hpp"

using namespace ch09_test;

TEST_CASE("9.1 inputs and targets equal PyTorch's slices x(:, :-1) and x(:, 1:)", "[ch09][9.1]") {
    for (const std::string name : {"pairs/3x6", "pairs/1x2"}) {
        CAPTURE(name);
        const ch09::NextTokenPairs pairs = ch09::next_token_pairs(batch(name + "/sequences"));
        REQUIRE(pairs.inputs == batch(name + "/inputs"));
        REQUIRE(pairs.targets == batch(name + "/targets"));
    }
}

TEST_CASE("9.1 on random batches, each target is the token after its input", "[ch09][9.1]") {
    const std::size_t B = GENERATE(1, 2, 5);
    const std::size_t T = GENERATE(1, 2, 9);  // the model's T; sequences have T + 1 tokens
    CAPTURE(B, T);
    const wb::Matrix draws = wb::ref::random_matrix(B * 10 + T, B, T + 1, 0.0, 50.0);
    ch09::TokenBatch sequences(B);
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t t = 0; t <= T; ++t) sequences[b].push_back(static_cast<std::size_t>(draws(b, t)));
    const ch09::NextTokenPairs pairs = ch09::next_token_pairs(sequences);
    REQUIRE(pairs.inputs.size() == B);
    REQUIRE(pairs.targets.size() == B);
    for (std::size_t b = 0; b < B; ++b) {
        REQUIRE(pairs.inputs[b].size() == T);
        REQUIRE(pairs.targets[b].size() == T);
        for (std::size_t t = 0; t < T; ++t) {
            CAPTURE(b, t);
            REQUIRE(pairs.inputs[b][t] == sequences[b][t]);
            REQUIRE(pairs.targets[b][t] == sequences[b][t + 1]);
        }
    }
}

TEST_CASE("9.1 an empty batch gives two empty batches", "[ch09][9.1]") {
    const ch09::NextTokenPairs pairs = ch09::next_token_pairs({});
    REQUIRE(pairs.inputs.empty());
    REQUIRE(pairs.targets.empty());
}

TEST_CASE("9.1 bad sequences throw std::invalid_argument, each on its own", "[ch09][9.1]") {
    REQUIRE_NOTHROW(ch09::next_token_pairs({{1, 2}, {3, 4}}));
    SECTION("a sequence of one token") {
        REQUIRE_THROWS_MATCHES(ch09::next_token_pairs({{1, 2}, {3}}), std::invalid_argument, Says("next_token_pairs:"));
        REQUIRE_THROWS_MATCHES(ch09::next_token_pairs({{3}, {3}}), std::invalid_argument, Says("next_token_pairs:"));
    }
    SECTION("an empty sequence") {
        REQUIRE_THROWS_MATCHES(ch09::next_token_pairs({{}}), std::invalid_argument, Says("next_token_pairs:"));
    }
    SECTION("sequences of different lengths") {
        REQUIRE_THROWS_MATCHES(ch09::next_token_pairs({{1, 2, 3}, {4, 5}}), std::invalid_argument,
                               Says("next_token_pairs:"));
        REQUIRE_THROWS_MATCHES(ch09::next_token_pairs({{1, 2}, {4, 5, 6}}), std::invalid_argument,
                               Says("next_token_pairs:"));
    }
}
