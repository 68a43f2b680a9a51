// Exercise 6.10: reinforce_backward, and the sampled-attention model that trains with it.
#include "ch06/ch06_test.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

using namespace ch06_test;

namespace {

// The sampled positions of a stored case, as indices.
std::vector<std::size_t> positions(const wb::Vector& v) {
    std::vector<std::size_t> out;
    for (double x : v) out.push_back(static_cast<std::size_t>(x));
    return out;
}

// The literal formula, one element at a time.
wb::Matrix loop_reinforce(const wb::Matrix& p, const std::vector<std::size_t>& j, const wb::Vector& losses, double b) {
    wb::Matrix out = xt::zeros<double>({p.shape(0), p.shape(1)});
    for (std::size_t t = 0; t < p.shape(0); ++t)
        for (std::size_t k = 0; k < p.shape(1); ++k) out(t, k) = (losses(t) - b) * ((k == j[t] ? 1.0 : 0.0) - p(t, k));
    return out;
}

wb::Matrix random_policies(std::uint64_t seed, std::size_t T_q, std::size_t T_k) {
    return wb::ref::softmax_rows(wb::ref::random_matrix(seed, T_q, T_k, -3, 3));
}

}  // namespace

TEST_CASE("6.10 matches PyTorch's autograd of the surrogate sum_t (loss_t - b) log p(t, sampled_t)", "[ch06][6.10]") {
    for (const std::string name : {"reinforce", "reinforce_below"}) {
        CAPTURE(name);
        const wb::Matrix d_scores = ch06::reinforce_backward(mat(name + "/weights"), positions(vec(name + "/sampled")),
                                                             vec(name + "/losses"), vec(name + "/baseline")(0));
        REQUIRE_THAT(d_scores, Torch(mat(name + "/d_scores")));
    }
}

TEST_CASE("6.10 on random policies it is the formula, every row sums to 0, and it is linear in the advantage",
          "[ch06][6.10]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 6), T_k = wb::ref::random_size(seed, 2, 2, 9);
    CAPTURE(seed, T_q, T_k);
    const wb::Matrix p = random_policies(seed, T_q, T_k);
    std::vector<std::size_t> j;
    for (std::size_t t = 0; t < T_q; ++t) j.push_back(wb::ref::random_size(seed, 10 + t, 0, T_k - 1));
    const wb::Vector losses = wb::ref::random_vector(seed + 40, T_q, 0, 4);
    const double b = wb::ref::random_vector(seed + 41, 1, 0, 4)(0);
    const wb::Matrix d = ch06::reinforce_backward(p, j, losses, b);
    REQUIRE_THAT(d, Equals(loop_reinforce(p, j, losses, b), 1e-15, 0));
    SECTION("every row sums to 0: adding a constant to a row of scores changes no probability") {
        REQUIRE(max_abs(wb::ref::row_sums(d)) < 1e-14);
    }
    SECTION("doubling every advantage doubles the gradient") {
        const wb::Vector doubled = 2.0 * losses - b;  // 2 (loss - b) = (2 loss - b) - b
        REQUIRE_THAT(ch06::reinforce_backward(p, j, doubled, b), Equals(2.0 * d, 1e-14, 0));
    }
}

