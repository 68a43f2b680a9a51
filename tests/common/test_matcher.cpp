// common: the tensor matcher (tests/support/tensor_matcher.hpp) must fail when it should, and
// say why in the words a learner needs.
#include "support/catch.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "support/tensor_matcher.hpp"
#include "wb/tensor.hpp"

using wb::test::compare_tensors;

namespace {
// The tests below read the report's words, not its layout, so they lay it out 160 columns wide
// whatever width Catch wraps at (160 with Catch2 2, 80 with Debian 13's Catch2 3): no phrase is
// split across lines. The layout tests further down set their widths themselves.
std::string wide_report(const xt::xarray<double>& expected, const xt::xarray<double>& actual, double abs_tolerance,
                        double rel_tolerance, bool* equal) {
    wb::test::MatchOptions options;
    options.abs_tolerance = abs_tolerance;
    options.rel_tolerance = rel_tolerance;
    options.columns = 160;
    return compare_tensors(expected, actual, options, equal);
}
}  // namespace

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
    const std::string report = wide_report(wb::Matrix{{1, 2, 3}}, wb::Matrix{{1}, {2}, {3}}, 1e-6, 0, &equal);
    CHECK_FALSE(equal);
    CHECK_THAT(report, wb::test::Contains("\nhas the wrong shape: actual (3, 1), expected (1, 3)"));
    CHECK_THAT(report, wb::test::Contains("likely mistake: actual has the shape of expected with its last two axes "
                                          "swapped"));
    CHECK(wide_report(wb::Matrix{{1, 2, 3}}, wb::Matrix{{1, 2}}, 1e-6, 0, &equal) ==
          "has the wrong shape: actual (1, 2), expected (1, 3)");
}

TEST_CASE("matcher.compare names the largest error, where it is, and marks the wrong cells", "[common][matcher]") {
    bool equal = true;
    const wb::Matrix expected{{0.1, 0.2, 0.7}, {0.3, 0.3, 0.4}};
    const wb::Matrix actual{{0.1, 0.2, 0.7}, {0.3, 0.5, 0.2}};
    const std::string report = wide_report(expected, actual, 1e-6, 0, &equal);
    CHECK_FALSE(equal);
    CHECK_THAT(report, wb::test::Contains("2 of 6 values are off"));
    CHECK_THAT(report, wb::test::Contains("largest error 0.2 at [1, 1]: expected 0.300000, actual 0.500000"));
    CHECK_THAT(report, wb::test::Contains("0.500000*"));
    CHECK_THAT(report, wb::test::Contains("0.200000*"));
    CHECK_THAT(report, !wb::test::Contains("0.700000*"));
}

TEST_CASE("matcher.compare treats NaN against a number as wrong", "[common][matcher]") {
    bool equal = true;
    const std::string report =
        wide_report(wb::Vector{0.5, 0.5}, wb::Vector{std::numeric_limits<double>::quiet_NaN(), 0.5}, 1e-6, 0, &equal);
    CHECK_FALSE(equal);
    CHECK_THAT(report, wb::test::Contains("actual is NaN at [0]: expected 0.500000, actual nan"));
    CHECK_THAT(report, !wb::test::Contains("error inf"));
}

TEST_CASE("matcher.compare shows the 2-D slice of a 3-D tensor that holds the worst error", "[common][matcher]") {
    xt::xtensor<double, 3> expected = xt::zeros<double>({3, 2, 2});
    xt::xtensor<double, 3> actual = expected;
    actual(2, 1, 0) = 9.0;
    bool equal = true;
    const std::string report = wide_report(expected, actual, 1e-6, 0, &equal);
    CHECK_FALSE(equal);
    CHECK_THAT(report, wb::test::Contains("at [2, 1, 0]"));
    CHECK_THAT(report, wb::test::Contains("slice [2, :, :]"));
}

TEST_CASE("matcher.Equals works inside REQUIRE_THAT on fixed-rank tensors", "[common][matcher]") {
    REQUIRE_THAT(wb::Vector({1.0, 2.0}), wb::test::Equals(wb::Vector{1.0, 2.0}));
    REQUIRE_THAT(wb::Matrix({{1.0}}), !wb::test::Equals(wb::Matrix{{1.5}}));
}

