// Exercise 4.4: merge_heads.
#include "ch04/ch04_test.hpp"

using namespace ch04_test;

TEST_CASE("4.4 merging the heads' context vectors matches PyTorch", "[ch04][4.4]") {
    INFO("PyTorch: context.transpose(1, 2).contiguous().view(B, T, d_out)");
    REQUIRE_THAT(ch04::merge_heads(expected().tensor<4>("mha/context_heads")),
                 Equals(expected().tensor<3>("mha/context_merged"), 0.0, 0.0));
}

TEST_CASE("4.4 on random B, H, T, hd the merge puts (b, h, t, k) at (b, t, h*hd + k)", "[ch04][4.4]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 3), T = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t H = wb::ref::random_size(seed, 3, 1, 4), hd = wb::ref::random_size(seed, 4, 1, 4);
    CAPTURE(seed, B, T, H, hd);
    const wb::Tensor4 x = random_tensor4(seed, B, H, T, hd);  // (B, H, T, hd)
    wb::Tensor3 by_loop = xt::zeros<double>({B, T, H * hd});  // (B, T, d_out)
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t t = 0; t < T; ++t)
                for (std::size_t k = 0; k < hd; ++k) by_loop(b, t, h * hd + k) = x(b, h, t, k);
    REQUIRE_THAT(ch04::merge_heads(x), Equals(by_loop, 0.0, 0.0));
}

TEST_CASE("4.4 split then merge is the identity, for any B, T, H, hd", "[ch04][4.4]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 3), T = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t H = wb::ref::random_size(seed, 3, 1, 4), hd = wb::ref::random_size(seed, 4, 1, 4);
    CAPTURE(seed, B, T, H, hd);
    const wb::Tensor3 x = random_tensor3(seed + 100, B, T, H * hd);  // (B, T, d_out)
    REQUIRE_THAT(ch04::merge_heads(ch04::split_heads(x, H)), Equals(x, 0.0, 0.0));
}
