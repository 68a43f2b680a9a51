// Exercise 6.3: cross_entropy.
#include "ch06/ch06_test.hpp"

#include <stdexcept>

using namespace ch06_test;

TEST_CASE("6.3 the loss and its gradient match torch.nn.functional.cross_entropy", "[ch06][6.3]") {
    for (const std::string name : {"cross_entropy", "cross_entropy_large"}) {
        CAPTURE(name);
        const auto target = static_cast<std::size_t>(vec(name + "/target")(0));
        const ch06::CrossEntropy ce = ch06::cross_entropy(vec(name + "/logits"), target);
        REQUIRE_THAT(wb::Vector{ce.loss}, Torch(vec(name + "/loss")));
        REQUIRE_THAT(ce.d_logits, Torch(vec(name + "/d_logits")));
    }
}

TEST_CASE("6.3 on random logits: softmax minus one-hot, summing to 0, and finite differences agree", "[ch06][6.3]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t V = wb::ref::random_size(seed, 1, 1, 12);
    const std::size_t target = wb::ref::random_size(seed, 2, 0, V - 1);
    CAPTURE(seed, V, target);
    const wb::Vector logits = wb::ref::random_vector(seed, V, -5, 5);
    const ch06::CrossEntropy ce = ch06::cross_entropy(logits, target);
    const wb::Vector p = wb::ref::softmax(logits);
    REQUIRE(ce.loss == Approx(-std::log(p(target))).epsilon(1e-12));
    wb::Vector grad = p;
    grad(target) -= 1.0;
    REQUIRE_THAT(ce.d_logits, Equals(grad, 1e-14, 0));
    REQUIRE(std::fabs(xt::sum(ce.d_logits)()) < 1e-14);
    REQUIRE(ce.loss >= 0.0);
    for (std::size_t i = 0; i < V; ++i) {
        wb::Vector up = logits, down = logits;
        up(i) += 1e-5;
        down(i) -= 1e-5;
        const double numerical = (ch06::cross_entropy(up, target).loss - ch06::cross_entropy(down, target).loss) / 2e-5;
        REQUIRE(std::fabs(numerical - ce.d_logits(i)) < 1e-8);
    }
    SECTION("adding 1000 to every logit changes nothing (a stable log-sum-exp)") {
        const wb::Vector shifted = logits + 1000.0;
        const ch06::CrossEntropy moved = ch06::cross_entropy(shifted, target);
        REQUIRE(moved.loss == Approx(ce.loss).epsilon(1e-9).margin(1e-12));
        REQUIRE_THAT(moved.d_logits, Equals(ce.d_logits, 1e-12, 0));
    }
}

TEST_CASE("6.3 logits of 1000 where exp overflows, and a logit of -1000 where it underflows", "[ch06][6.3]") {
    const ch06::CrossEntropy big = ch06::cross_entropy(wb::Vector{1000.0, 1000.0}, 1);
    REQUIRE(big.loss == Approx(std::log(2.0)).epsilon(1e-12));
    REQUIRE_THAT(big.d_logits, Equals(wb::Vector{0.5, -0.5}, 1e-15, 0));
    const ch06::CrossEntropy sure_wrong = ch06::cross_entropy(wb::Vector{0.0, -1000.0}, 1);
    REQUIRE(sure_wrong.loss == Approx(1000.0).epsilon(1e-12));  // log(p) underflows; the loss must not be inf
    REQUIRE_THAT(sure_wrong.d_logits, Equals(wb::Vector{1.0, -1.0}, 1e-15, 0));
}

TEST_CASE("6.3 one word in the vocabulary: the loss is 0 and so is the gradient", "[ch06][6.3]") {
    const ch06::CrossEntropy ce = ch06::cross_entropy(wb::Vector{3.5}, 0);
    REQUIRE(ce.loss == 0.0);
    REQUIRE_THAT(ce.d_logits, Equals(wb::Vector{0.0}, 0, 0));
}

TEST_CASE("6.3 the last word is a valid target, V is not, no logits at all is an error", "[ch06][6.3]") {
    const wb::Vector logits{0.1, 0.2, 0.3};
    SECTION("target V - 1 works") {
        REQUIRE_NOTHROW(ch06::cross_entropy(logits, 2));
    }
    SECTION("target V throws std::out_of_range") {
        REQUIRE_THROWS_MATCHES(ch06::cross_entropy(logits, 3), std::out_of_range, Says("cross_entropy:"));
    }
    SECTION("V = 0 throws std::invalid_argument") {
        REQUIRE_THROWS_MATCHES(ch06::cross_entropy(wb::Vector(xt::zeros<double>({0})), 0), std::invalid_argument,
                               Says("cross_entropy:"));
    }
}
