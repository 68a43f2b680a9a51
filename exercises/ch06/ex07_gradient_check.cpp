// Exercise 6.7 - A central finite-difference gradient checker
//
// Contract (the declaration is in exercises/ch06/ch06.hpp):
//   f, x (n), analytic (n), step h  ->  GradientCheck{numerical (n) with numerical(i) =
//   (f(x + h e_i) - f(x - h e_i)) / (2h), max_relative_error = the largest
//   |a_i - n_i| / max(|a_i|, |n_i|, 1e-8)}. n = 0 gives an empty gradient and error 0. A step that is
//   not a finite number > 0, or an analytic gradient of another size, throws std::invalid_argument.
//
// Check it:  ./workbook check 6.7   (or: cmake --build build -t check-6.7)
// Stuck?     docs/06-learning-to-attend.md, section "Exercise 6.7", has hints.
#include "ch06/ch06.hpp"

#include <algorithm>     // std::max
#include <cmath>         // std::fabs, std::isfinite
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch06 {

GradientCheck gradient_check(const std::function<double(const Vector&)>& f, const Vector& x, const Vector& analytic,
                             double step) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("6.7", "gradient_check");
}

}  // namespace ch06
