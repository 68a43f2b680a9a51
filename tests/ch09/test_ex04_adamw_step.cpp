// Exercise 9.4: one AdamW step, against torch.optim.AdamW over five steps.
#include "ch09/ch09_test.hpp"

#include <xtensor/xmanipulation.hpp>

using namespace ch09_test;

namespace {

ch09::AdamWSettings stored_settings(const std::string& c) {
    const wb::Vector s = vec("adamw/" + c + "/settings");  // lr, beta1, beta2, eps, weight_decay
    ch09::AdamWSettings settings;
    settings.lr = s(0);
    settings.beta1 = s(1);
    settings.beta2 = s(2);
    settings.eps = s(3);
    settings.weight_decay = s(4);
    return settings;
}

OwnedTensors stored(const std::string& c, const std::string& what) {
    OwnedTensors t;
    for (const std::string n : {"w", "b"}) t.add(n, expected().array("adamw/" + c + "/" + what + "/" + n));
    return t;
}

OwnedTensors random_params(std::uint64_t seed) {
    OwnedTensors t;
    t.add("w", wb::ref::random_matrix(seed, 3, 4, -2.0, 2.0));
    t.add("b", wb::ref::random_vector(seed + 1, 4, -2.0, 2.0));
    return t;
}

void require_equal(const OwnedTensors& actual, const OwnedTensors& wanted, double rel) {
    for (std::size_t i = 0; i < actual.values.size(); ++i) {
        CAPTURE(actual.names[i]);
        REQUIRE_THAT(actual.values[i], Equals(wanted.values[i], 1e-14, rel));
    }
}

}  // namespace

TEST_CASE("9.4 five steps equal torch.optim.AdamW's, tensor by tensor", "[ch09][9.4]") {
    const std::string c = GENERATE(as<std::string>{}, "defaults", "strong_decay", "no_decay");
    CAPTURE(c);
    const ch09::AdamWSettings settings = stored_settings(c);
    OwnedTensors params = stored(c, "param0");
    ch09::AdamWState state;
    for (int step = 1; step <= 5; ++step) {
        CAPTURE(step);
        OwnedTensors grads = stored(c, "grad" + std::to_string(step));
        ch09::adamw_step(params.list(), grads.list(), state, settings);
        const OwnedTensors wanted = stored(c, "param" + std::to_string(step));
        for (std::size_t i = 0; i < params.values.size(); ++i) {
            CAPTURE(params.names[i]);
            CHECK_THAT(params.values[i], Torch(wanted.values[i]));
        }
        REQUIRE(state.tensors.size() == 2);
        REQUIRE(state.tensors[0].steps == static_cast<std::size_t>(step));
    }
}

TEST_CASE("9.4 the default settings are torch.optim.AdamW's", "[ch09][9.4]") {
    const ch09::AdamWSettings d;
    REQUIRE(d.lr == 1e-3);
    REQUIRE(d.beta1 == 0.9);
    REQUIRE(d.beta2 == 0.999);
    REQUIRE(d.eps == 1e-8);
    REQUIRE(d.weight_decay == 0.01);
    // and a step with them is PyTorch's first step with AdamW(params) and nothing else
    OwnedTensors params = stored("defaults", "param0");
    OwnedTensors grads = stored("defaults", "grad1");
    ch09::AdamWState state;
    ch09::adamw_step(params.list(), grads.list(), state, d);
    const OwnedTensors wanted = stored("defaults", "param1");
    for (std::size_t i = 0; i < params.values.size(); ++i) REQUIRE_THAT(params.values[i], Torch(wanted.values[i]));
}

TEST_CASE("9.4 with weight_decay 0, AdamW is Chapter 6's Adam on each tensor", "[ch09][9.4]") {
    const std::uint64_t seed = GENERATE(1, 2);
    CAPTURE(seed);
    ch09::AdamWSettings settings;
    settings.lr = 0.03;
    settings.beta1 = 0.85;
    settings.weight_decay = 0.0;
    ch06::AdamSettings adam;
    adam.lr = settings.lr;
    adam.beta1 = settings.beta1;
    OwnedTensors params = random_params(seed);
    std::vector<wb::Vector> flat;  // the same values, as Chapter 6 holds them
    for (const xt::xarray<double>& v : params.values) flat.push_back(xt::flatten(v));
    std::vector<ch06::AdamState> adam_states(2);
    ch09::AdamWState state;
    for (std::uint64_t step = 0; step < 4; ++step) {
        OwnedTensors grads = random_params(seed * 100 + step);
        ch09::adamw_step(params.list(), grads.list(), state, settings);
        for (std::size_t i = 0; i < 2; ++i) {
            ch06::adam_step(flat[i], xt::flatten(grads.values[i]), adam_states[i], adam);
            CAPTURE(step, i);
            REQUIRE_THAT(xt::xarray<double>(xt::flatten(params.values[i])), Equals(flat[i], 1e-15, 1e-13));
        }
    }
}