TEST_CASE("6.10 averaged over every draw it is the exact gradient of the expected loss, whatever the baseline",
          "[ch06][6.10]") {
    // One query row whose draw j costs L_j: E[L] = sum_j p_j L_j, and dE/dz_k = p_k (L_k - E[L]).
    // The estimate for draw j, weighted by p_j and summed over j, must give exactly that.
    const auto seed = GENERATE(range(1, 11));
    const std::size_t T = wb::ref::random_size(seed, 3, 2, 8);
    const wb::Matrix p = random_policies(seed, 1, T);
    const wb::Vector L = wb::ref::random_vector(seed + 70, T, 0, 5);
    double expected_loss = 0.0;
    for (std::size_t k = 0; k < T; ++k) expected_loss += p(0, k) * L(k);
    wb::Matrix exact = xt::zeros<double>({std::size_t{1}, T});
    for (std::size_t k = 0; k < T; ++k) exact(0, k) = p(0, k) * (L(k) - expected_loss);
    for (const double b : {0.0, 2.5, -7.0}) {
        CAPTURE(seed, T, b);
        wb::Matrix average = xt::zeros<double>({std::size_t{1}, T});
        for (std::size_t j = 0; j < T; ++j) average += p(0, j) * ch06::reinforce_backward(p, {j}, wb::Vector{L(j)}, b);
        REQUIRE_THAT(average, Equals(exact, 1e-14, 1e-12));
    }
}

TEST_CASE("6.10 the sign: a draw that did worse than the baseline has its score pushed down", "[ch06][6.10]") {
    const wb::Matrix p{{0.2, 0.5, 0.3}};
    // Gradient descent subtracts d_scores: positive at the drawn position lowers its score.
    const wb::Matrix worse = ch06::reinforce_backward(p, {1}, wb::Vector{3.0}, 1.0);
    REQUIRE_THAT(worse, Equals(wb::Matrix{{-0.4, 1.0, -0.6}}, 1e-15, 0));
    const wb::Matrix better = ch06::reinforce_backward(p, {1}, wb::Vector{0.5}, 1.0);
    REQUIRE(better(0, 1) < 0.0);
    REQUIRE(better(0, 0) > 0.0);
}