namespace {

using wb::test::Contains;
using wb::test::MatchOptions;

std::string report_of(const xt::xarray<double>& expected, const xt::xarray<double>& actual, MatchOptions options = {}) {
    bool equal = true;
    if (options.columns == 0) options.columns = 160;  // words, not layout (see wide_report)
    const std::string report = compare_tensors(expected, actual, options, &equal);
    CHECK_FALSE(equal);
    return report;
}

MatchOptions weights_options() {
    MatchOptions o;
    o.weights = true;
    return o;
}

// Softmax rows of `scores`, by a loop.
wb::Matrix softmax_rows(const wb::Matrix& scores) {
    wb::Matrix out = scores;
    for (std::size_t i = 0; i < scores.shape(0); ++i) {
        double total = 0.0;
        for (std::size_t j = 0; j < scores.shape(1); ++j) total += (out(i, j) = std::exp(scores(i, j)));
        for (std::size_t j = 0; j < scores.shape(1); ++j) out(i, j) /= total;
    }
    return out;
}

const wb::Matrix scores{{0.3, -1.2, 0.8, 0.1}, {1.5, 0.2, -0.4, 0.9}, {-0.7, 0.6, 0.0, 1.1}, {0.4, 0.4, -1.0, 2.0}};

bool line_count_fits(const std::string& report, std::size_t columns) {
    std::istringstream in(report);
    std::string line;
    while (std::getline(in, line))
        if (line.size() + 3 > columns) return false;
    return true;
}

}  // namespace

TEST_CASE("matcher.diagnose says nothing when the tensors are equal, or on an unrelated error", "[common][matcher]") {
    const wb::Matrix weights = softmax_rows(scores);
    CHECK(wb::test::diagnose(weights, weights, weights_options()).empty());
    wb::Matrix off = weights;
    off(1, 2) += 0.01;
    off(1, 3) -= 0.01;  // rows still sum to 1
    const std::string report = report_of(weights, off, weights_options());
    CHECK_THAT(report, !Contains("likely mistake"));
}

TEST_CASE("matcher.diagnose names NaN where a number is expected, and inf", "[common][matcher]") {
    const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
    const std::string report = report_of(wb::Matrix{{0.5, 0.5}, {0.2, 0.8}}, wb::Matrix{{0.5, 0.5}, {nan, nan}});
    CHECK_THAT(report, Contains("likely mistake: NaN in 2 of 4 values (the first at [1, 0])"));
    CHECK_THAT(report, Contains("actual is NaN at [1, 0]"));
    CHECK_THAT(report, !Contains("largest error inf"));
    CHECK_THAT(report_of(wb::Vector{1.0, 2.0}, wb::Vector{inf, 2.0}), Contains("likely mistake: inf in 1 of 2 values"));
    CHECK_THAT(report_of(wb::Vector{1.0, 2.0}, wb::Vector{1.0, 2.5}), !Contains("NaN in"));
}

TEST_CASE("matcher.diagnose names a transpose, of the values or of the shape", "[common][matcher]") {
    const wb::Matrix weights = softmax_rows(scores);
    const wb::Matrix transposed = xt::transpose(weights);
    CHECK_THAT(report_of(weights, transposed, weights_options()),
               Contains("likely mistake: actual is the transpose of expected (rows and columns swapped): normalised "
                        "over the wrong axis?"));
    CHECK_THAT(report_of(weights, transposed), Contains("actual is the transpose of expected"));
    const wb::Matrix wide{{1, 2, 3}, {4, 5, 6}};
    CHECK_THAT(report_of(wide, xt::transpose(wide)), Contains("its last two axes swapped"));
    // A different error on a square matrix is not called a transpose.
    wb::Matrix off = weights;
    off(0, 1) = 0.9;
    CHECK_THAT(report_of(weights, off), !Contains("transpose"));
    CHECK_THAT(report_of(wide, wb::Matrix{{1}, {2}}), !Contains("swapped"));
}

// A matcher that knows the factor 1/sqrt(d_k), as the test programs of Chapters 2 to 7 do.
MatchOptions scale_options(MatchOptions o = {}) {
    o.factors = {wb::test::inverse_sqrt_factor("d_k")};
    return o;
}

