// Exercise 9.2: the sequence cross-entropy and its gradient, against F.cross_entropy and autograd.
#include "ch09/ch09_test.hpp"

#include <limits>

using namespace ch09_test;

namespace {

std::vector<bool> counted_of(const std::string& name) {
    std::vector<bool> out;
    for (double c : vec(name)) out.push_back(c != 0.0);
    return out;
}

}  // namespace

TEST_CASE("9.2 loss and d_logits equal F.cross_entropy and autograd", "[ch09][9.2]") {
    const std::string name = GENERATE(as<std::string>{}, "ce/5x7", "ce/1x4", "ce/3x1", "ce/6x5/counted", "ce/large");
    CAPTURE(name);
    const std::vector<bool> counted = counted_of(name + "/counted");
    const bool all = std::all_of(counted.begin(), counted.end(), [](bool c) { return c; });
    const ch09::CrossEntropy ce = ch09::sequence_cross_entropy(mat(name + "/logits"), ids(name + "/targets"),
                                                               all ? std::vector<bool>{} : counted);
    CHECK_THAT(wb::Vector({ce.loss}), Torch(vec(name + "/loss")));
    CHECK_THAT(ce.d_logits, Torch(mat(name + "/d_logits")));
    if (all) {  // counting every position by name gives the same
        const ch09::CrossEntropy named =
            ch09::sequence_cross_entropy(mat(name + "/logits"), ids(name + "/targets"), counted);
        CHECK(named.loss == ce.loss);
    }
}

TEST_CASE("9.2 logits of 1000 give a finite loss (exp(1000) would overflow)", "[ch09][9.2]") {
    const ch09::CrossEntropy ce = ch09::sequence_cross_entropy(mat("ce/large/logits"), ids("ce/large/targets"));
    REQUIRE(std::isfinite(ce.loss));
    REQUIRE_THAT(
        ce.d_logits,
        Torch(mat("ce/large/d_logits")).hint("subtract each row's largest logit before exp", wb::test::has_non_finite));
    SECTION("every logit 1000: the loss is ln V, as for any uniform row") {
        const ch09::CrossEntropy flat = ch09::sequence_cross_entropy(xt::ones<double>({3, 5}) * 1000.0, {0, 4, 2});
        REQUIRE_THAT(flat.loss, Catch::Matchers::WithinAbs(std::log(5.0), 1e-12));
    }
}

TEST_CASE("9.2 uniform logits give ln V, and the gradient's rows sum to 0", "[ch09][9.2]") {
    const std::size_t V = GENERATE(1, 2, 7, 50);
    const std::size_t T = GENERATE(1, 4);
    CAPTURE(V, T);
    const double level = wb::ref::random_vector(V + T, 1, -5.0, 5.0)(0);
    std::vector<std::size_t> targets;
    for (std::size_t t = 0; t < T; ++t) targets.push_back((t * 3) % V);
    const ch09::CrossEntropy flat = ch09::sequence_cross_entropy(xt::ones<double>({T, V}) * level, targets);
    REQUIRE_THAT(flat.loss, Catch::Matchers::WithinAbs(std::log(static_cast<double>(V)), 1e-12));

    const wb::Matrix logits = wb::ref::random_matrix(V * 100 + T, T, V, -4.0, 4.0);
    const ch09::CrossEntropy ce = ch09::sequence_cross_entropy(logits, targets);
    REQUIRE(ce.d_logits.shape(0) == T);
    REQUIRE(ce.d_logits.shape(1) == V);
    for (std::size_t t = 0; t < T; ++t) {
        double sum = 0.0;
        for (std::size_t j = 0; j < V; ++j) sum += ce.d_logits(t, j);
        CAPTURE(t);
        REQUIRE_THAT(sum, Catch::Matchers::WithinAbs(0.0, 1e-15));
        // the target's entry is (p - 1) / T <= 0, every other one p / T >= 0
        REQUIRE(ce.d_logits(t, targets[t]) <= 0.0);
    }
    SECTION("adding a constant to a row changes nothing") {
        wb::Matrix shifted = logits;
        for (std::size_t j = 0; j < V; ++j) shifted(0, j) += 17.0;
        const ch09::CrossEntropy same = ch09::sequence_cross_entropy(shifted, targets);
        REQUIRE_THAT(same.loss, Catch::Matchers::WithinAbs(ce.loss, 1e-12));
        REQUIRE_THAT(same.d_logits, Equals(ce.d_logits, 1e-12, 0));
    }
    SECTION("d_logits is the derivative of the loss (central differences)") {
        const double h = 1e-6;
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < V; ++j) {
                wb::Matrix up = logits, down = logits;
                up(t, j) += h;
                down(t, j) -= h;
                const double numeric = (ch09::sequence_cross_entropy(up, targets).loss -
                                        ch09::sequence_cross_entropy(down, targets).loss) /
                                       (2 * h);
                CAPTURE(t, j);
                REQUIRE_THAT(ce.d_logits(t, j), Catch::Matchers::WithinAbs(numeric, 1e-8));
            }
    }
}