TEST_CASE("6.10 edges: a loss equal to the baseline, one key, no queries", "[ch06][6.10]") {
    SECTION("a loss equal to the baseline teaches nothing: that row is exactly 0") {
        const wb::Matrix p{{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
        const wb::Matrix d = ch06::reinforce_backward(p, {0, 2}, wb::Vector{1.25, 4.0}, 1.25);
        REQUIRE_THAT(d, Equals(wb::Matrix{{0, 0, 0}, {-2.75 * 0.6, -2.75 * 0.1, 2.75 * 0.7}}, 1e-15, 0));
        REQUIRE(d(0, 0) == 0.0);
        REQUIRE(d(0, 1) == 0.0);
    }
    SECTION("one key: the draw is certain, so the gradient is 0") {
        REQUIRE_THAT(ch06::reinforce_backward(wb::Matrix{{1.0}}, {0}, wb::Vector{5.0}, 1.0),
                     Equals(wb::Matrix{{0.0}}, 0, 0));
    }
    SECTION("T_q = 0: a (0, T_k) result") {
        const wb::Matrix d = ch06::reinforce_backward(wb::Matrix(xt::zeros<double>({0, 3})), {},
                                                      wb::Vector(xt::zeros<double>({0})), 0.0);
        REQUIRE(d.shape(0) == 0);
        REQUIRE(d.shape(1) == 3);
    }
    SECTION("the last position, sampled = T_k - 1, is allowed") {
        REQUIRE_NOTHROW(ch06::reinforce_backward(wb::Matrix{{0.5, 0.5}}, {1}, wb::Vector{1.0}, 0.0));
    }
}

TEST_CASE("6.10 bad input throws, each case on its own", "[ch06][6.10]") {
    const wb::Matrix p{{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}};
    const std::vector<std::size_t> j{0, 2};
    const wb::Vector losses{1.0, 2.0};
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    REQUIRE_NOTHROW(ch06::reinforce_backward(p, j, losses, 0.5));
    SECTION("fewer sampled positions than rows: std::invalid_argument") {
        REQUIRE_THROWS_MATCHES(ch06::reinforce_backward(p, {0}, losses, 0.5), std::invalid_argument,
                               Says("reinforce_backward:"));
    }
    SECTION("more sampled positions than rows: std::invalid_argument") {
        REQUIRE_THROWS_MATCHES(ch06::reinforce_backward(p, {0, 1, 2}, losses, 0.5), std::invalid_argument,
                               Says("reinforce_backward:"));
    }
    SECTION("fewer losses than rows: std::invalid_argument") {
        REQUIRE_THROWS_MATCHES(ch06::reinforce_backward(p, j, wb::Vector{1.0}, 0.5), std::invalid_argument,
                               Says("reinforce_backward:"));
    }
    SECTION("more losses than rows: std::invalid_argument") {
        REQUIRE_THROWS_MATCHES(ch06::reinforce_backward(p, j, wb::Vector{1.0, 2.0, 3.0}, 0.5), std::invalid_argument,
                               Says("reinforce_backward:"));
    }
    SECTION("a sampled position equal to T_k: std::out_of_range") {
        REQUIRE_THROWS_MATCHES(ch06::reinforce_backward(p, {0, 3}, losses, 0.5), std::out_of_range,
                               Says("reinforce_backward:"));
    }
    SECTION("a loss that is nan or inf: std::invalid_argument") {
        for (const double bad : {nan, inf, -inf}) {
            CAPTURE(bad);
            REQUIRE_THROWS_MATCHES(ch06::reinforce_backward(p, j, wb::Vector{1.0, bad}, 0.5), std::invalid_argument,
                                   Says("reinforce_backward:"));
        }
    }
    SECTION("a baseline that is nan or inf: std::invalid_argument") {
        for (const double bad : {nan, inf, -inf}) {
            CAPTURE(bad);
            REQUIRE_THROWS_MATCHES(ch06::reinforce_backward(p, j, losses, bad), std::invalid_argument,
                                   Says("reinforce_backward:"));
        }
    }
}

TEST_CASE("6.10 the sampled-attention model's first 20 training losses match PyTorch's REINFORCE run", "[ch06][6.10]") {
    for (const auto& [seed, hidden] : {std::pair{123u, 16u}, std::pair{7u, 8u}}) {
        CAPTURE(seed, hidden);
        const std::string key = "train/seed" + std::to_string(seed) + "_hidden" + std::to_string(hidden) + "/sampled/";
        const std::vector<ch06::SentencePair> data = ch06::make_sentences(seed + 1, 20 * 16);
        ch06::ModelConfig config;
        config.hidden = hidden;
        config.attending = ch06::Attending::sampled;
        ch06::TranslationModel model(config, seed);
        double largest_d_score = 0.0;
        const wb::Vector losses = first_losses(model, data, 20, largest_d_score);
        REQUIRE_THAT(losses, Torch(vec(key + "losses")));
        REQUIRE_THAT(wb::Vector{model.baseline()}, Torch(vec(key + "baseline")));
        REQUIRE(largest_d_score > 0.0);  // unlike argmax attention, the scores learn
    }
}

TEST_CASE("6.10 outside training the sampled model shows its policy and attends to its largest score", "[ch06][6.10]") {
    ch06::ModelConfig config;
    config.attending = ch06::Attending::sampled;
    const ch06::TranslationModel sampled(config, 123);
    config.attending = ch06::Attending::soft;
    const ch06::TranslationModel soft(config, 123);  // the same draws, so the same scores
    config.attending = ch06::Attending::hard;
    const ch06::TranslationModel hard(config, 123);
    for (const ch06::SentencePair& pair : ch06::make_sentences(124, 5)) {
        CAPTURE(pair.source.size());
        const auto r = sampled.forward(pair);
        REQUIRE_THAT(r.weights, Equals(soft.forward(pair).weights, 0, 0));  // the policy: softmax of the scores
        REQUIRE(r.guesses == hard.forward(pair).guesses);                   // attending to the argmax
        REQUIRE(r.loss_sum == hard.forward(pair).loss_sum);
    }
    REQUIRE(sampled.baseline() == Approx(std::log(27.0)).epsilon(1e-15));  // a uniform guess's loss
}
