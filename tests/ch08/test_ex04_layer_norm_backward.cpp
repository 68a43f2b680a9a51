// Exercise 8.4: LayerNorm's backward pass, against autograd, finite differences and its rows' sums.
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

namespace {

// mean and rstd of each row, by loops (the backward's inputs, independent of 8.3).
void row_statistics(const wb::Matrix& x, double eps, wb::Vector& mean, wb::Vector& rstd) {
    const std::size_t N = x.shape(0), d = x.shape(1);
    mean = xt::zeros<double>({N});
    rstd = xt::zeros<double>({N});
    for (std::size_t n = 0; n < N; ++n) {
        double m = 0, v = 0;
        for (std::size_t k = 0; k < d; ++k) m += x(n, k) / static_cast<double>(d);
        for (std::size_t k = 0; k < d; ++k) v += (x(n, k) - m) * (x(n, k) - m) / static_cast<double>(d);
        mean(n) = m;
        rstd(n) = 1.0 / std::sqrt(v + eps);
    }
}

}  // namespace

TEST_CASE("8.4 LayerNorm's gradients equal autograd's: input, weight, bias", "[ch08][8.4]") {
    for (const std::string name : {"layer_norm", "layer_norm_eps"}) {
        CAPTURE(name);
        const ch08::LayerNormBackward b = ch08::layer_norm_backward(
            mat(name + "/x"), vec(name + "/weight"), vec(name + "/mean"), vec(name + "/rstd"), mat(name + "/d_output"));
        REQUIRE_THAT(b.d_bias, Torch(vec(name + "/d_bias")));
        REQUIRE_THAT(b.d_weight, Torch(vec(name + "/d_weight")));
        REQUIRE_THAT(b.d_input, Torch(mat(name + "/d_input")));
    }
}

TEST_CASE("8.4 on random shapes: rows of d_input sum to 0, and finite differences agree", "[ch08][8.4]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t N = wb::ref::random_size(seed, 1, 1, 5), d = wb::ref::random_size(seed, 2, 2, 8);
    const double eps = seed % 3 == 0 ? 0.3 : 1e-5;
    CAPTURE(seed, N, d, eps);
    const wb::Matrix x = wb::ref::random_matrix(seed, N, d, -2, 2), dy = wb::ref::random_matrix(seed + 1, N, d);
    const wb::Vector w = wb::ref::random_vector(seed + 2, d, 0.5, 1.5), b = wb::ref::random_vector(seed + 3, d);
    wb::Vector mean, rstd;
    row_statistics(x, eps, mean, rstd);
    const ch08::LayerNormBackward g = ch08::layer_norm_backward(x, w, mean, rstd, dy);
    for (std::size_t n = 0; n < N; ++n) {
        double sum = 0, scale = 0;
        for (std::size_t k = 0; k < d; ++k) {
            sum += g.d_input(n, k);
            scale += std::fabs(g.d_input(n, k));
        }
        CAPTURE(n, sum);
        REQUIRE(std::fabs(sum) <= 1e-12 * std::max(1.0, scale));
    }
    const auto loss = [&](const wb::Matrix& z) { return inner(loop_layer_norm(z, w, b, eps), dy); };
    REQUIRE_THAT(g.d_input, Equals(numerical_gradient(loss, x), 1e-7, 1e-6));
    SECTION("the weight's and the bias's gradients, by finite differences too") {
        for (std::size_t k = 0; k < d; ++k) {
            wb::Vector up = w, down = w;
            up(k) += 1e-6;
            down(k) -= 1e-6;
            const double fd =
                (inner(loop_layer_norm(x, up, b, eps), dy) - inner(loop_layer_norm(x, down, b, eps), dy)) / 2e-6;
            REQUIRE(std::fabs(fd - g.d_weight(k)) < 1e-7 * std::max(1.0, std::fabs(fd)));
            double bias_gradient = 0;
            for (std::size_t n = 0; n < N; ++n) bias_gradient += dy(n, k);
            REQUIRE(std::fabs(g.d_bias(k) - bias_gradient) < 1e-12);
        }
    }
}

TEST_CASE("8.4 bad sizes throw std::invalid_argument, each on its own", "[ch08][8.4]") {
    const wb::Matrix x = wb::ref::random_matrix(1, 4, 3), dy = wb::ref::random_matrix(2, 4, 3);
    const wb::Vector w = xt::ones<double>({3}), mean = xt::zeros<double>({4}), rstd = xt::ones<double>({4});
    REQUIRE_NOTHROW(ch08::layer_norm_backward(x, w, mean, rstd, dy));
    SECTION("d = 0") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_backward(xt::zeros<double>({4, 0}), xt::zeros<double>({0}), mean, rstd,
                                                         xt::zeros<double>({4, 0})),
                               std::invalid_argument, Says("layer_norm_backward:"));
    }
    SECTION("a weight whose size is not d") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_backward(x, xt::ones<double>({2}), mean, rstd, dy),
                               std::invalid_argument, Says("layer_norm_backward:"));
    }
    SECTION("a mean whose size is not N") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_backward(x, w, xt::zeros<double>({3}), rstd, dy), std::invalid_argument,
                               Says("layer_norm_backward:"));
    }
    SECTION("an rstd whose size is not N") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_backward(x, w, mean, xt::ones<double>({5}), dy), std::invalid_argument,
                               Says("layer_norm_backward:"));
    }
    SECTION("a d_output with another row count") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_backward(x, w, mean, rstd, wb::ref::random_matrix(2, 3, 3)),
                               std::invalid_argument, Says("layer_norm_backward:"));
    }
    SECTION("a d_output with another column count") {
        REQUIRE_THROWS_MATCHES(ch08::layer_norm_backward(x, w, mean, rstd, wb::ref::random_matrix(2, 4, 2)),
                               std::invalid_argument, Says("layer_norm_backward:"));
    }
}
