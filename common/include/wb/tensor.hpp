// wb/tensor.hpp - the tensor types the whole workbook uses, and the "not done yet" error.
//
// Contract: every tensor in the workbook is an xt::xtensor<double, N> with a fixed rank, so a
// wrong rank is a compile error instead of a surprise at run time. Shapes use one vocabulary:
// B (batch), T (tokens), d_in, d_out, H (heads), hd (head dimension).
// Not here: any maths. Exercises and solutions do the maths; common/ shows and checks it, and
// wb/ops.hpp hands later chapters the operations Chapter 1 already taught.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include <xtensor/xtensor.hpp>

#include "wb/xtl_sequence_fix.hpp"  // optimised builds: no false warnings from xtl

namespace wb {

using Vector = xt::xtensor<double, 1>;   // (n)
using Matrix = xt::xtensor<double, 2>;   // (rows, cols)
using Tensor3 = xt::xtensor<double, 3>;  // e.g. (B, T, d_out)
using Tensor4 = xt::xtensor<double, 4>;  // e.g. (B, H, T, hd)

// Thrown by every untouched exercise stub. The message names the exercise and the file to open.
class NotDoneYet : public std::logic_error {
  public:
    NotDoneYet(const std::string& exercise_id, const std::string& function, const char* file);
};

// The path of `file` relative to the workbook's root, for messages ("exercises/ch01/...").
std::string relative_to_workbook(const std::string& file);

}  // namespace wb

// Used as the body of an exercise stub: delete this line when you start the exercise.
#define WB_NOT_DONE_YET(exercise_id, function) throw ::wb::NotDoneYet(exercise_id, function, __FILE__)