TEST_CASE("9.4 the decay is decoupled: a zero gradient only shrinks p by 1 - lr weight_decay", "[ch09][9.4]") {
    // Adam's L2 penalty would put weight_decay p into the gradient, and m / sqrt(v) would then
    // move every value by about lr; decoupled decay leaves m and v at 0.
    ch09::AdamWSettings settings;
    settings.lr = 0.1;
    settings.weight_decay = 0.5;
    OwnedTensors params = random_params(3);
    const OwnedTensors before = params;
    OwnedTensors zero;
    zero.add("w", xt::zeros<double>({3, 4}));
    zero.add("b", xt::zeros<double>({4}));
    ch09::AdamWState state;
    ch09::adamw_step(params.list(), zero.list(), state, settings);
    for (std::size_t i = 0; i < 2; ++i) {
        CAPTURE(params.names[i]);
        REQUIRE_THAT(params.values[i], Equals(before.values[i] * 0.95, 1e-15, 1e-15));
        REQUIRE_THAT(state.tensors[i].m, Equals(xt::zeros<double>({params.values[i].size()}), 0, 0));
        REQUIRE_THAT(state.tensors[i].v, Equals(xt::zeros<double>({params.values[i].size()}), 0, 0));
    }
}

TEST_CASE("9.4 the decay comes before the update: one step by hand", "[ch09][9.4]") {
    // p = 2, g = 0.5, lr = 0.1, weight_decay = 0.2, first step: m_hat = g, v_hat = g^2, so the
    // update is lr g / (|g| + eps); the decay uses p before it: 2 (1 - 0.02) - 0.1 * 0.5 / (0.5 + eps).
    ch09::AdamWSettings settings;
    settings.lr = 0.1;
    settings.weight_decay = 0.2;
    OwnedTensors p, g;
    p.add("x", wb::Vector({2.0}));
    g.add("x", wb::Vector({0.5}));
    ch09::AdamWState state;
    ch09::adamw_step(p.list(), g.list(), state, settings);
    const double wanted = 2.0 * (1.0 - 0.1 * 0.2) - 0.1 * 0.5 / (0.5 + 1e-8);
    REQUIRE_THAT(p.values[0](0), Catch::Matchers::WithinRel(wanted, 1e-14));
}

TEST_CASE("9.4 bad lists, state or settings throw std::invalid_argument and change nothing", "[ch09][9.4]") {
    OwnedTensors params = random_params(21);
    OwnedTensors grads = random_params(22);
    ch09::AdamWSettings settings;
    ch09::AdamWState state;
    {
        OwnedTensors p = params;
        ch09::AdamWState s;
        REQUIRE_NOTHROW(ch09::adamw_step(p.list(), grads.list(), s, settings));
        REQUIRE_NOTHROW(ch09::adamw_step(p.list(), grads.list(), s, settings));  // a non-empty state that fits
    }
    const OwnedTensors before = params;
    auto throws = [&](const std::vector<ch08::NamedTensor>& g, const ch09::AdamWSettings& s) {
        REQUIRE_THROWS_MATCHES(ch09::adamw_step(params.list(), g, state, s), std::invalid_argument,
                               Says("adamw_step:"));
    };
    SECTION("a gradient list of another length") {
        std::vector<ch08::NamedTensor> g = grads.list();
        g.pop_back();
        throws(g, settings);
    }
    SECTION("a gradient named differently") {
        std::vector<ch08::NamedTensor> g = grads.list();
        g[1].name = "bias";
        throws(g, settings);
    }
    SECTION("a gradient of another size") {
        std::vector<ch08::NamedTensor> g = grads.list();
        g[1].size = 3;
        throws(g, settings);
    }
    SECTION("a state for another number of tensors") {
        state.tensors.resize(1);
        state.tensors[0].m = xt::zeros<double>({12});
        state.tensors[0].v = xt::zeros<double>({12});
        throws(grads.list(), settings);
    }
    SECTION("a state whose sizes do not fit") {
        state.tensors.resize(2);
        state.tensors[0].m = xt::zeros<double>({12});
        state.tensors[0].v = xt::zeros<double>({12});
        state.tensors[1].m = xt::zeros<double>({5});
        state.tensors[1].v = xt::zeros<double>({5});
        throws(grads.list(), settings);
    }
    SECTION("lr < 0") {
        settings.lr = -1e-3;
        throws(grads.list(), settings);
    }
    SECTION("beta1 outside [0, 1)") {
        for (const double b : {1.0, -0.1}) {
            settings.beta1 = b;
            throws(grads.list(), settings);
        }
    }
    SECTION("beta2 outside [0, 1)") {
        for (const double b : {1.0, -0.1}) {
            settings.beta2 = b;
            throws(grads.list(), settings);
        }
    }
    SECTION("eps < 0") {
        settings.eps = -1e-8;
        throws(grads.list(), settings);
    }
    SECTION("weight_decay < 0") {
        settings.weight_decay = -0.01;
        throws(grads.list(), settings);
    }
    SECTION("a setting that is not finite") {
        settings.lr = std::nan("");
        throws(grads.list(), settings);
        settings.lr = 1e-3;
        settings.weight_decay = HUGE_VAL;
        throws(grads.list(), settings);
    }
    require_equal(params, before, 0);
    for (const ch06::AdamState& s : state.tensors) REQUIRE(s.steps == 0);
}
