// common: the tensor matcher (tests/support/tensor_matcher.hpp) must fail when it should, and
// say why in the words a learner needs.
#include "support/catch.hpp"

#include <limits>

#include "support/tensor_matcher.hpp"
#include "wb/tensor.hpp"

using wb::test::compare_tensors;

TEST_CASE("matcher.compare accepts equal tensors and values within tolerance", "[common][matcher]") {
    bool equal = false;
    compare_tensors(wb::Matrix{{1, 2}, {3, 4}}, wb::Matrix{{1, 2}, {3, 4 + 1e-9}}, 1e-6, 0, &equal);
    CHECK(equal);
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    compare_tensors(wb::Vector{nan, inf, -inf}, wb::Vector{nan, inf, -inf}, 1e-6, 0, &equal);
    CHECK(equal);
}

TEST_CASE("matcher.compare checks the shape before the values", "[common][matcher]") {
    bool equal = true;
    const std::string report = compare_tensors(wb::Matrix{{1, 2, 3}}, wb::Matrix{{1}, {2}, {3}}, 1e-6, 0, &equal);
    CHECK_FALSE(equal);
    CHECK(report == "has the wrong shape: actual (3, 1), expected (1, 3)");
}

TEST_CASE("matcher.compare names the largest error, where it is, and marks the wrong cells", "[common][matcher]") {
    bool equal = true;
    const wb::Matrix expected{{0.1, 0.2, 0.7}, {0.3, 0.3, 0.4}};
    const wb::Matrix actual{{0.1, 0.2, 0.7}, {0.3, 0.5, 0.2}};
    const std::string report = compare_tensors(expected, actual, 1e-6, 0, &equal);
    CHECK_FALSE(equal);
    CHECK_THAT(report, wb::test::Contains("2 of 6 values are off"));
    CHECK_THAT(report, wb::test::Contains("largest error 0.2 at [1, 1]: expected 0.300000, actual 0.500000"));
    CHECK_THAT(report, wb::test::Contains("0.500000*"));
    CHECK_THAT(report, wb::test::Contains("0.200000*"));
    CHECK_THAT(report, !wb::test::Contains("0.700000*"));
}

TEST_CASE("matcher.compare treats NaN against a number as wrong", "[common][matcher]") {
    bool equal = true;
    const std::string report = compare_tensors(
        wb::Vector{0.5, 0.5}, wb::Vector{std::numeric_limits<double>::quiet_NaN(), 0.5}, 1e-6, 0, &equal);
    CHECK_FALSE(equal);
    CHECK_THAT(report, wb::test::Contains("at [0]: expected 0.500000, actual nan"));
}

TEST_CASE("matcher.compare shows the 2-D slice of a 3-D tensor that holds the worst error", "[common][matcher]") {
    xt::xtensor<double, 3> expected = xt::zeros<double>({3, 2, 2});
    xt::xtensor<double, 3> actual = expected;
    actual(2, 1, 0) = 9.0;
    bool equal = true;
    const std::string report = compare_tensors(expected, actual, 1e-6, 0, &equal);
    CHECK_FALSE(equal);
    CHECK_THAT(report, wb::test::Contains("at [2, 1, 0]"));
    CHECK_THAT(report, wb::test::Contains("slice [2, :, :]"));
}

TEST_CASE("matcher.Equals works inside REQUIRE_THAT on fixed-rank tensors", "[common][matcher]") {
    REQUIRE_THAT(wb::Vector({1.0, 2.0}), wb::test::Equals(wb::Vector{1.0, 2.0}));
    REQUIRE_THAT(wb::Matrix({{1.0}}), !wb::test::Equals(wb::Matrix{{1.5}}));
}
