// Exercise 6.1: softmax_jacobian.
#include "ch06/ch06_test.hpp"

using namespace ch06_test;

TEST_CASE("6.1 the Jacobian matches torch.autograd.functional.jacobian", "[ch06][6.1]") {
    for (const std::string name : {"softmax", "softmax_large"}) {
        CAPTURE(name);
        REQUIRE_THAT(ch06::softmax_jacobian(vec(name + "/weights")), Torch(mat(name + "/jacobian")));
    }
}

TEST_CASE("6.1 on random weights the Jacobian is diag(p) - p p^T: symmetric, rows summing to 0", "[ch06][6.1]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9);
    CAPTURE(seed, T);
    const wb::Vector p = random_weights(seed, T);
    const wb::Matrix J = ch06::softmax_jacobian(p);
    wb::Matrix loop = xt::zeros<double>({T, T});
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = 0; j < T; ++j) loop(i, j) = (i == j ? p(i) : 0.0) - p(i) * p(j);
    REQUIRE_THAT(J, Equals(loop, 1e-15, 0));
    REQUIRE_THAT(J, Equals(wb::ref::transpose(J), 0, 0));
    REQUIRE(max_abs(wb::ref::row_sums(J)) < 1e-15);
}

TEST_CASE("6.1 one position: the weight is always 1, so the Jacobian is [[0]]", "[ch06][6.1]") {
    REQUIRE_THAT(ch06::softmax_jacobian(wb::Vector{1.0}), Equals(wb::Matrix{{0.0}}, 0, 0));
}

TEST_CASE("6.1 no weights throw std::invalid_argument", "[ch06][6.1]") {
    REQUIRE_THROWS_MATCHES(ch06::softmax_jacobian(wb::Vector(xt::zeros<double>({0}))), std::invalid_argument,
                           Says("softmax_jacobian:"));
}
