// Exercise 9.7: how often a head's strongest attention from the pronoun lands on its antecedent.
#include "ch09/ch09_test.hpp"

using namespace ch09_test;

namespace {

std::vector<wb::Matrix> stored_patterns() {
    std::vector<wb::Matrix> out;
    for (std::size_t s = 0; s < 8; ++s) out.push_back(mat("antecedent/weights/" + std::to_string(s)));
    return out;
}

}  // namespace

TEST_CASE("9.7 the accuracy equals PyTorch's, torch.argmax of each pronoun's row", "[ch09][9.7]") {
    const double accuracy =
        ch09::antecedent_accuracy(stored_patterns(), ids("antecedent/pronoun"), ids("antecedent/antecedent"));
    REQUIRE_THAT(wb::Vector({accuracy}), Torch(vec("antecedent/accuracy")));
}

TEST_CASE("9.7 the strongest attention decides, and a tie goes to the first position", "[ch09][9.7]") {
    // pronoun at 3; its row puts 0.4 on position 1, 0.3 on 0, 0.2 on 2, 0.1 on itself
    wb::Matrix w = xt::eye<double>(5);
    w(3, 0) = 0.3;
    w(3, 1) = 0.4;
    w(3, 2) = 0.2;
    w(3, 3) = 0.1;
    REQUIRE(ch09::antecedent_accuracy({w}, {3}, {1}) == 1.0);
    REQUIRE(ch09::antecedent_accuracy({w}, {3}, {0}) == 0.0);
    SECTION("the pronoun's ROW is read, not its column") {
        REQUIRE(ch09::antecedent_accuracy({w}, {1}, {1}) == 1.0);  // row 1 of the identity
        REQUIRE(ch09::antecedent_accuracy({w}, {1}, {3}) == 0.0);
    }
    SECTION("a tie goes to the first position, as torch.argmax") {
        w(3, 2) = 0.4;
        w(3, 3) = -0.1;
        REQUIRE(ch09::antecedent_accuracy({w}, {3}, {1}) == 1.0);
        REQUIRE(ch09::antecedent_accuracy({w}, {3}, {2}) == 0.0);
    }
    SECTION("a fraction over sentences") {
        const wb::Matrix r = random_pattern(5, 5);
        std::size_t best = 0;
        for (std::size_t j = 1; j < 5; ++j)
            if (r(4, j) > r(4, best)) best = j;
        REQUIRE_THAT(ch09::antecedent_accuracy({w, r, w, r}, {3, 4, 3, 4}, {1, best, 2, (best + 1) % 5}),
                     Catch::Matchers::WithinAbs(0.5, 1e-15));
        REQUIRE(ch09::antecedent_accuracy({w, r, w}, {3, 4, 3}, {1, best, 1}) == 1.0);
    }
}

TEST_CASE("9.7 bad lists or positions throw std::invalid_argument, each on its own", "[ch09][9.7]") {
    const wb::Matrix w = random_pattern(6, 5);
    REQUIRE_NOTHROW(ch09::antecedent_accuracy({w, w}, {4, 3}, {0, 2}));
    SECTION("no sentences") {
        REQUIRE_THROWS_MATCHES(ch09::antecedent_accuracy({}, {}, {}), std::invalid_argument,
                               Says("antecedent_accuracy:"));
    }
    SECTION("a pronoun list of another length") {
        REQUIRE_THROWS_MATCHES(ch09::antecedent_accuracy({w, w}, {4}, {0, 2}), std::invalid_argument,
                               Says("antecedent_accuracy:"));
    }
    SECTION("an antecedent list of another length") {
        REQUIRE_THROWS_MATCHES(ch09::antecedent_accuracy({w, w}, {4, 3}, {0, 2, 1}), std::invalid_argument,
                               Says("antecedent_accuracy:"));
    }
    SECTION("a pattern that is not square") {
        REQUIRE_THROWS_MATCHES(ch09::antecedent_accuracy({w, xt::zeros<double>({5, 4})}, {4, 3}, {0, 2}),
                               std::invalid_argument, Says("antecedent_accuracy:"));
    }
    SECTION("a pronoun position >= T") {
        REQUIRE_THROWS_MATCHES(ch09::antecedent_accuracy({w, w}, {4, 5}, {0, 2}), std::invalid_argument,
                               Says("antecedent_accuracy:"));
    }
    SECTION("an antecedent position >= T") {
        REQUIRE_THROWS_MATCHES(ch09::antecedent_accuracy({w, w}, {4, 3}, {5, 2}), std::invalid_argument,
                               Says("antecedent_accuracy:"));
    }
}
