// Exercise 8.6: GELU's backward, against autograd and finite differences.
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

namespace {

// GELU by the formulas, for finite differences (independent of 8.5).
double gelu_of(double x, ch08::Gelu kind) {
    const double pi = std::acos(-1.0);
    if (kind == ch08::Gelu::exact) return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
    return 0.5 * x * (1.0 + std::tanh(std::sqrt(2.0 / pi) * (x + 0.044715 * x * x * x)));
}

}  // namespace

TEST_CASE("8.6 GELU's backward equals autograd's, exact and tanh", "[ch08][8.6]") {
    const wb::Matrix x = mat("gelu/x"), dy = mat("gelu/d_output");
    REQUIRE_THAT(ch08::gelu_backward(x, dy, ch08::Gelu::exact), Torch(mat("gelu/exact/d_input")));
    REQUIRE_THAT(ch08::gelu_backward(x, dy, ch08::Gelu::tanh), Torch(mat("gelu/tanh/d_input")));
}

TEST_CASE("8.6 on random inputs: finite differences of each kind", "[ch08][8.6]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t N = wb::ref::random_size(seed, 1, 1, 5), n = wb::ref::random_size(seed, 2, 1, 9);
    CAPTURE(seed, N, n);
    const wb::Matrix x = wb::ref::random_matrix(seed, N, n, -4, 4), dy = wb::ref::random_matrix(seed + 1, N, n);
    for (const ch08::Gelu kind : {ch08::Gelu::exact, ch08::Gelu::tanh}) {
        CAPTURE(kind == ch08::Gelu::exact ? "exact" : "tanh");
        const wb::Matrix d_input = ch08::gelu_backward(x, dy, kind);
        wb::Matrix fd = xt::zeros<double>({N, n});
        for (std::size_t i = 0; i < N; ++i)
            for (std::size_t j = 0; j < n; ++j)
                fd(i, j) = dy(i, j) * (gelu_of(x(i, j) + 1e-6, kind) - gelu_of(x(i, j) - 1e-6, kind)) / 2e-6;
        REQUIRE_THAT(d_input, Equals(fd, 1e-8, 1e-7));
    }
}

TEST_CASE("8.6 shapes that differ throw std::invalid_argument, each on its own", "[ch08][8.6]") {
    const wb::Matrix x = wb::ref::random_matrix(1, 3, 4);
    REQUIRE_NOTHROW(ch08::gelu_backward(x, wb::ref::random_matrix(2, 3, 4), ch08::Gelu::tanh));
    SECTION("another row count") {
        REQUIRE_THROWS_MATCHES(ch08::gelu_backward(x, wb::ref::random_matrix(2, 2, 4), ch08::Gelu::tanh),
                               std::invalid_argument, Says("gelu_backward:"));
    }
    SECTION("another column count") {
        REQUIRE_THROWS_MATCHES(ch08::gelu_backward(x, wb::ref::random_matrix(2, 3, 5), ch08::Gelu::exact),
                               std::invalid_argument, Says("gelu_backward:"));
    }
}
