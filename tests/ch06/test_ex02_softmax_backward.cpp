// Exercise 6.2: softmax_backward.
#include "ch06/ch06_test.hpp"

using namespace ch06_test;

TEST_CASE("6.2 the vector-Jacobian product matches PyTorch's autograd", "[ch06][6.2]") {
    for (const std::string name : {"softmax", "softmax_large"}) {
        CAPTURE(name);
        REQUIRE_THAT(ch06::softmax_backward(vec(name + "/weights"), vec(name + "/d_weights")),
                     Torch(vec(name + "/d_scores")));
    }
}

TEST_CASE("6.2 on random rows it equals J^T g, sums to 0 and is linear in g", "[ch06][6.2]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 2, 10);
    CAPTURE(seed, T);
    const wb::Vector p = random_weights(seed, T);
    const wb::Vector g = wb::ref::random_vector(seed + 50, T, -2, 2);
    const wb::Vector h = wb::ref::random_vector(seed + 60, T, -2, 2);
    const wb::Vector dz = ch06::softmax_backward(p, g);
    REQUIRE_THAT(dz, Equals(loop_vjp(p, g), 1e-14, 0));
    SECTION("the gradient sums to 0: adding a constant to every score changes nothing") {
        REQUIRE(std::fabs(xt::sum(dz)()) < 1e-14);
    }
    SECTION("the gradient of a sum is the sum of the gradients") {
        const wb::Vector sum = g + h;
        const wb::Vector both = ch06::softmax_backward(p, h) + dz;
        REQUIRE_THAT(ch06::softmax_backward(p, sum), Equals(both, 1e-14, 0));
    }
    SECTION("a gradient that is the same for every weight gives exactly 0 (up to rounding)") {
        const wb::Vector constant = xt::ones<double>({T}) * 0.75;
        REQUIRE(max_abs(ch06::softmax_backward(p, constant)) < 1e-15);
    }
}

TEST_CASE("6.2 a weight of exactly 0 (a masked score) gets a gradient of exactly 0", "[ch06][6.2]") {
    const wb::Vector p{0.25, 0.0, 0.75, 0.0};
    const wb::Vector g{1.0, 5.0, -2.0, 3.0};
    const wb::Vector dz = ch06::softmax_backward(p, g);
    REQUIRE(dz(1) == 0.0);
    REQUIRE(dz(3) == 0.0);
    REQUIRE_THAT(dz, Equals(loop_vjp(p, g), 1e-15, 0));
}

TEST_CASE("6.2 one position: the gradient is 0 whatever g is", "[ch06][6.2]") {
    REQUIRE_THAT(ch06::softmax_backward(wb::Vector{1.0}, wb::Vector{7.5}), Equals(wb::Vector{0.0}, 0, 0));
}

TEST_CASE("6.2 no weights, or a gradient of another size, throw std::invalid_argument", "[ch06][6.2]") {
    SECTION("T = 0") {
        const wb::Vector none = xt::zeros<double>({0});
        REQUIRE_THROWS_MATCHES(ch06::softmax_backward(none, none), std::invalid_argument, Says("softmax_backward:"));
    }
    SECTION("d_weights longer than the weights") {
        REQUIRE_THROWS_MATCHES(ch06::softmax_backward(wb::Vector{0.5, 0.5}, wb::Vector{1, 2, 3}), std::invalid_argument,
                               Says("softmax_backward:"));
    }
    SECTION("d_weights shorter than the weights") {
        REQUIRE_THROWS_MATCHES(ch06::softmax_backward(wb::Vector{0.5, 0.5}, wb::Vector{1}), std::invalid_argument,
                               Says("softmax_backward:"));
    }
}
