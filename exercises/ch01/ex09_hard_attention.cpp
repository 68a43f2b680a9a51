// Exercise 1.9 - hard attention, all weight on the largest score (stretch)
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   scores (T_q, T_k)  ->  weights (T_q, T_k): in each row a 1 at the largest score, 0 elsewhere.
//   On a tie the first largest wins, as torch.argmax does.
//
// Check it:  ./workbook check 1.9   (or: cmake --build build -t check-1.9)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.9", has hints.
#include "ch01/ch01.hpp"

#include <xtensor/xsort.hpp>  // xt::argmax (or write the loop)

namespace ch01 {

Matrix hard_attention(const Matrix& scores) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.9", "hard_attention");
}

}  // namespace ch01
