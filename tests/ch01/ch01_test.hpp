// tests/ch01/ch01_test.hpp - what every Chapter 1 test file shares.
//
// Each test file checks one exercise, tagged [ch01][1.N]: against the stored PyTorch outputs for
// the chapter's sentence (tests/expected/ch01.json, made by tests/torch/make_expected.py), and
// against properties on random inputs of random shapes, so a hard-coded answer cannot pass.
#pragma once

#include "support/catch.hpp"

#include "ch01/ch01.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/expected.hpp"

namespace ch01_test {

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch01");
    return outputs;
}

using wb::test::Equals;
using wb::test::Says;

// The stable softmax's known mistakes, named above the matcher's report when they show.
inline bool overflowed(const xt::xarray<double>& expected, const xt::xarray<double>& actual) {
    return wb::test::has_non_finite(expected, actual);
}
inline constexpr const char* missing_max_subtraction =
    "exp() of a large score overflowed (exp(710) is inf, and inf/inf is NaN): subtract the largest score (each "
    "row's own) before exp - the largest, not the smallest, so every exponent is <= 0";
inline constexpr const char* lazy_keep_dims =
    "each row sums to 1, but its values are wrong: a lazy xt::amax(scores, {1}, xt::keep_dims) used inside a "
    "larger expression? xtensor 0.24.3 reads wrong numbers there; store it in a Matrix first "
    "(docs/xtensor-pitfalls.md, section 1)";

// Attention weights (rows sum to 1) compared with the diagnoses of 1.4 and 1.7.
template <class E> wb::test::TensorMatcher WeightsEqual(const E& expected, double abs_tolerance = 1e-12) {
    return Equals(expected, abs_tolerance)
        .weights()
        .hint(missing_max_subtraction, overflowed)
        .hint(lazy_keep_dims, [](const xt::xarray<double>& e, const xt::xarray<double>& a) {
            return e.dimension() == 2 && !wb::test::has_non_finite(e, a) && wb::test::rows_sum_to_one(e, a);
        });
}

}  // namespace ch01_test
