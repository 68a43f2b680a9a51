// wb::TorchGenerator against draws made by PyTorch itself (tests/expected/rng.json, written by
// tests/torch/make_expected.py). Every expected number here comes from PyTorch, never from the
// generator under test.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <tuple>

#include "support/catch.hpp"
#include <xtensor/xoperation.hpp>

#include "support/tensor_matcher.hpp"
#include "wb/expected.hpp"
#include "wb/torch_rng.hpp"

namespace {

const wb::ExpectedOutputs& torch_draws() {
    static const wb::ExpectedOutputs draws = wb::ExpectedOutputs::load("rng");
    return draws;
}

// The seeds make_expected.py uses: small ones, the workbook's 123, and the largest 32-bit seed.
std::uint64_t any_seed() {
    return GENERATE(as<std::uint64_t>{}, 0, 1, 42, 123, 789, 4294967295u);
}

std::string seed_dir(const std::string& kind, std::uint64_t seed) {
    return kind + "/seed" + std::to_string(seed) + "/";
}

struct DropoutCase {
    double p;
    const char* name;  // as Python prints p: "p0.5"
};

}  // namespace

TEST_CASE("TorchGenerator: seed 123 starts with torch.rand's known values", "[common][rng]") {
    // torch.manual_seed(123); torch.rand(3, 2) prints tensor([[0.2961, 0.5166], [0.2517, ...
    wb::TorchGenerator gen(123);
    const wb::Matrix x = gen.rand(3, 2);
    CHECK_THAT(x(0, 0), Catch::Matchers::WithinAbs(0.29611194, 1e-8));
    CHECK_THAT(x(0, 1), Catch::Matchers::WithinAbs(0.51656228, 1e-8));
    CHECK_THAT(x(1, 0), Catch::Matchers::WithinAbs(0.25167072, 1e-8));
}

TEST_CASE("TorchGenerator: rand matches torch.rand draw for draw", "[common][rng]") {
    const std::uint64_t seed = any_seed();
    CAPTURE(seed);

    SECTION("2-D") {
        const auto shape = GENERATE(table<std::size_t, std::size_t>({{3, 2}, {6, 3}, {1, 7}, {5, 4}}));
        const std::size_t rows = std::get<0>(shape);
        const std::size_t cols = std::get<1>(shape);
        const std::string name = seed_dir("rand", seed) + std::to_string(rows) + "x" + std::to_string(cols);
        CAPTURE(name);
        wb::TorchGenerator gen(seed);
        REQUIRE_THAT(gen.rand(rows, cols), wb::test::Equals(torch_draws().tensor<2>(name), 0, 0));
    }
    SECTION("1-D") {
        const std::string name = seed_dir("rand1", seed) + "5";
        CAPTURE(name);
        wb::TorchGenerator gen(seed);
        REQUIRE_THAT(gen.rand(5), wb::test::Equals(torch_draws().tensor<1>(name), 0, 0));
    }
    SECTION("3-D") {
        const std::string name = seed_dir("rand3", seed) + "2x3x4";
        CAPTURE(name);
        wb::TorchGenerator gen(seed);
        REQUIRE_THAT(gen.rand(2, 3, 4), wb::test::Equals(torch_draws().tensor<3>(name), 0, 0));
    }
}

TEST_CASE("TorchGenerator: uniform matches tensor.uniform_(low, high)", "[common][rng]") {
    const std::uint64_t seed = any_seed();
    CAPTURE(seed);
    // torch.manual_seed(seed); torch.empty(3, 4).uniform_(-0.5, 0.5); torch.empty(5).uniform_(-0.25, 2.0)
    wb::TorchGenerator gen(seed);
    REQUIRE_THAT(gen.uniform(3, 4, -0.5, 0.5),
                 wb::test::Equals(torch_draws().tensor<2>(seed_dir("uniform", seed) + "3x4/-0.5to0.5"), 0, 0));
    REQUIRE_THAT(gen.uniform(5, -0.25, 2.0),
                 wb::test::Equals(torch_draws().tensor<1>(seed_dir("uniform", seed) + "5/-0.25to2"), 0, 0));
}

