// Exercise 8.5: GELU, exact and tanh, against nn.GELU.
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

TEST_CASE("8.5 GELU equals nn.GELU(approximate='none') and nn.GELU(approximate='tanh')", "[ch08][8.5]") {
    const wb::Matrix x = mat("gelu/x");
    REQUIRE_THAT(ch08::gelu(x, ch08::Gelu::exact), Torch(mat("gelu/exact/output")));
    REQUIRE_THAT(ch08::gelu(x, ch08::Gelu::tanh), Torch(mat("gelu/tanh/output")));
    SECTION("nn.GELU() with no argument is the exact one, and the two differ") {
        REQUIRE_THAT(ch08::gelu(x, ch08::Gelu::exact), Torch(mat("gelu/default/output")));
        REQUIRE(max_abs(ch08::gelu(x, ch08::Gelu::exact) - ch08::gelu(x, ch08::Gelu::tanh)) > 1e-4);
    }
}

TEST_CASE("8.5 GELU(0) = 0, GELU(x) - GELU(-x) = x, and GELU(x) -> x for large x", "[ch08][8.5]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t N = wb::ref::random_size(seed, 1, 1, 5), n = wb::ref::random_size(seed, 2, 1, 9);
    CAPTURE(seed, N, n);
    const wb::Matrix x = wb::ref::random_matrix(seed, N, n, -6, 6);
    for (const ch08::Gelu kind : {ch08::Gelu::exact, ch08::Gelu::tanh}) {
        const wb::Matrix plus = ch08::gelu(x, kind), minus = ch08::gelu(-x, kind);
        REQUIRE_THAT(plus - minus, Equals(x, 1e-12, 1e-12));
        REQUIRE(ch08::gelu(wb::Matrix{{0.0, 30.0}}, kind)(0, 0) == 0.0);
        REQUIRE(std::fabs(ch08::gelu(wb::Matrix{{0.0, 30.0}}, kind)(0, 1) - 30.0) < 1e-12);
    }
    const wb::Matrix empty = ch08::gelu(xt::zeros<double>({0, 3}), ch08::Gelu::exact);
    REQUIRE(empty.shape(0) == 0);
    REQUIRE(empty.shape(1) == 3);
}
