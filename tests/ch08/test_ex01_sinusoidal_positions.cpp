// Exercise 8.1: sinusoidal position encodings, against PyTorch and by their properties.
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

TEST_CASE("8.1 sinusoidal positions equal PyTorch's, even and odd widths", "[ch08][8.1]") {
    for (const auto& [T, d] : std::vector<std::pair<std::size_t, std::size_t>>{{6, 8}, {5, 7}, {3, 2}, {4, 1}}) {
        CAPTURE(T, d);
        REQUIRE_THAT(ch08::sinusoidal_positions(T, d),
                     Torch(mat("sinusoidal/" + std::to_string(T) + "x" + std::to_string(d))));
    }
}

TEST_CASE("8.1 position 0 is (0, 1, 0, 1, ...), column 0 is sin(t), each pair lies on the unit circle", "[ch08][8.1]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 40), d = wb::ref::random_size(seed, 2, 1, 33);
    CAPTURE(seed, T, d);
    const wb::Matrix P = ch08::sinusoidal_positions(T, d);
    REQUIRE(P.shape(0) == T);
    REQUIRE(P.shape(1) == d);
    for (std::size_t k = 0; k < d; ++k) REQUIRE(P(0, k) == (k % 2 == 0 ? 0.0 : 1.0));
    for (std::size_t t = 0; t < T; ++t) {
        REQUIRE(std::fabs(P(t, 0) - std::sin(static_cast<double>(t))) < 1e-12);
        for (std::size_t k = 0; k + 1 < d; k += 2)
            REQUIRE(std::fabs(P(t, k) * P(t, k) + P(t, k + 1) * P(t, k + 1) - 1.0) < 1e-12);
    }
}

TEST_CASE("8.1 no positions give a (0, d) matrix", "[ch08][8.1]") {
    const wb::Matrix P = ch08::sinusoidal_positions(0, 4);
    REQUIRE(P.shape(0) == 0);
    REQUIRE(P.shape(1) == 4);
}

TEST_CASE("8.1 d = 0 throws std::invalid_argument", "[ch08][8.1]") {
    REQUIRE_NOTHROW(ch08::sinusoidal_positions(3, 1));
    REQUIRE_THROWS_MATCHES(ch08::sinusoidal_positions(3, 0), std::invalid_argument, Says("sinusoidal_positions:"));
}
