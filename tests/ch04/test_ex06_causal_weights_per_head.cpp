// Exercise 4.6: causal_weights_per_head.
#include "ch04/ch04_test.hpp"

using namespace ch04_test;

TEST_CASE("4.6 the causal weights of both heads match PyTorch", "[ch04][4.6]") {
    INFO("hd = 1 here: the scale is 1/sqrt(hd), the size of one head, not of d_out = 2");
    REQUIRE_THAT(ch04::causal_weights_per_head(expected().tensor<4>("mha/scores"), 1),
                 Equals(expected().tensor<4>("mha/weights"), 1e-12).weights());
}

TEST_CASE("4.6 on nn.MultiheadAttention's scores the weights are its per-head attention weights", "[ch04][4.6]") {
    // d_in = d_out = 4, H = 2, hd = 2: the scores come from a plain loop over the stored weights.
    const wb::Tensor3 x = expected().tensor<3>("torch_mha/inputs");  // (B, T, d_in) = (2, 5, 4)
    const ch04::MultiHeadWeights w = stored_torch_mha();
    const std::size_t B = x.shape(0), T = x.shape(1), H = 2, hd = 2;
    wb::Tensor4 scores = xt::zeros<double>({B, H, T, T});  // (B, H, T, T), unscaled
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t i = 0; i < T; ++i)
                for (std::size_t j = 0; j < T; ++j)
                    for (std::size_t k = 0; k < hd; ++k)
                        scores(b, h, i, j) +=
                            linear_at(x, b, i, w.query, h * hd + k) * linear_at(x, b, j, w.key, h * hd + k);
    INFO("need_weights=True, average_attn_weights=False: PyTorch's own (B, H, T, T) weights");
    REQUIRE_THAT(ch04::causal_weights_per_head(scores, hd),
                 Equals(expected().tensor<4>("torch_mha/weights"), 1e-12).weights());
}

TEST_CASE("4.6 on random scores every head's rows are causal softmaxes of scores / sqrt(hd)", "[ch04][4.6]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 3), H = wb::ref::random_size(seed, 2, 1, 4);
    const std::size_t T = wb::ref::random_size(seed, 3, 2, 7), hd = wb::ref::random_size(seed, 4, 2, 16);
    CAPTURE(seed, B, H, T, hd);
    const wb::Tensor4 scores = random_tensor4(seed, B, H, T, T, -6.0, 6.0);  // (B, H, T, T)
    const wb::Tensor4 weights = ch04::causal_weights_per_head(scores, hd);   // (B, H, T, T)
    REQUIRE(weights.shape() == scores.shape());

    SECTION("agrees with a plain loop") {
        wb::Tensor4 by_loop = xt::zeros<double>({B, H, T, T});
        for (std::size_t b = 0; b < B; ++b)
            for (std::size_t h = 0; h < H; ++h)
                for (std::size_t i = 0; i < T; ++i) {
                    double largest = -std::numeric_limits<double>::infinity(), total = 0.0;
                    for (std::size_t j = 0; j <= i; ++j) largest = std::max(largest, scores(b, h, i, j));
                    for (std::size_t j = 0; j <= i; ++j)
                        total += std::exp((scores(b, h, i, j) - largest) / std::sqrt(static_cast<double>(hd)));
                    for (std::size_t j = 0; j <= i; ++j)
                        by_loop(b, h, i, j) =
                            std::exp((scores(b, h, i, j) - largest) / std::sqrt(static_cast<double>(hd))) / total;
                }
        REQUIRE_THAT(weights, Equals(by_loop, 1e-12).weights());
    }
    SECTION("no query sees a later key, and every row sums to 1") {
        for (std::size_t b = 0; b < B; ++b)
            for (std::size_t h = 0; h < H; ++h)
                for (std::size_t i = 0; i < T; ++i) {
                    CAPTURE(b, h, i);
                    double row_sum = 0.0;
                    for (std::size_t j = 0; j < T; ++j) {
                        if (j > i) REQUIRE(weights(b, h, i, j) == 0.0);
                        row_sum += weights(b, h, i, j);
                    }
                    REQUIRE(std::fabs(row_sum - 1.0) < 1e-12);
                }
    }
    SECTION("changing a future score changes nothing") {
        wb::Tensor4 changed = scores;
        for (std::size_t i = 0; i + 1 < T; ++i) changed(0, 0, i, T - 1) += 100.0;
        REQUIRE_THAT(ch04::causal_weights_per_head(changed, hd), Equals(weights, 0.0, 0.0));
    }
}

TEST_CASE("4.6 scores that are not square, or hd = 0, throw std::invalid_argument", "[ch04][4.6]") {
    REQUIRE_THROWS_MATCHES(ch04::causal_weights_per_head(random_tensor4(1, 1, 2, 3, 4), 2), std::invalid_argument,
                           Says("causal_weights_per_head:"));
    REQUIRE_THROWS_MATCHES(ch04::causal_weights_per_head(random_tensor4(1, 1, 2, 3, 3), 0), std::invalid_argument,
                           Says("causal_weights_per_head:"));
}