TEST_CASE("TorchGenerator: linear_weight and linear_bias match nn.Linear's initialisation", "[common][rng]") {
    const std::uint64_t seed = any_seed();
    const auto in_out_bias =
        GENERATE(table<std::size_t, std::size_t, bool>({{3, 2, false}, {3, 2, true}, {5, 4, true}, {16, 3, true}}));
    const std::size_t in = std::get<0>(in_out_bias);
    const std::size_t out = std::get<1>(in_out_bias);
    const bool bias = std::get<2>(in_out_bias);
    const std::string name = seed_dir("linear", seed) + "in" + std::to_string(in) + "_out" + std::to_string(out) +
                             "_bias" + (bias ? "1" : "0");
    CAPTURE(seed, in, out, bias, name);

    // torch.manual_seed(seed); nn.Linear(in, out, bias): the weight (out, in) first, then the bias.
    wb::TorchGenerator gen(seed);
    const wb::Matrix weight = gen.linear_weight(in, out);
    REQUIRE(weight.shape(0) == out);
    REQUIRE(weight.shape(1) == in);
    REQUIRE_THAT(weight, wb::test::Equals(torch_draws().tensor<2>(name + "/weight"), 1e-7, 0));
    const double k = 1.0 / std::sqrt(static_cast<double>(in));
    CHECK(xt::amax(xt::abs(weight))() <= k + 1e-7);
    if (bias) {
        const wb::Vector b = gen.linear_bias(in, out);
        REQUIRE_THAT(b, wb::test::Equals(torch_draws().tensor<1>(name + "/bias"), 1e-7, 0));
        CHECK(xt::amax(xt::abs(b))() <= k + 1e-7);
    }
}

TEST_CASE("TorchGenerator: layers draw in construction order, as in a PyTorch module", "[common][rng]") {
    const std::uint64_t seed = any_seed();
    CAPTURE(seed);
    const std::string dir = seed_dir("linear_sequence", seed);

    // torch.manual_seed(seed); W_query, W_key, W_value = Linear(3, 2, bias=False) x 3;
    // out_proj = Linear(2, 2) - one generator, drawn from in that order.
    wb::TorchGenerator gen(seed);
    for (int layer = 0; layer < 3; ++layer) {
        CAPTURE(layer);
        REQUIRE_THAT(gen.linear_weight(3, 2),
                     wb::test::Equals(torch_draws().tensor<2>(dir + std::to_string(layer) + "/weight"), 1e-7, 0));
    }
    REQUIRE_THAT(gen.linear_weight(2, 2), wb::test::Equals(torch_draws().tensor<2>(dir + "3/weight"), 1e-7, 0));
    REQUIRE_THAT(gen.linear_bias(2, 2), wb::test::Equals(torch_draws().tensor<1>(dir + "3/bias"), 1e-7, 0));
}

TEST_CASE("TorchGenerator: dropout_keep_mask matches nn.Dropout's mask", "[common][rng]") {
    const std::uint64_t seed = any_seed();
    const DropoutCase c = GENERATE(values<DropoutCase>({{0.5, "p0.5"}, {0.1, "p0.1"}, {0.9, "p0.9"}}));
    const double p = c.p;
    const double scale = 1.0 / (1.0 - p);

    SECTION("(6, 6)") {
        const std::string name = seed_dir("dropout", seed) + c.name + "/6x6";
        CAPTURE(seed, p, name);
        // PyTorch stores the output of nn.Dropout(p)(torch.ones(6, 6)): 0 or 1/(1-p) in float32.
        const wb::Matrix output = torch_draws().tensor<2>(name);
        const wb::Matrix torch_keep = xt::where(xt::not_equal(output, 0.0), 1.0, 0.0);
        wb::TorchGenerator gen(seed);
        const wb::Matrix keep = gen.dropout_keep_mask(6, 6, p);
        REQUIRE_THAT(keep, wb::test::Equals(torch_keep, 0, 0));
        // Survivors are scaled by 1/(1-p); PyTorch's float32 scale differs from ours only past 1e-7.
        REQUIRE_THAT(wb::Matrix(keep * scale), wb::test::Equals(output, 0, 1e-7));
    }
    SECTION("(2, 6, 6)") {
        const std::string name = seed_dir("dropout", seed) + c.name + "/2x6x6";
        CAPTURE(seed, p, name);
        const wb::Tensor3 output = torch_draws().tensor<3>(name);
        const wb::Tensor3 torch_keep = xt::where(xt::not_equal(output, 0.0), 1.0, 0.0);
        wb::TorchGenerator gen(seed);
        const wb::Tensor3 keep = gen.dropout_keep_mask(2, 6, 6, p);
        REQUIRE_THAT(keep, wb::test::Equals(torch_keep, 0, 0));
        REQUIRE_THAT(wb::Tensor3(keep * scale), wb::test::Equals(output, 0, 1e-7));
    }
}

