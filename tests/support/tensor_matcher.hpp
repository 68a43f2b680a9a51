// tests/support/tensor_matcher.hpp - a Catch2 matcher for tensors that names known mistakes.
//
//   REQUIRE_THAT(actual, wb::test::Equals(expected));                 // abs 1e-6 + rel 1e-6
//   REQUIRE_THAT(actual, wb::test::Equals(expected).within(1e-9, 0));  // abs, rel
//   REQUIRE_THAT(weights, wb::test::Equals(expected).weights());       // rows of actual should sum to 1
//   REQUIRE_THAT(weights, wb::test::Equals(expected).hint("subtract the row's max first", wb::test::has_nan));
//
// Compares the shape first, then every value with |actual - expected| <= abs + rel * |expected|
// (NaN equals NaN, inf equals inf of the same sign). On failure it says: both shapes; or how many
// values differ, the largest error and where it is, and expected and actual side by side with the
// wrong cells marked. For 3-D and 4-D tensors it shows the 2-D slice holding the largest error.
//
// Diagnoses: when a failure looks like a known mistake, the report starts with one line per
// mistake, "likely mistake: ...", above the numbers. Checked for every comparison:
//   NaN (or inf) where expected has numbers; actual is the transpose of expected (last two axes
//   swapped, values or shape); actual is expected times one constant (-1: the sign is flipped; one
//   of the chapter's known factors, see KnownFactor: that factor forgotten or applied twice; any other: every value off
//   by the same factor, no cause guessed); a row (along the last axis) of actual that equals a different row of
//   expected (the wrong query's).
// Opt-in: .weights() says the actual tensor is attention weights, so its rows must sum to 1
//   (the sums are printed when they do not, and a columns-sum-to-1 pattern is called the wrong
//   axis); softmax(c x scores) in place of softmax(scores) is named by its c. .hint(message, when)
//   adds an exercise's own known mistake: `when(expected, actual)` decides whether it applies.
//
// Layout: the report fits report_columns() columns (the environment variable WB_COLUMNS, which
// ./workbook sets to the terminal's width, capped at the width Catch wraps at; else that width):
// expected and actual side by side when both fit, else expected above actual, with as many
// columns shown as fit.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "support/catch.hpp"
#include <xtensor/xarray.hpp>
#include <xtensor/xtensor.hpp>

#include "wb/print.hpp"

namespace wb::test {

// A factor a chapter's code applies on purpose, such as 1/sqrt(d_k). When actual is expected times
// 1/factor or factor, the diagnosis names it: forgotten or applied twice. A family has `of_size` (the factor for a size
// n, tried for n = 2 to 4096, named as `size` = n); a single factor has `value`.
struct KnownFactor {
    std::string name;  // as the docs write it: "1/sqrt(d_k)"
    std::string size;  // "d_k", for a family
    double value = 0.0;
    double (*of_size)(double n) = nullptr;
};
// 1/sqrt(d_k), for every d_k.
KnownFactor inverse_sqrt_factor(const std::string& size = "d_k");
// The factors every matcher of this test program knows (MatchOptions starts from them): none,
// unless the chapter's test header adds its own with know_factor().
std::vector<KnownFactor>& chapter_factors();
inline bool know_factor(KnownFactor factor) {
    chapter_factors().push_back(std::move(factor));
    return true;
}

// A predicate on (expected, actual) that decides whether a hint applies.
using HintWhen = std::function<bool(const xt::xarray<double>& expected, const xt::xarray<double>& actual)>;

struct MatchOptions {
    double abs_tolerance = 1e-6, rel_tolerance = 1e-6;
    bool weights = false;     // actual's rows (last axis) must sum to 1
    std::size_t columns = 0;  // width of the report; 0 = report_columns()
    std::vector<KnownFactor> factors = chapter_factors();
    std::vector<std::pair<std::string, HintWhen>> hints;
};

class TensorMatcher : public MatcherBase<xt::xarray<double>> {
  public:
    TensorMatcher(xt::xarray<double> expected, double abs_tolerance, double rel_tolerance)
        : expected_(std::move(expected)) {
        options_.abs_tolerance = abs_tolerance;
        options_.rel_tolerance = rel_tolerance;
    }
    TensorMatcher& within(double abs_tolerance, double rel_tolerance) {
        options_.abs_tolerance = abs_tolerance;
        options_.rel_tolerance = rel_tolerance;
        return *this;
    }
    TensorMatcher& weights() {
        options_.weights = true;
        return *this;
    }
    TensorMatcher& hint(std::string message, HintWhen when) {
        options_.hints.emplace_back(std::move(message), std::move(when));
        return *this;
    }
    bool match(const xt::xarray<double>& actual) const override;
    std::string describe() const override;

  private:
    xt::xarray<double> expected_;
    MatchOptions options_;
    mutable std::string report_;  // written by match(), read by describe()
};

template <class E> TensorMatcher Equals(const E& expected, double abs_tolerance = 1e-6, double rel_tolerance = 1e-6) {
    xt::xarray<double> values = expected;
    return TensorMatcher(std::move(values), abs_tolerance, rel_tolerance);
}

// The report match() writes, as a function, so it can be tested on its own.
std::string compare_tensors(const xt::xarray<double>& expected, const xt::xarray<double>& actual,
                            const MatchOptions& options, bool* equal);
std::string compare_tensors(const xt::xarray<double>& expected, const xt::xarray<double>& actual, double abs_tolerance,
                            double rel_tolerance, bool* equal);

// The "likely mistake: ..." lines alone (empty when none applies or the tensors are equal).
std::vector<std::string> diagnose(const xt::xarray<double>& expected, const xt::xarray<double>& actual,
                                  const MatchOptions& options);

// Columns the report may use: WB_COLUMNS when it is a number from 20 up, capped at
// console_width (Catch wraps longer lines); console_width otherwise.
std::size_t report_columns();

// Ready-made predicates for .hint().
bool has_nan(const xt::xarray<double>& expected, const xt::xarray<double>& actual);          // NaN in actual
bool has_non_finite(const xt::xarray<double>& expected, const xt::xarray<double>& actual);   // NaN or +-inf
bool rows_sum_to_one(const xt::xarray<double>& expected, const xt::xarray<double>& actual);  // last axis, 1e-9

}  // namespace wb::test

// Catch prints the matched value before the matcher's description: keep that to the shape.
namespace Catch {
template <class T, std::size_t N> struct is_range<xt::xtensor<T, N>> { static const bool value = false; };
template <class T> struct is_range<xt::xarray<T>> { static const bool value = false; };
template <class T, std::size_t N> struct StringMaker<xt::xtensor<T, N>> {
    static std::string convert(const xt::xtensor<T, N>& t) { return "tensor " + wb::shape_of(t); }
};
template <class T> struct StringMaker<xt::xarray<T>> {
    static std::string convert(const xt::xarray<T>& t) { return "tensor " + wb::shape_of(t); }
};
}  // namespace Catch
