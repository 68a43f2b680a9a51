// Exercise 6.8: adam_step, and the translation model trained with it.
#include "ch06/ch06_test.hpp"

#include <limits>
#include <string>

using namespace ch06_test;

namespace {

ch06::AdamSettings stored_settings(const std::string& name) {
    const wb::Vector s = vec(name + "/settings");  // lr, beta1, beta2, eps
    ch06::AdamSettings settings;
    settings.lr = s(0);
    settings.beta1 = s(1);
    settings.beta2 = s(2);
    settings.eps = s(3);
    return settings;
}

}  // namespace

TEST_CASE("6.8 every step matches torch.optim.Adam, bias correction included", "[ch06][6.8]") {
    for (const auto& [name, steps] : {std::pair{std::string("adam"), 4}, std::pair{std::string("adam_other"), 3}}) {
        CAPTURE(name);
        wb::Vector params = vec(name + "/params0");
        ch06::AdamState state;
        for (int step = 0; step < steps; ++step) {
            CAPTURE(step);
            ch06::adam_step(params, vec(name + "/grads" + std::to_string(step)), state, stored_settings(name));
            REQUIRE(state.steps == static_cast<std::size_t>(step + 1));
            REQUIRE_THAT(params, Torch(vec(name + "/params" + std::to_string(step + 1))));
        }
    }
}

TEST_CASE("6.8 on random gradients the first step moves every parameter by lr against its gradient's sign",
          "[ch06][6.8]") {
    // With bias correction, m_hat = g and v_hat = g^2 after one step: the update is lr * g / (|g| + eps).
    const auto seed = GENERATE(range(1, 16));
    const std::size_t n = wb::ref::random_size(seed, 1, 1, 9);
    CAPTURE(seed, n);
    const wb::Vector start = wb::ref::random_vector(seed, n);
    const wb::Vector g = wb::ref::random_vector(seed + 1, n, 0.5, 3.0) * (seed % 2 == 0 ? 1.0 : -1.0);
    ch06::AdamSettings settings;
    settings.lr = 0.05;
    settings.beta1 = 0.8;
    settings.beta2 = 0.99;
    settings.eps = 0.0;
    wb::Vector params = start;
    ch06::AdamState state;
    ch06::adam_step(params, g, state, settings);
    for (std::size_t i = 0; i < n; ++i) REQUIRE(params(i) - start(i) == Approx(g(i) > 0 ? -0.05 : 0.05).epsilon(1e-12));
    REQUIRE_THAT(state.m, Equals(g * 0.2, 1e-15, 1e-15));
    REQUIRE_THAT(state.v, Equals(g * g * 0.01, 1e-15, 1e-15));
    SECTION("a second step with the same gradient moves by lr again") {
        const wb::Vector before = params;
        ch06::adam_step(params, g, state, settings);
        for (std::size_t i = 0; i < n; ++i)
            REQUIRE(params(i) - before(i) == Approx(g(i) > 0 ? -0.05 : 0.05).epsilon(1e-12));
    }
    SECTION("lr = 0 changes nothing but the state") {
        settings.lr = 0.0;
        const wb::Vector before = params;
        ch06::adam_step(params, g, state, settings);
        REQUIRE_THAT(params, Equals(before, 0, 0));
        REQUIRE(state.steps == 2);
    }
}

TEST_CASE("6.8 a zero gradient still moves a parameter through its running mean", "[ch06][6.8]") {
    wb::Vector params{1.0};
    ch06::AdamState state;
    ch06::AdamSettings settings;
    settings.lr = 0.1;
    ch06::adam_step(params, wb::Vector{1.0}, state, settings);
    const double after_one = params(0);
    ch06::adam_step(params, wb::Vector{0.0}, state, settings);
    REQUIRE(params(0) < after_one);
}

