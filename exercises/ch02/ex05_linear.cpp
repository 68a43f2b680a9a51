// Exercise 2.5 - a linear layer, as nn.Linear computes it
//
// Contract (the declaration is in exercises/ch02/ch02.hpp):
//   layer.weight (d_out, d_in), layer.bias (d_out) or empty, inputs (T, d_in)  ->  outputs (T, d_out)
//     outputs = inputs @ weight^T + bias     (the same bias added to every row)
//   The weight is stored (d_out, d_in), one row per output feature, as PyTorch stores it: note the
//   transpose. An empty bias adds nothing. Inputs whose width is not d_in throw std::invalid_argument
//   naming the inputs' and the weight's shapes; a bias that is neither empty nor of size d_out throws
//   one naming the bias's shape as wb::shape_of (wb/print.hpp) writes it, e.g. "(3,)".
//
// Check it:  ./workbook check 2.5   (or: cmake --build build -t check-2.5)
// Stuck?     docs/02-self-attention.md, section "Exercise 2.5", has hints.
#include "ch02/ch02.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>  // xt::transpose

#include "wb/ops.hpp"    // wb::matmul
#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch02 {

Matrix linear(const Linear& layer, const Matrix& inputs) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("2.5", "linear");
}

}  // namespace ch02
