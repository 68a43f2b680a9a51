// Exercise 3.8 (stretch) - PyTorch's dropout mask, drawn from the raw generator
//
// Contract (the declaration is in exercises/ch03/ch03.hpp):
//   engine, rows, cols, p in [0, 1]  ->  keep (rows, cols) of 0/1, as nn.Dropout(p) draws it: per
//   element, row-major, two 32-bit words a then b; u = (((a << 32) | b) & (2^53 - 1)) / 2^53; keep
//   when u < 1 - p. p = 0 and p = 1 draw no words at all. p outside [0, 1] (or NaN) throws
//   std::invalid_argument showing p.
//
// Check it:  ./workbook check 3.8   (or: cmake --build build -t check-3.8)
// Stuck?     docs/03-causal-attention.md, section "Exercise 3.8", has hints.
#include "ch03/ch03.hpp"

#include <cmath>      // std::ldexp
#include <cstdint>    // std::uint64_t
#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>          // fmt::format, for error messages
#include <xtensor/xbuilder.hpp>  // xt::zeros, xt::ones

#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch03 {

Matrix dropout_keep_mask(std::mt19937& engine, std::size_t rows, std::size_t cols, double p) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("3.8", "dropout_keep_mask");
}

}  // namespace ch03
