// Exercise 3.6 - the padding mask, combined with the causal mask
//
// Contract (the declaration is in exercises/ch03/ch03.hpp):
//   lengths (B), T  ->  mask (B, T, T): mask(b, i, j) = 1 when j <= i AND j < lengths[b] (key j is
//   neither in the future nor padding), else 0. A length above T throws
//   std::invalid_argument showing the length and T.
//
// Check it:  ./workbook check 3.6   (or: cmake --build build -t check-3.6)
// Stuck?     docs/03-causal-attention.md, section "Exercise 3.6", has hints.
#include "ch03/ch03.hpp"

#include <stdexcept>  // std::invalid_argument

#include <fmt/format.h>          // fmt::format, for error messages
#include <xtensor/xbuilder.hpp>  // xt::zeros

#include "wb/print.hpp"  // wb::shape_of, for error messages

namespace ch03 {

Tensor3 padding_causal_mask(const std::vector<std::size_t>& lengths, std::size_t T) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("3.6", "padding_causal_mask");
}

}  // namespace ch03