TEST_CASE("TorchGenerator: a dropout uses as many draws as nn.Dropout (none for p = 0 or 1)", "[common][rng]") {
    // After nn.Dropout(p)(torch.ones(6, 6)), torch.rand(4) shows where the generator stands.
    const std::uint64_t seed = any_seed();
    const DropoutCase c = GENERATE(values<DropoutCase>({{0.0, "p0.0"}, {0.5, "p0.5"}, {1.0, "p1.0"}}));
    const std::string name = seed_dir("dropout_then_rand", seed) + c.name + "/6x6_then_4";
    CAPTURE(seed, c.p, name);
    wb::TorchGenerator gen(seed);
    gen.dropout_keep_mask(6, 6, c.p);
    REQUIRE_THAT(gen.rand(4), wb::test::Equals(torch_draws().tensor<1>(name), 0, 0));
}

TEST_CASE("TorchGenerator: exponential matches a float64 exponential_ draw for draw", "[common][rng]") {
    // torch.multinomial(probs, 1) draws exactly these (Chapter 9); torch.rand(4) afterwards shows
    // that each value used one 64-bit draw.
    const std::uint64_t seed = any_seed();
    CAPTURE(seed);
    wb::TorchGenerator gen(seed);
    REQUIRE_THAT(gen.exponential(7),
                 wb::test::Equals(torch_draws().tensor<1>(seed_dir("exponential", seed) + "7"), 0, 0));
    REQUIRE_THAT(gen.rand(4),
                 wb::test::Equals(torch_draws().tensor<1>(seed_dir("exponential_then_rand", seed) + "7_then_4"), 0, 0));
}

TEST_CASE("TorchGenerator: dropout with p = 0 keeps everything, p = 1 drops everything", "[common][rng]") {
    wb::TorchGenerator gen(123);
    REQUIRE_THAT(gen.dropout_keep_mask(4, 5, 0.0), wb::test::Equals(wb::Matrix(xt::ones<double>({4, 5})), 0, 0));
    REQUIRE_THAT(gen.dropout_keep_mask(2, 3, 4, 0.0), wb::test::Equals(wb::Tensor3(xt::ones<double>({2, 3, 4})), 0, 0));
    REQUIRE_THAT(gen.dropout_keep_mask(4, 5, 1.0), wb::test::Equals(wb::Matrix(xt::zeros<double>({4, 5})), 0, 0));
    REQUIRE_THAT(gen.dropout_keep_mask(2, 3, 4, 1.0),
                 wb::test::Equals(wb::Tensor3(xt::zeros<double>({2, 3, 4})), 0, 0));
}

TEST_CASE("TorchGenerator: bad arguments throw std::invalid_argument", "[common][rng]") {
    wb::TorchGenerator gen(123);
    CHECK_THROWS_AS(gen.linear_weight(0, 3), std::invalid_argument);
    CHECK_THROWS_AS(gen.linear_bias(0, 3), std::invalid_argument);
    const double bad_p = GENERATE(-0.1, 1.5, std::numeric_limits<double>::quiet_NaN());
    CAPTURE(bad_p);
    CHECK_THROWS_AS(gen.dropout_keep_mask(2, 2, bad_p), std::invalid_argument);
    CHECK_THROWS_AS(gen.dropout_keep_mask(2, 2, 2, bad_p), std::invalid_argument);
}

TEST_CASE("TorchGenerator: Chapter 1's --text embeddings are torch.rand(T, d_in) after torch.manual_seed(S)",
          "[common][rng]") {
    // The chapter program draws --text embeddings exactly like this; the stored values are PyTorch's.
    const wb::ExpectedOutputs ch01 = wb::ExpectedOutputs::load("ch01");
    REQUIRE_THAT(wb::TorchGenerator(123).rand(6, 3),
                 wb::test::Equals(ch01.tensor<2>("text_mode_inputs_seed123_6x3"), 0, 0));
    REQUIRE_THAT(wb::TorchGenerator(7).rand(4, 5),
                 wb::test::Equals(ch01.tensor<2>("text_mode_inputs_seed7_4x5"), 0, 0));
}