TEST_CASE("9.2 a position not counted adds nothing and gets a zero gradient", "[ch09][9.2]") {
    const wb::Matrix logits = wb::ref::random_matrix(5, 4, 6, -3.0, 3.0);
    const std::vector<std::size_t> targets = {1, 5, 0, 2};
    const ch09::CrossEntropy some = ch09::sequence_cross_entropy(logits, targets, {true, false, true, false});
    // the mean over the two counted positions: the rows alone, each a sequence of one
    const ch09::CrossEntropy row0 = ch09::sequence_cross_entropy(xt::view(logits, xt::range(0, 1), xt::all()), {1});
    const ch09::CrossEntropy row2 = ch09::sequence_cross_entropy(xt::view(logits, xt::range(2, 3), xt::all()), {0});
    REQUIRE_THAT(some.loss, Catch::Matchers::WithinAbs((row0.loss + row2.loss) / 2, 1e-12));
    for (std::size_t j = 0; j < 6; ++j) {
        CAPTURE(j);
        REQUIRE(some.d_logits(1, j) == 0.0);
        REQUIRE(some.d_logits(3, j) == 0.0);
        REQUIRE_THAT(some.d_logits(0, j), Catch::Matchers::WithinAbs(row0.d_logits(0, j) / 2, 1e-15));
    }
}

TEST_CASE("9.2 bad logits, targets or counted throw std::invalid_argument, each on its own", "[ch09][9.2]") {
    const wb::Matrix logits = wb::ref::random_matrix(1, 3, 4);
    const std::vector<std::size_t> targets = {0, 3, 1};
    REQUIRE_NOTHROW(ch09::sequence_cross_entropy(logits, targets));
    REQUIRE_NOTHROW(ch09::sequence_cross_entropy(logits, targets, {false, true, false}));
    SECTION("T = 0") {
        REQUIRE_THROWS_MATCHES(ch09::sequence_cross_entropy(xt::zeros<double>({0, 4}), {}), std::invalid_argument,
                               Says("sequence_cross_entropy:"));
    }
    SECTION("V = 0") {
        REQUIRE_THROWS_MATCHES(ch09::sequence_cross_entropy(xt::zeros<double>({3, 0}), {0, 0, 0}),
                               std::invalid_argument, Says("sequence_cross_entropy:"));
    }
    SECTION("targets whose size is not T") {
        REQUIRE_THROWS_MATCHES(ch09::sequence_cross_entropy(logits, {0, 3}), std::invalid_argument,
                               Says("sequence_cross_entropy:"));
        REQUIRE_THROWS_MATCHES(ch09::sequence_cross_entropy(logits, {0, 3, 1, 1}), std::invalid_argument,
                               Says("sequence_cross_entropy:"));
    }
    SECTION("counted whose size is not T") {
        REQUIRE_THROWS_MATCHES(ch09::sequence_cross_entropy(logits, targets, {true, true}), std::invalid_argument,
                               Says("sequence_cross_entropy:"));
    }
    SECTION("a target >= V") {
        REQUIRE_THROWS_MATCHES(ch09::sequence_cross_entropy(logits, {0, 4, 1}), std::invalid_argument,
                               Says("sequence_cross_entropy:"));
    }
    SECTION("no position counted") {
        REQUIRE_THROWS_MATCHES(ch09::sequence_cross_entropy(logits, targets, {false, false, false}),
                               std::invalid_argument, Says("sequence_cross_entropy:"));
    }
    SECTION("a logit that is not finite") {
        for (const double bad : {std::nan(""), HUGE_VAL, -HUGE_VAL}) {
            wb::Matrix z = logits;
            z(1, 2) = bad;
            CAPTURE(bad);
            REQUIRE_THROWS_MATCHES(ch09::sequence_cross_entropy(z, targets), std::invalid_argument,
                                   Says("sequence_cross_entropy:"));
        }
    }
}
