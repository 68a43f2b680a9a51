// Exercise 9.5: the previous-token score of an attention pattern.
#include "ch09/ch09_test.hpp"

using namespace ch09_test;

TEST_CASE("9.5 the score equals PyTorch's weights.diagonal(-1).mean()", "[ch09][9.5]") {
    const std::string seed = GENERATE(as<std::string>{}, "50", "51", "52");
    CAPTURE(seed);
    const double score = ch09::previous_token_score(mat("pattern/" + seed + "/weights"));
    REQUIRE_THAT(wb::Vector({score}), Torch(vec("pattern/" + seed + "/previous_token")));
}

TEST_CASE("9.5 a head that always looks one token back scores 1, one that looks at itself 0", "[ch09][9.5]") {
    const std::size_t T = GENERATE(2, 3, 8);
    CAPTURE(T);
    wb::Matrix back = xt::zeros<double>({T, T});
    wb::Matrix self = xt::eye<double>(T);
    back(0, 0) = 1.0;  // position 0 can only look at itself
    for (std::size_t t = 1; t < T; ++t) back(t, t - 1) = 1.0;
    REQUIRE(ch09::previous_token_score(back) == 1.0);
    REQUIRE(ch09::previous_token_score(self) == 0.0);
}

TEST_CASE("9.5 a head that spreads evenly scores the mean of 1 / (t + 1) over t = 1 .. T-1", "[ch09][9.5]") {
    const std::size_t T = GENERATE(2, 5, 9);
    CAPTURE(T);
    wb::Matrix even = xt::zeros<double>({T, T});
    double wanted = 0.0;
    for (std::size_t t = 0; t < T; ++t) {
        for (std::size_t j = 0; j <= t; ++j) even(t, j) = 1.0 / static_cast<double>(t + 1);
        if (t > 0) wanted += 1.0 / static_cast<double>(t + 1) / static_cast<double>(T - 1);
    }
    REQUIRE_THAT(ch09::previous_token_score(even), Catch::Matchers::WithinRel(wanted, 1e-14));
    SECTION("random patterns: a score in [0, 1], position 0 left out") {
        wb::Matrix w = random_pattern(T, T);
        const double score = ch09::previous_token_score(w);
        REQUIRE(score >= 0.0);
        REQUIRE(score <= 1.0);
        w(0, 0) = 123.0;  // position 0 has no previous token: changing its row changes nothing
        REQUIRE(ch09::previous_token_score(w) == score);
    }
}

TEST_CASE("9.5 T < 2 or a pattern that is not square throws std::invalid_argument, each on its own", "[ch09][9.5]") {
    REQUIRE_NOTHROW(ch09::previous_token_score(xt::eye<double>(2)));
    SECTION("T = 1: no position has a previous token") {
        REQUIRE_THROWS_MATCHES(ch09::previous_token_score(xt::ones<double>({1, 1})), std::invalid_argument,
                               Says("previous_token_score:"));
    }
    SECTION("T = 0") {
        REQUIRE_THROWS_MATCHES(ch09::previous_token_score(xt::zeros<double>({0, 0})), std::invalid_argument,
                               Says("previous_token_score:"));
    }
    SECTION("not square") {
        REQUIRE_THROWS_MATCHES(ch09::previous_token_score(xt::zeros<double>({3, 4})), std::invalid_argument,
                               Says("previous_token_score:"));
        REQUIRE_THROWS_MATCHES(ch09::previous_token_score(xt::zeros<double>({4, 3})), std::invalid_argument,
                               Says("previous_token_score:"));
    }
}
