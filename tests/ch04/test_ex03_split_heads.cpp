// Exercise 4.3: split_heads.
#include "ch04/ch04_test.hpp"

using namespace ch04_test;

TEST_CASE("4.3 splitting the queries, keys and values of the efficient version matches PyTorch", "[ch04][4.3]") {
    for (const std::string name : {"queries", "keys", "values"}) {
        CAPTURE(name);
        INFO("PyTorch: x.view(B, T, H, hd).transpose(1, 2)");
        REQUIRE_THAT(ch04::split_heads(expected().tensor<3>("mha/" + name), 2),
                     Equals(expected().tensor<4>("mha/" + name + "_split"), 0.0, 0.0));
    }
}

TEST_CASE("4.3 on random B, T, H, hd every element lands at (b, h, t, k) from (b, t, h*hd + k)", "[ch04][4.3]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 3), T = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t H = wb::ref::random_size(seed, 3, 1, 4), hd = wb::ref::random_size(seed, 4, 1, 4);
    CAPTURE(seed, B, T, H, hd);
    const wb::Tensor3 x = random_tensor3(seed, B, T, H * hd);  // (B, T, d_out)
    wb::Tensor4 by_loop = xt::zeros<double>({B, H, T, hd});    // (B, H, T, hd)
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t t = 0; t < T; ++t)
                for (std::size_t k = 0; k < hd; ++k) by_loop(b, h, t, k) = x(b, t, h * hd + k);
    INFO("the right shape with the wrong numbers: reshaped straight to (B, H, T, hd) without the transpose?");
    REQUIRE_THAT(ch04::split_heads(x, H), Equals(by_loop, 0.0, 0.0));
}

TEST_CASE("4.3 heads that do not divide d_out throw std::invalid_argument naming both", "[ch04][4.3]") {
    const wb::Tensor3 x = random_tensor3(2, 2, 3, 6);  // (2, 3, 6)
    REQUIRE_THROWS_MATCHES(ch04::split_heads(x, 4), std::invalid_argument, Says("split_heads:", "4", "6"));
    REQUIRE_THROWS_MATCHES(ch04::split_heads(x, 0), std::invalid_argument, Says("split_heads:"));
}

TEST_CASE("4.3 edge head counts: one head, heads of size 1, an empty batch", "[ch04][4.3]") {
    const wb::Tensor3 x = random_tensor3(5, 2, 3, 4);  // (2, 3, 4)
    const wb::Tensor4 one = ch04::split_heads(x, 1);   // (2, 1, 3, 4): the input itself
    REQUIRE(wb::shape_of(one) == "(2, 1, 3, 4)");
    const wb::Tensor4 tiny = ch04::split_heads(x, 4);  // (2, 4, 3, 1)
    REQUIRE(wb::shape_of(tiny) == "(2, 4, 3, 1)");
    for (std::size_t b = 0; b < 2; ++b)
        for (std::size_t t = 0; t < 3; ++t)
            for (std::size_t k = 0; k < 4; ++k) {
                REQUIRE(one(b, 0, t, k) == x(b, t, k));
                REQUIRE(tiny(b, k, t, 0) == x(b, t, k));
            }
    REQUIRE(wb::shape_of(ch04::split_heads(wb::Tensor3(xt::zeros<double>({0, 3, 4})), 2)) == "(0, 2, 3, 2)");
}
