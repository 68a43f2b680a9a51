// tests/support/tensor_matcher.hpp - a Catch2 matcher for tensors.
//
//   REQUIRE_THAT(actual, wb::test::Equals(expected));              // abs 1e-6 + rel 1e-6
//   REQUIRE_THAT(actual, wb::test::Equals(expected).within(1e-9, 0)); // abs, rel
//
// Compares the shape first, then every value with |actual - expected| <= abs + rel * |expected|
// (NaN equals NaN, inf equals inf of the same sign). On failure it says: both shapes; or how many
// values differ, the largest error and where it is, and expected and actual side by side with the
// wrong cells marked. For 3-D and 4-D tensors it shows the 2-D slice holding the largest error.
#pragma once

#include <string>

#include "support/catch.hpp"
#include <xtensor/xarray.hpp>
#include <xtensor/xtensor.hpp>

#include "wb/print.hpp"

namespace wb::test {

class TensorMatcher : public MatcherBase<xt::xarray<double>> {
  public:
    TensorMatcher(xt::xarray<double> expected, double abs_tolerance, double rel_tolerance)
        : expected_(std::move(expected)), abs_(abs_tolerance), rel_(rel_tolerance) {}
    TensorMatcher& within(double abs_tolerance, double rel_tolerance) {
        abs_ = abs_tolerance;
        rel_ = rel_tolerance;
        return *this;
    }
    bool match(const xt::xarray<double>& actual) const override;
    std::string describe() const override;

  private:
    xt::xarray<double> expected_;
    double abs_, rel_;
    mutable std::string report_;  // written by match(), read by describe()
};

template <class E> TensorMatcher Equals(const E& expected, double abs_tolerance = 1e-6, double rel_tolerance = 1e-6) {
    xt::xarray<double> values = expected;
    return TensorMatcher(std::move(values), abs_tolerance, rel_tolerance);
}

// The report match() writes, as a function, so it can be tested on its own.
std::string compare_tensors(const xt::xarray<double>& expected, const xt::xarray<double>& actual, double abs_tolerance,
                            double rel_tolerance, bool* equal);

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
