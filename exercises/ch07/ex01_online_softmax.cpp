// Exercise 7.1 - the online softmax
//
// Contract (the declaration is in exercises/ch07/ch07.hpp):
//   scores (n) -> {m, l, weights (n)}: ONE pass keeps a running maximum m and a normaliser l,
//   rescaling l by exp(m_old - m_new) whenever m grows (start: m = -inf, l = 0); a second pass
//   writes weights_j = exp(x_j - m) / l. Scores of 1000 must not overflow. -inf gets weight 0; all
//   -inf gives m = -inf, l = 0, weights 0. Empty scores, NaN or +inf throw std::invalid_argument.
//
// Check it:  ./workbook check 7.1   (or: cmake --build build -t check-7.1)
// Stuck?     docs/07-attention-at-scale.md, section "Exercise 7.1", has hints.
#include "ch07/ch07.hpp"

#include <cmath>
#include <limits>  // std::numeric_limits<double>::infinity()
#include <stdexcept>

#include <fmt/format.h>

namespace ch07 {

OnlineSoftmax online_softmax(const Vector& scores) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("7.1", "online_softmax");
}

}  // namespace ch07