TEST_CASE("matcher.diagnose names a known factor only when it is one: 1/sqrt(d_k) forgotten or twice",
          "[common][matcher]") {
    const wb::Matrix expected = scores;
    CHECK(wb::test::chapter_factors().empty());  // this program's chapter knows none
    const wb::Matrix unscaled = expected * std::sqrt(8.0);
    CHECK_THAT(report_of(expected, unscaled, scale_options()),
               Contains("likely mistake: actual is expected times 2.82843 in every value: the factor 1/sqrt(d_k) "
                        "(d_k = 8) forgotten?"));
    CHECK_THAT(report_of(expected, wb::Matrix(expected / 2.0), scale_options()),
               Contains("times 0.5 in every value: the factor 1/sqrt(d_k) (d_k = 4) applied twice?"));
    // A single known factor, by its value.
    MatchOptions words;
    words.factors = {wb::test::KnownFactor{"1/words", "", 1.0 / 12.0, nullptr}};
    CHECK_THAT(report_of(expected, wb::Matrix(expected * 12.0), words),
               Contains("times 12 in every value: the factor 1/words forgotten?"));
}

TEST_CASE("matcher.diagnose says the sign is flipped for a factor of -1, known factors or not", "[common][matcher]") {
    const wb::Matrix expected = scores;
    for (const MatchOptions& options : {MatchOptions{}, scale_options()}) {
        const std::string report = report_of(expected, wb::Matrix(-expected), options);
        CHECK_THAT(report,
                   Contains("likely mistake: actual is expected times -1 in every value: the sign is flipped?"));
        CHECK_THAT(report, !Contains("sqrt"));
        CHECK_THAT(report, !Contains("same factor"));
    }
}

TEST_CASE("matcher.diagnose guesses no cause for a factor the chapter does not know", "[common][matcher]") {
    const wb::Matrix expected = scores;
    // No known factors: even sqrt(8) is only a factor.
    const std::string unscaled = report_of(expected, wb::Matrix(expected * std::sqrt(8.0)));
    CHECK_THAT(unscaled, Contains("likely mistake: actual is expected times 2.82843 in every value: every value off "
                                  "by the same factor"));
    CHECK_THAT(unscaled, !Contains("sqrt"));
    CHECK_THAT(unscaled, !Contains("forgotten"));
    // 1/sqrt(d_k) known, but the factor is not one of its values (a sum not rescaled, say).
    const std::string other = report_of(expected, wb::Matrix(expected * 0.731), scale_options());
    CHECK_THAT(other, Contains("times 0.731 in every value: every value off by the same factor"));
    CHECK_THAT(other, !Contains("sqrt"));
    wb::Matrix nearly = expected * std::sqrt(8.0);
    nearly(2, 2) += 0.5;  // not one factor everywhere
    CHECK_THAT(report_of(expected, nearly, scale_options()), !Contains("times"));
}

TEST_CASE("matcher.diagnose names a row that is another row of expected: the wrong query's", "[common][matcher]") {
    const wb::Matrix expected = scores;
    wb::Matrix actual = expected;
    for (std::size_t j = 0; j < 4; ++j) actual(2, j) = expected(1, j);
    CHECK_THAT(report_of(expected, actual), Contains("likely mistake: row 2 of actual equals row 1 of expected: "
                                                     "computed for the wrong query"));
    const wb::Matrix reversed{
        {0.4, 0.4, -1.0, 2.0}, {-0.7, 0.6, 0.0, 1.1}, {1.5, 0.2, -0.4, 0.9}, {0.3, -1.2, 0.8, 0.1}};
    CHECK_THAT(report_of(expected, reversed), Contains("every wrong row of actual is another row of expected"));
    xt::xtensor<double, 3> heads = xt::zeros<double>({2, 2, 3});
    for (std::size_t k = 0; k < heads.size(); ++k) heads.data()[k] = 0.1 * static_cast<double>(k * k);
    xt::xtensor<double, 3> swapped = heads;
    for (std::size_t j = 0; j < 3; ++j) std::swap(swapped(0, 1, j), swapped(1, 1, j));
    CHECK_THAT(report_of(heads, swapped), Contains("row [0, 1] is expected's row [1, 1]"));
    wb::Matrix off = expected;
    off(2, 0) = 7.0;
    CHECK_THAT(report_of(expected, off), !Contains("row 2 of actual equals"));
}

