// Exercise 3.4: dropout_weights.
#include "ch03/ch03_test.hpp"

using namespace ch03_test;

TEST_CASE("3.4 dropout on the sentence's causal weights matches nn.Dropout(0.5) at seed 123", "[ch03][3.4]") {
    const wb::Matrix keep = expected().tensor<2>("dropout_keep_seed123");  // (T, T), PyTorch's mask
    SECTION("on the weights") {
        INFO("survivors are doubled (1 / (1 - 0.5)); if they are not, the scale is missing");
        REQUIRE_THAT(ch03::dropout_weights(expected().tensor<2>("weights_causal"), keep, 0.5),
                     Equals(expected().tensor<2>("weights_dropout_seed123"), 1e-12));
    }
    SECTION("on a matrix of ones: every survivor becomes 2") {
        REQUIRE_THAT(ch03::dropout_weights(wb::Matrix(xt::ones<double>({6, 6})), keep, 0.5),
                     Equals(expected().tensor<2>("dropout_ones_seed123"), 0.0, 0.0));
    }
}

TEST_CASE("3.4 on random weights and masks survivors are scaled by 1 over 1 - p and the rest are 0", "[ch03][3.4]") {
    const auto seed = GENERATE(range(1, 11));
    const double p = GENERATE(0.0, 0.1, 0.5, 0.9);
    const std::size_t T_q = wb::ref::random_size(seed, 1, 1, 8), T_k = wb::ref::random_size(seed, 2, 1, 8);
    CAPTURE(seed, p, T_q, T_k);
    const wb::Matrix weights = wb::ref::random_matrix(seed, T_q, T_k, 0.0, 1.0);  // (T_q, T_k)
    const wb::Matrix keep = random_mask(seed + 100, T_q, T_k, 1.0 - p);           // (T_q, T_k)
    wb::Matrix wanted = xt::zeros<double>({T_q, T_k});
    for (std::size_t i = 0; i < T_q; ++i)
        for (std::size_t j = 0; j < T_k; ++j) wanted(i, j) = keep(i, j) == 1.0 ? weights(i, j) / (1.0 - p) : 0.0;
    REQUIRE_THAT(ch03::dropout_weights(weights, keep, p), Equals(wanted, 1e-12));
}

TEST_CASE("3.4 averaged over many masks, dropout leaves every weight's expected value unchanged", "[ch03][3.4]") {
    const double p = GENERATE(0.2, 0.5, 0.8);
    CAPTURE(p);
    const std::size_t T = 5, draws = 4000;
    const wb::Matrix weights = wb::ref::random_matrix(11, T, T, 0.5, 1.0);  // (T, T)
    wb::TorchGenerator gen(123);
    wb::Matrix total = xt::zeros<double>({T, T});
    for (std::size_t k = 0; k < draws; ++k) total += ch03::dropout_weights(weights, gen.dropout_keep_mask(T, T, p), p);
    const wb::Matrix mean = total / static_cast<double>(draws);
    // The mean of `draws` masks has standard deviation w sqrt(p / (1 - p)) / sqrt(draws) <= 0.032;
    // 0.15 is more than four of those. A missing scale is off by p w: up to 0.2 at p = 0.2, more above.
    INFO("a mean of (1 - p) times each weight means the survivors were not scaled by 1 / (1 - p)");
    REQUIRE_THAT(mean, Equals(weights, 0.15, 0.0));
}

TEST_CASE("3.4 p = 0 with every entry kept changes nothing", "[ch03][3.4]") {
    const wb::Matrix weights = wb::ref::random_matrix(4, 3, 5, 0.0, 1.0);
    REQUIRE_THAT(ch03::dropout_weights(weights, wb::Matrix(xt::ones<double>({3, 5})), 0.0), Equals(weights, 0.0, 0.0));
}

TEST_CASE("3.4 a p outside 0 to 1 and mismatched shapes throw std::invalid_argument", "[ch03][3.4]") {
    const wb::Matrix weights = wb::ref::random_matrix(4, 3, 3, 0.0, 1.0);  // (3, 3)
    const wb::Matrix keep = xt::ones<double>({3, 3});
    SECTION("a p outside [0, 1): the message shows it") {
        const auto [p, shown] = GENERATE(table<double, std::string>(
            {{-0.1, "-0.1"}, {1.0, "1"}, {1.5, "1.5"}, {std::numeric_limits<double>::quiet_NaN(), "nan"}}));
        CAPTURE(p);
        REQUIRE_THROWS_MATCHES(ch03::dropout_weights(weights, keep, p), std::invalid_argument,
                               Says("dropout_weights:", shown));
    }
    SECTION("a keep mask of another shape: the message names both shapes") {
        const wb::Matrix wide = xt::ones<double>({3, 4});
        REQUIRE_THROWS_MATCHES(ch03::dropout_weights(weights, wide, 0.5), std::invalid_argument,
                               Says("dropout_weights:", "(3, 3)", "(3, 4)"));
    }
}

TEST_CASE("3.4 empty weights: p is still checked, and a good p gives an empty result", "[ch03][3.4]") {
    const wb::Matrix empty = xt::zeros<double>({0, 0});
    REQUIRE(ch03::dropout_weights(empty, empty, 0.5).size() == 0);
    for (const double p : {1.0, -0.5, std::numeric_limits<double>::quiet_NaN()}) {
        CAPTURE(p);
        REQUIRE_THROWS_MATCHES(ch03::dropout_weights(empty, empty, p), std::invalid_argument, Says("dropout_weights:"));
    }
}

TEST_CASE("3.4 p just below 1 is allowed and scales survivors by 1 / (1 - p)", "[ch03][3.4]") {
    const double p = 0.75;
    const wb::Matrix weights{{0.25, 0.75}, {1.0, 0.0}};
    const wb::Matrix keep{{1.0, 0.0}, {1.0, 1.0}};
    REQUIRE_THAT(ch03::dropout_weights(weights, keep, p), Equals(wb::Matrix{{1.0, 0.0}, {4.0, 0.0}}, 1e-12));
}

TEST_CASE("3.4 a keep mask that differs in one axis only throws std::invalid_argument", "[ch03][3.4]") {
    const wb::Matrix weights = wb::ref::softmax_rows(wb::ref::random_matrix(3, 3, 3));  // (3, 3)
    REQUIRE_NOTHROW(ch03::dropout_weights(weights, wb::Matrix(xt::ones<double>({3, 3})), 0.5));
    REQUIRE_THROWS_MATCHES(ch03::dropout_weights(weights, wb::Matrix(xt::ones<double>({2, 3})), 0.5),
                           std::invalid_argument, Says("dropout_weights:", "(3, 3)", "(2, 3)"));
    REQUIRE_THROWS_MATCHES(ch03::dropout_weights(weights, wb::Matrix(xt::ones<double>({3, 2})), 0.5),
                           std::invalid_argument, Says("dropout_weights:", "(3, 3)", "(3, 2)"));
}
