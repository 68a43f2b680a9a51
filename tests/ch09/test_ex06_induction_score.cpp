// Exercise 9.6: the induction score of an attention pattern, given a repeated block.
#include "ch09/ch09_test.hpp"

#include <array>

using namespace ch09_test;

namespace {

// A pattern (T, T) in which position second + i looks only at position first + i + offset,
// every other row at itself.
wb::Matrix looking(std::size_t T, std::size_t first, std::size_t second, std::size_t length, std::size_t offset) {
    wb::Matrix w = xt::eye<double>(T);
    for (std::size_t i = 0; i < length; ++i) {
        w(second + i, second + i) = 0.0;
        w(second + i, first + i + offset) = 1.0;
    }
    return w;
}

}  // namespace

TEST_CASE("9.6 the score equals PyTorch's mean of weights(second + i, first + i + 1)", "[ch09][9.6]") {
    const wb::Matrix w = mat("pattern/50/weights");
    for (const auto& c : std::vector<std::array<std::size_t, 3>>{{1, 4, 3}, {0, 3, 5}, {0, 1, 7}, {2, 6, 2}}) {
        const std::string name =
            "induction/50/" + std::to_string(c[0]) + "_" + std::to_string(c[1]) + "_" + std::to_string(c[2]);
        CAPTURE(name);
        CHECK_THAT(wb::Vector({ch09::induction_score(w, c[0], c[1], c[2])}), Torch(vec(name)));
    }
}

TEST_CASE("9.6 a perfect induction head scores 1, a head that looks at the earlier token itself, 0", "[ch09][9.6]") {
    const std::size_t length = GENERATE(1, 3, 5);
    const std::size_t first = GENERATE(0, 2);
    const std::size_t T = 14, second = first + length + 2;
    CAPTURE(length, first, second);
    REQUIRE(ch09::induction_score(looking(T, first, second, length, 1), first, second, length) == 1.0);
    // "the earlier occurrence itself" is the copy's source, not the token to predict
    REQUIRE(ch09::induction_score(looking(T, first, second, length, 0), first, second, length) == 0.0);
    SECTION("a previous-token head is no induction head") {
        wb::Matrix back = xt::zeros<double>({T, T});
        back(0, 0) = 1.0;
        for (std::size_t t = 1; t < T; ++t) back(t, t - 1) = 1.0;
        REQUIRE(ch09::induction_score(back, first, second, length) == 0.0);
    }
}

TEST_CASE("9.6 half the repeat's attention on the right token scores 0.5, and a repeat that ends at T fits",
          "[ch09][9.6]") {
    const std::size_t T = 8, first = 1, second = 5, length = 3;  // second + length = T
    wb::Matrix w = looking(T, first, second, length, 1);
    for (std::size_t i = 0; i < length; ++i) {
        w(second + i, first + i + 1) = 0.5;
        w(second + i, 0) = 0.5;
    }
    REQUIRE_THAT(ch09::induction_score(w, first, second, length), Catch::Matchers::WithinAbs(0.5, 1e-15));
    const wb::Matrix r = random_pattern(3, T);
    double wanted = 0.0;
    for (std::size_t i = 0; i < length; ++i) wanted += r(second + i, first + i + 1) / 3.0;
    REQUIRE_THAT(ch09::induction_score(r, first, second, length), Catch::Matchers::WithinRel(wanted, 1e-14));
}

TEST_CASE("9.6 bad positions or patterns throw std::invalid_argument, each on its own", "[ch09][9.6]") {
    const wb::Matrix w = random_pattern(4, 8);
    REQUIRE_NOTHROW(ch09::induction_score(w, 1, 5, 3));
    REQUIRE_NOTHROW(ch09::induction_score(w, 0, 1, 7));
    SECTION("not square") {
        REQUIRE_THROWS_MATCHES(ch09::induction_score(xt::zeros<double>({8, 7}), 1, 5, 2), std::invalid_argument,
                               Says("induction_score:"));
    }
    SECTION("length 0") {
        REQUIRE_THROWS_MATCHES(ch09::induction_score(w, 1, 5, 0), std::invalid_argument, Says("induction_score:"));
    }
    SECTION("the repeat does not come after the first occurrence") {
        REQUIRE_THROWS_MATCHES(ch09::induction_score(w, 3, 3, 2), std::invalid_argument, Says("induction_score:"));
        REQUIRE_THROWS_MATCHES(ch09::induction_score(w, 4, 2, 2), std::invalid_argument, Says("induction_score:"));
    }
    SECTION("the repeat runs past T") {
        REQUIRE_THROWS_MATCHES(ch09::induction_score(w, 1, 5, 4), std::invalid_argument, Says("induction_score:"));
        REQUIRE_THROWS_MATCHES(ch09::induction_score(w, 1, 9, 1), std::invalid_argument, Says("induction_score:"));
    }
}
