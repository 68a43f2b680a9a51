// Exercise 8.3: LayerNorm's forward pass, against nn.LayerNorm and by its properties.
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

TEST_CASE("8.3 LayerNorm equals nn.LayerNorm: output, mean and rstd (a constant row included)", "[ch08][8.3]") {
    for (const std::string name : {"layer_norm", "layer_norm_eps"}) {
        CAPTURE(name);
        const ch08::LayerNormForward f = ch08::layer_norm_forward(mat(name + "/x"), vec(name + "/weight"),
                                                                  vec(name + "/bias"), vec(name + "/eps")(0));
        REQUIRE_THAT(f.mean, Torch(vec(name + "/mean")));
        REQUIRE_THAT(f.rstd, Torch(vec(name + "/rstd")));
        REQUIRE_THAT(f.output, Torch(mat(name + "/output")));
    }
}

TEST_CASE("8.3 before the affine part every row has mean 0 and (biased) variance 1", "[ch08][8.3]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t N = wb::ref::random_size(seed, 1, 1, 7), d = wb::ref::random_size(seed, 2, 2, 12);
    CAPTURE(seed, N, d);
    const wb::Matrix x = wb::ref::random_matrix(seed, N, d, -3, 5);
    const ch08::LayerNormForward f =
        ch08::layer_norm_forward(x, xt::ones<double>({d}), xt::zeros<double>({d}), 0.0);  // eps 0: exactly 1
    for (std::size_t n = 0; n < N; ++n) {
        double mean = 0, var = 0;
        for (std::size_t k = 0; k < d; ++k) mean += f.output(n, k) / static_cast<double>(d);
        for (std::size_t k = 0; k < d; ++k) var += f.output(n, k) * f.output(n, k) / static_cast<double>(d);
        REQUIRE(std::fabs(mean) < 1e-12);
        REQUIRE(std::fabs(var - 1.0) < 1e-12);
    }
    SECTION("and with weight and bias, the loops' LayerNorm (eps inside the root)") {
        const wb::Vector w = wb::ref::random_vector(seed + 1, d), b = wb::ref::random_vector(seed + 2, d);
        REQUIRE_THAT(ch08::layer_norm_forward(x, w, b, 0.5).output,
                     Equals(loop_layer_norm(x, w, b, 0.5), 1e-12, 1e-12));
    }
}

TEST_CASE("8.3 no rows give empty results, and one value per row gives the bias", "[ch08][8.3]") {
    const ch08::LayerNormForward empty =
        ch08::layer_norm_forward(xt::zeros<double>({0, 3}), xt::ones<double>({3}), xt::zeros<double>({3}), 1e-5);
    REQUIRE(empty.output.shape(0) == 0);
    REQUIRE(empty.mean.size() == 0);
    const wb::Vector bias = {0.25};
    const ch08::LayerNormForward one = ch08::layer_norm_forward(wb::Matrix{{3.0}, {-2.0}}, wb::Vector{2.0}, bias, 1e-5);
    REQUIRE_THAT(one.output, Equals(wb::Matrix{{0.25}, {0.25}}, 0, 0));
}

TEST_CASE("8.3 bad sizes or eps throw std::invalid_argument, each on its own", "[ch08][8.3]") {
    const wb::Matrix x = wb::ref::random_matrix(1, 4, 3);
    const wb::Vector w = xt::ones<double>({3}), b = xt::zeros<double>({3});
    REQUIRE_NOTHROW(ch08::layer_norm_forward(x, w, b, 1e-5));
    REQUIRE_NOTHROW(ch08::layer_norm_forward(x, w, b, 0.0));
    SECTION("d = 0") {
        REQUIRE_THROWS_MATCHES(
            ch08::layer_norm_forward(xt::zeros<double>({4, 0}), xt::zeros<double>({0}), xt::zeros<double>({0}), 1e-5),
            std::invalid_argument, Says("layer_norm_forward:"));
    }
    SECTION("a weight whose size is not d") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_forward(x, xt::ones<double>({4}), b, 1e-5), std::invalid_argument,
                               Says("layer_norm_forward:"));
    }
    SECTION("a bias whose size is not d") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_forward(x, w, xt::zeros<double>({2}), 1e-5), std::invalid_argument,
                               Says("layer_norm_forward:"));
    }
    SECTION("a negative eps") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_forward(x, w, b, -1e-5), std::invalid_argument,
                               Says("layer_norm_forward:"));
    }
    SECTION("an eps that is not finite") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_forward(x, w, b, std::nan("")), std::invalid_argument,
                               Says("layer_norm_forward:"));
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_forward(x, w, b, HUGE_VAL), std::invalid_argument,
                               Says("layer_norm_forward:"));
    }
}
