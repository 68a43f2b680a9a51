// Exercise 7.1: online_softmax.
#include "ch07/ch07_test.hpp"

using namespace ch07_test;

TEST_CASE("7.1 the online softmax matches PyTorch on scores of 1000, wide spreads, masks and one score",
          "[ch07][7.1]") {
    const auto name = GENERATE(as<std::string>{}, "big", "huge_spread", "masked", "single");
    CAPTURE(name);
    const Vector scores = expected().tensor<1>("online/" + name + "/scores");
    const ch07::OnlineSoftmax got = ch07::online_softmax(scores);
    INFO("m must be the largest score, l = sum exp(x - m), weights = torch.softmax");
    REQUIRE(got.m == expected().tensor<1>("online/" + name + "/m")(0));
    REQUIRE_THAT(Vector{got.l}, Equals(expected().tensor<1>("online/" + name + "/l"), 1e-12, 1e-12));
    REQUIRE_THAT(got.weights, Equals(expected().tensor<1>("online/" + name + "/weights"), 1e-12, 0.0));
}

TEST_CASE("7.1 on random scores m, l and the weights are the stable softmax's", "[ch07][7.1]") {
    const auto seed = GENERATE(range(1, 26));
    const std::size_t n = wb::ref::random_size(seed, 1, 1, 40);
    CAPTURE(seed, n);
    Vector scores = wb::ref::random_vector(seed, n, -50.0, 50.0);  // (n)
    if (n > 2) scores(seed % n) = minus_infinity;                  // one masked score
    const ch07::OnlineSoftmax got = ch07::online_softmax(scores);
    double m = minus_infinity, l = 0.0;
    for (double x : scores) m = std::max(m, x);
    for (double x : scores) l += std::exp(x - m);
    Vector weights = xt::zeros<double>({n});
    for (std::size_t j = 0; j < n; ++j) weights(j) = std::exp(scores(j) - m) / l;
    REQUIRE(got.m == m);
    REQUIRE(std::fabs(got.l - l) <= 1e-12 * l);
    REQUIRE_THAT(got.weights, Equals(weights, 1e-12, 0.0));
    if (n > 2) REQUIRE(got.weights(seed % n) == 0.0);
}

TEST_CASE("7.1 shifting every score by +1000 or -1000 changes m only: no overflow, no underflow", "[ch07][7.1]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t n = wb::ref::random_size(seed, 2, 2, 30);
    CAPTURE(seed, n);
    const Vector scores = wb::ref::random_vector(seed, n, -5.0, 5.0);
    const ch07::OnlineSoftmax base = ch07::online_softmax(scores);
    for (double shift : {1000.0, -1000.0, 5000.0}) {
        CAPTURE(shift);
        INFO("exp(1000) is inf and exp(-1000) is 0 in double precision: only x - m may be exponentiated");
        const Vector shifted = scores + shift;
        const ch07::OnlineSoftmax got = ch07::online_softmax(shifted);
        REQUIRE(std::isfinite(got.l));
        REQUIRE(std::fabs(got.m - (base.m + shift)) < 1e-9);
        REQUIRE(std::fabs(got.l - base.l) < 1e-9);
        REQUIRE_THAT(got.weights, Equals(base.weights, 1e-12, 0.0));
    }
}

TEST_CASE("7.1 when the maximum grows late, l is rescaled (increasing scores)", "[ch07][7.1]") {
    const Vector scores = {0.0, 1.0, 2.0, 3.0, 10.0};  // the maximum changes at every step
    const ch07::OnlineSoftmax got = ch07::online_softmax(scores);
    double l = 0.0;
    for (double x : scores) l += std::exp(x - 10.0);
    REQUIRE(got.m == 10.0);
    REQUIRE(std::fabs(got.l - l) < 1e-14);
    REQUIRE(std::fabs(got.weights(4) - 1.0 / l) < 1e-14);
}

TEST_CASE("7.1 every score -inf: m = -inf, l = 0, every weight 0 (no NaN)", "[ch07][7.1]") {
    const auto n = GENERATE(as<std::size_t>{}, 1, 3);
    CAPTURE(n);
    Vector scores = Vector::from_shape({n});
    scores.fill(minus_infinity);
    const ch07::OnlineSoftmax got = ch07::online_softmax(scores);
    REQUIRE(got.m == minus_infinity);
    REQUIRE(got.l == 0.0);
    REQUIRE(got.weights.size() == n);
    for (double w : got.weights) REQUIRE(w == 0.0);
}

TEST_CASE("7.1 masked scores before the first finite one are fine", "[ch07][7.1]") {
    const Vector scores = {minus_infinity, minus_infinity, -3.0, -4.0};
    const ch07::OnlineSoftmax got = ch07::online_softmax(scores);
    REQUIRE(got.m == -3.0);
    REQUIRE(std::fabs(got.l - (1.0 + std::exp(-1.0))) < 1e-15);
    REQUIRE_THAT(
        got.weights,
        Equals(Vector{0.0, 0.0, 1.0 / (1.0 + std::exp(-1.0)), std::exp(-1.0) / (1.0 + std::exp(-1.0))}, 1e-15, 0.0));
}

TEST_CASE("7.1 an empty vector, a NaN score or a +inf score throws std::invalid_argument", "[ch07][7.1]") {
    SECTION("empty") {
        REQUIRE_THROWS_MATCHES(ch07::online_softmax(Vector::from_shape({0})), std::invalid_argument,
                               Says("online_softmax:"));
    }
    SECTION("NaN, the others fine") {
        REQUIRE_THROWS_MATCHES(ch07::online_softmax(Vector{1.0, std::nan(""), 2.0}), std::invalid_argument,
                               Says("online_softmax:"));
    }
    SECTION("+inf, the others fine") {
        REQUIRE_THROWS_MATCHES(ch07::online_softmax(Vector{1.0, 2.0, std::numeric_limits<double>::infinity()}),
                               std::invalid_argument, Says("online_softmax:"));
    }
}
