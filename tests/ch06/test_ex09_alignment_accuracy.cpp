// Exercise 6.9: alignment_accuracy.
#include "ch06/ch06_test.hpp"

#include <stdexcept>

using namespace ch06_test;

TEST_CASE("6.9 counts the target words whose largest weight is on the gold source word", "[ch06][6.9]") {
    const wb::Matrix a{{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}};    // argmax 0, 2
    const wb::Matrix b{{0.1, 0.9}, {0.8, 0.2}, {0.3, 0.7}};  // argmax 1, 0, 1
    SECTION("no ties: every word a hit, 4 of 5 pooled over both sentences, none") {
        REQUIRE(ch06::alignment_accuracy({a, b}, {{0, 2}, {1, 0, 1}}) == 1.0);
        INFO("sentence a: 1 of 2 hits, sentence b: 3 of 3; pooled 4 of 5 = 0.8 (not the mean of 0.5 and 1)");
        REQUIRE(ch06::alignment_accuracy({a, b}, {{0, 1}, {1, 0, 1}}) == Approx(4.0 / 5.0).epsilon(1e-15));
        REQUIRE(ch06::alignment_accuracy({a}, {{1, 1}}) == 0.0);
    }
    SECTION("a tie: row (0.5, 0.5) counts as a hit on source word 0, the first largest (torch.argmax)") {
        const wb::Matrix tie{{0.1, 0.9}, {0.8, 0.2}, {0.5, 0.5}};  // argmax 1, 0, 0 (a tie: the first)
        {
            INFO("sentence a: 2 of 2 hits, the tied sentence: 3 of 3 when its tie goes to word 0 (1.0 in all; 0.8 "
                 "if the tie goes to the last largest weight)");
            REQUIRE(ch06::alignment_accuracy({a, tie}, {{0, 2}, {1, 0, 0}}) == 1.0);
        }
        INFO("gold word 1 for the tied row is a miss: 1 + 2 of 5 hits = 0.6");
        REQUIRE(ch06::alignment_accuracy({a, tie}, {{0, 1}, {1, 0, 1}}) == Approx(3.0 / 5.0).epsilon(1e-15));
    }
}

TEST_CASE("6.9 a tie goes to the first largest weight, as torch.argmax", "[ch06][6.9]") {
    const wb::Matrix uniform{{0.25, 0.25, 0.25, 0.25}};
    REQUIRE(ch06::alignment_accuracy({uniform}, {{0}}) == 1.0);
    REQUIRE(ch06::alignment_accuracy({uniform}, {{3}}) == 0.0);
}

TEST_CASE("6.9 on random weights it agrees with a plain count, over sentences of different lengths", "[ch06][6.9]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t S = wb::ref::random_size(seed, 1, 1, 5);
    std::vector<wb::Matrix> weights;
    std::vector<std::vector<std::size_t>> gold;
    std::size_t hits = 0, total = 0;
    for (std::size_t s = 0; s < S; ++s) {
        const std::size_t T_dec = wb::ref::random_size(seed, 10 + s, 1, 6),
                          T_enc = wb::ref::random_size(seed, 20 + s, 1, 7);
        weights.push_back(wb::ref::softmax_rows(wb::ref::random_matrix(seed * 100 + s, T_dec, T_enc, -3, 3)));
        gold.emplace_back();
        for (std::size_t t = 0; t < T_dec; ++t) {
            gold.back().push_back(wb::ref::random_size(seed, 30 + 10 * s + t, 0, T_enc - 1));
            std::size_t best = 0;
            for (std::size_t j = 0; j < T_enc; ++j)
                if (weights.back()(t, j) > weights.back()(t, best)) best = j;
            hits += best == gold.back()[t] ? 1 : 0;
            ++total;
        }
    }
    CAPTURE(seed, S, hits, total);
    REQUIRE(ch06::alignment_accuracy(weights, gold) == Approx(double(hits) / double(total)).epsilon(1e-15));
}

TEST_CASE("6.9 one source word: every target word is aligned to it", "[ch06][6.9]") {
    REQUIRE(ch06::alignment_accuracy({wb::Matrix{{1.0}, {1.0}}}, {{0, 0}}) == 1.0);
}

TEST_CASE("6.9 bad input throws, each case on its own", "[ch06][6.9]") {
    const wb::Matrix a{{0.7, 0.3}, {0.4, 0.6}};
    REQUIRE_NOTHROW(ch06::alignment_accuracy({a}, {{0, 1}}));
    SECTION("no sentences at all: std::invalid_argument") {
        REQUIRE_THROWS_MATCHES(ch06::alignment_accuracy({}, {}), std::invalid_argument, Says("alignment_accuracy:"));
    }
    SECTION("sentences without target words: std::invalid_argument") {
        REQUIRE_THROWS_MATCHES(ch06::alignment_accuracy({wb::Matrix(xt::zeros<double>({0, 2}))}, {{}}),
                               std::invalid_argument, Says("alignment_accuracy:"));
    }
    SECTION("more gold lists than weight matrices: std::invalid_argument") {
        REQUIRE_THROWS_MATCHES(ch06::alignment_accuracy({a}, {{0, 1}, {0, 1}}), std::invalid_argument,
                               Says("alignment_accuracy:"));
    }
    SECTION("a gold list of another length than T_dec: std::invalid_argument") {
        REQUIRE_THROWS_MATCHES(ch06::alignment_accuracy({a}, {{0, 1, 1}}), std::invalid_argument,
                               Says("alignment_accuracy:"));
        REQUIRE_THROWS_MATCHES(ch06::alignment_accuracy({a}, {{0}}), std::invalid_argument,
                               Says("alignment_accuracy:"));
    }
    SECTION("a gold position at T_enc: std::out_of_range") {
        REQUIRE_THROWS_MATCHES(ch06::alignment_accuracy({a}, {{0, 2}}), std::out_of_range, Says("alignment_accuracy:"));
    }
}

TEST_CASE("6.9 the sentence pairs are the ones PyTorch's generator makes, and weights on their alignment score 1",
          "[ch06][6.9]") {
    for (const std::uint64_t seed : {123u, 7u}) {
        const std::vector<ch06::SentencePair> pairs = ch06::make_sentences(seed + 1, 3);
        for (std::size_t s = 0; s < 3; ++s) {
            CAPTURE(seed, s);
            const std::string base = "data/seed" + std::to_string(seed) + "/" + std::to_string(s) + "/";
            const auto as_vector = [](const std::vector<std::size_t>& ids) {
                wb::Vector v = xt::zeros<double>({ids.size()});
                for (std::size_t i = 0; i < ids.size(); ++i) v(i) = static_cast<double>(ids[i]);
                return v;
            };
            REQUIRE_THAT(as_vector(pairs[s].source), Equals(vec(base + "source"), 0, 0));
            REQUIRE_THAT(as_vector(pairs[s].target), Equals(vec(base + "target"), 0, 0));
            REQUIRE_THAT(as_vector(pairs[s].alignment), Equals(vec(base + "alignment"), 0, 0));
            const std::size_t T = pairs[s].source.size();
            wb::Matrix one_hot = xt::zeros<double>({T, T});  // (T_dec, T_enc) all weight on the gold word
            for (std::size_t t = 0; t < T; ++t) one_hot(t, pairs[s].alignment[t]) = 1.0;
            REQUIRE(ch06::alignment_accuracy({one_hot}, {pairs[s].alignment}) == 1.0);
        }
    }
}