TEST_CASE("matcher.diagnose names columns that are another column of expected: heads in the wrong order",
          "[common][matcher]") {
    xt::xtensor<double, 3> context = xt::zeros<double>({2, 3, 4});  // (B, T, H*hd) with H = 2, hd = 2
    for (std::size_t k = 0; k < context.size(); ++k) context.data()[k] = std::sin(1.0 + static_cast<double>(k));
    xt::xtensor<double, 3> swapped = context;
    for (std::size_t b = 0; b < 2; ++b)
        for (std::size_t t = 0; t < 3; ++t)
            for (std::size_t k = 0; k < 2; ++k) std::swap(swapped(b, t, k), swapped(b, t, k + 2));
    CHECK_THAT(report_of(context, swapped), Contains("likely mistake: column 0 of actual (along the last axis) equals "
                                                     "column 2 of expected, and every other wrong column is another "
                                                     "column too"));
    xt::xtensor<double, 3> off = context;
    off(1, 2, 3) += 1.0;
    CHECK_THAT(report_of(context, off), !Contains("column 3 of actual"));
}

TEST_CASE("matcher.weights() prints row sums that are not 1 and names the wrong axis", "[common][matcher]") {
    const wb::Matrix weights = softmax_rows(scores);
    wb::Matrix unnormalised = weights;
    unnormalised(0, 0) += 0.2;
    const std::string report = report_of(weights, unnormalised, weights_options());
    CHECK_THAT(report, Contains("likely mistake: rows of actual weights do not sum to 1: the sums are 1.2000, "
                                "1.0000, 1.0000, 1.0000"));
    CHECK_THAT(report, !Contains("columns sum to 1"));
    // Softmax down the columns: the columns sum to 1.
    wb::Matrix by_column = scores;
    for (std::size_t j = 0; j < 4; ++j) {
        double total = 0.0;
        for (std::size_t i = 0; i < 4; ++i) total += (by_column(i, j) = std::exp(scores(i, j)));
        for (std::size_t i = 0; i < 4; ++i) by_column(i, j) /= total;
    }
    CHECK_THAT(report_of(weights, by_column, weights_options()),
               Contains("the columns sum to 1: normalised over the wrong axis?"));
    // Without .weights() the sums are not a question.
    CHECK_THAT(report_of(weights, unnormalised), !Contains("do not sum to 1"));
}

TEST_CASE("matcher.weights() names softmax of scaled scores: the 1/sqrt(d_k) forgotten", "[common][matcher]") {
    const wb::Matrix expected = softmax_rows(scores / 2.0);
    CHECK_THAT(report_of(expected, softmax_rows(scores), scale_options(weights_options())),
               Contains("likely mistake: actual is the softmax of the scores times 2, not of the scores: the factor "
                        "1/sqrt(d_k) (d_k = 4) forgotten?"));
    CHECK_THAT(report_of(softmax_rows(scores), softmax_rows(scores / std::sqrt(3.0)), scale_options(weights_options())),
               Contains("times 0.57735, not of the scores: the factor 1/sqrt(d_k) (d_k = 3) applied twice?"));
    // Without the factor known: no cause guessed.
    const std::string unknown = report_of(expected, softmax_rows(scores), weights_options());
    CHECK_THAT(unknown, Contains("times 2, not of the scores: every score off by the same factor"));
    CHECK_THAT(unknown, !Contains("sqrt"));
    wb::Matrix other = softmax_rows(scores);
    other(0, 0) += 0.1;
    other(0, 1) -= 0.1;
    CHECK_THAT(report_of(expected, other, weights_options()), !Contains("softmax of the scores times"));
}