TEST_CASE("6.8 bad sizes or settings throw std::invalid_argument and change nothing, each on its own", "[ch06][6.8]") {
    const wb::Vector start{1.0, 2.0, 3.0}, g{0.1, -0.2, 0.3};
    ch06::AdamSettings good;
    good.lr = 0.1;
    const auto rejects = [&](const wb::Vector& grads, ch06::AdamState state, const ch06::AdamSettings& settings) {
        wb::Vector params = start;
        const ch06::AdamState before = state;
        bool threw = false;
        try {
            ch06::adam_step(params, grads, state, settings);
        } catch (const std::invalid_argument& error) {
            // adam_step's own message: a later error of something else does not stand in for the check.
            UNSCOPED_INFO("std::invalid_argument: " << error.what());
            threw = std::string(error.what()).find("adam_step:") != std::string::npos;
        }
        return threw && max_abs(params - start) == 0.0 && state.steps == before.steps &&
               state.m.size() == before.m.size() && state.v.size() == before.v.size();
    };
    {
        wb::Vector params = start;
        ch06::AdamState state;
        REQUIRE_NOTHROW(ch06::adam_step(params, g, state, good));
    }
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    SECTION("gradients of another size") {
        REQUIRE(rejects(wb::Vector{0.1, 0.2}, {}, good));
    }
    SECTION("a state m of another size") {
        ch06::AdamState state;
        state.m = wb::Vector{0.0, 0.0};
        state.v = wb::Vector{0.0, 0.0, 0.0};
        REQUIRE(rejects(g, state, good));
    }
    SECTION("a state v of another size") {
        ch06::AdamState state;
        state.m = wb::Vector{0.0, 0.0, 0.0};
        state.v = wb::Vector{0.0};
        REQUIRE(rejects(g, state, good));
    }
    SECTION("lr < 0, or not finite") {
        for (double lr : {-0.1, nan, inf}) {
            CAPTURE(lr);
            ch06::AdamSettings s = good;
            s.lr = lr;
            REQUIRE(rejects(g, {}, s));
        }
    }
    SECTION("beta1 outside [0, 1), or not finite") {
        for (double b : {1.0, -0.1, 1.5, nan}) {
            CAPTURE(b);
            ch06::AdamSettings s = good;
            s.beta1 = b;
            REQUIRE(rejects(g, {}, s));
        }
    }
    SECTION("beta2 outside [0, 1), or not finite") {
        for (double b : {1.0, -0.1, 1.5, nan}) {
            CAPTURE(b);
            ch06::AdamSettings s = good;
            s.beta2 = b;
            REQUIRE(rejects(g, {}, s));
        }
    }
    SECTION("eps < 0, or not finite") {
        for (double e : {-1e-8, nan, inf}) {
            CAPTURE(e);
            ch06::AdamSettings s = good;
            s.eps = e;
            REQUIRE(rejects(g, {}, s));
        }
    }
    SECTION("the boundaries beta = 0 and eps = 0 are allowed") {
        ch06::AdamSettings s = good;
        s.beta1 = 0.0;
        s.beta2 = 0.0;
        s.eps = 0.0;
        wb::Vector params = start;
        ch06::AdamState state;
        REQUIRE_NOTHROW(ch06::adam_step(params, g, state, s));
    }
}

TEST_CASE("6.8 the first 20 training losses match PyTorch's autograd and torch.optim.Adam", "[ch06][6.8]") {
    for (const auto& [seed, hidden] : {std::pair{123u, 16u}, std::pair{7u, 8u}}) {
        const std::vector<ch06::SentencePair> data = ch06::make_sentences(seed + 1, 20 * 16);
        for (const auto& [attending, name] :
             {std::pair{ch06::Attending::soft, "soft"}, std::pair{ch06::Attending::hard, "hard"},
              std::pair{ch06::Attending::none, "none"}}) {
            CAPTURE(seed, hidden, name);
            ch06::ModelConfig config;
            config.hidden = hidden;
            config.attending = attending;
            ch06::TranslationModel model(config, seed);
            double largest_d_score = 0.0;
            const wb::Vector losses = first_losses(model, data, 20, largest_d_score);
            REQUIRE_THAT(losses, Torch(vec("train/seed" + std::to_string(seed) + "_hidden" + std::to_string(hidden) +
                                           "/" + name + "/losses")));
            if (attending == ch06::Attending::hard) REQUIRE(largest_d_score == 0.0);
            if (attending == ch06::Attending::soft) REQUIRE(largest_d_score > 0.0);
        }
    }
}