TEST_CASE("matcher hints name an exercise's own mistake only when their test says so", "[common][matcher]") {
    const double inf = std::numeric_limits<double>::infinity();
    MatchOptions options;
    options.hints.emplace_back("exp(1000) overflows: subtract the row's largest score first", wb::test::has_nan);
    options.hints.emplace_back("never shown", [](const auto&, const auto&) { return false; });
    const std::string report = report_of(wb::Vector{0.5, 0.5}, wb::Vector{inf / inf, 0.5}, options);
    CHECK_THAT(report, Contains("likely mistake: exp(1000) overflows"));
    CHECK_THAT(report, !Contains("never shown"));
    CHECK_THAT(report_of(wb::Vector{0.5, 0.5}, wb::Vector{0.4, 0.6}, options), !Contains("exp(1000)"));
    CHECK(wb::test::rows_sum_to_one(wb::Matrix{}, wb::Matrix{{0.4, 0.6}, {1.0, 0.0}}));
    CHECK_FALSE(wb::test::rows_sum_to_one(wb::Matrix{}, wb::Matrix{{0.4, 0.7}}));
    CHECK(wb::test::has_non_finite(wb::Vector{}, wb::Vector{1.0, -inf}));
    CHECK_FALSE(wb::test::has_non_finite(wb::Vector{}, wb::Vector{1.0, 2.0}));
    REQUIRE_THAT(wb::Vector({0.4, 0.6}),
                 !wb::test::Equals(wb::Vector{0.5, 0.5}).weights().hint("a hint", wb::test::has_nan));
}

TEST_CASE("matcher layout: side by side when it fits the columns, else expected above actual", "[common][matcher]") {
    xt::xtensor<double, 2> expected = xt::zeros<double>({3, 9});
    for (std::size_t k = 0; k < expected.size(); ++k) expected.data()[k] = 0.1 * static_cast<double>(k);
    xt::xtensor<double, 2> actual = expected;
    actual(1, 7) = -5.0;
    MatchOptions options;
    SECTION("160 columns: side by side, six columns around the worst one") {
        options.columns = 160;
        const std::string report = report_of(expected, actual, options);
        CHECK_THAT(report, Contains("| actual (* = off)"));
        CHECK_THAT(report, Contains("columns 3..8 shown"));
        CHECK(line_count_fits(report, 160));
    }
    SECTION("80 columns: stacked, still six columns") {
        options.columns = 80;
        const std::string report = report_of(expected, actual, options);
        CHECK_THAT(report, !Contains("| actual"));
        CHECK_THAT(report, Contains("expected\n"));
        CHECK_THAT(report, Contains("actual (* = off)\n"));
        CHECK_THAT(report, Contains("-5.000000*"));
        CHECK(line_count_fits(report, 80));
    }
    SECTION("40 columns: stacked with fewer columns, the worst one among them") {
        options.columns = 40;
        const std::string report = report_of(expected, actual, options);
        CHECK_THAT(report, !Contains("| actual"));
        CHECK_THAT(report, Contains("-5.000000*"));
        CHECK_THAT(report, Contains("columns 6..8 shown"));
        // Data lines fit; the prose lines are wrapped to fit as well.
        CHECK(line_count_fits(report, 40));
    }
}

TEST_CASE("matcher layout reads the terminal width from WB_COLUMNS, capped at Catch's width", "[common][matcher]") {
    const char* saved = std::getenv("WB_COLUMNS");
    const std::string restore = saved ? saved : "";
    ::setenv("WB_COLUMNS", "80", 1);
    CHECK(wb::test::report_columns() == std::min<std::size_t>(80, wb::test::console_width));
    ::setenv("WB_COLUMNS", "100000", 1);
    CHECK(wb::test::report_columns() == wb::test::console_width);
    ::setenv("WB_COLUMNS", "wide", 1);
    CHECK(wb::test::report_columns() == wb::test::console_width);
    ::setenv("WB_COLUMNS", "5", 1);
    CHECK(wb::test::report_columns() == wb::test::console_width);
    ::unsetenv("WB_COLUMNS");
    CHECK(wb::test::report_columns() == wb::test::console_width);
    ::setenv("WB_COLUMNS", "60", 1);
    xt::xtensor<double, 2> expected = xt::zeros<double>({2, 6});
    xt::xtensor<double, 2> actual = expected;
    actual(0, 0) = 1.0;
    bool equal = true;
    const std::string report = compare_tensors(expected, actual, 1e-6, 0, &equal);
    CHECK_THAT(report, !Contains("| actual"));
    CHECK(line_count_fits(report, 60));
    if (saved)
        ::setenv("WB_COLUMNS", restore.c_str(), 1);
    else
        ::unsetenv("WB_COLUMNS");
}
