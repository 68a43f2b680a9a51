// wb/ops.hpp - the operations Chapter 1 taught, ready-made for Chapters 2 onwards.
//
// Contract: once a chapter has had the learner write an operation, later chapters use it from
// here instead of asking for it again: a shape-checked matrix product and the stable softmax over
// the last axis. These are reference implementations, written plainly; exercises may call them.
// Not here: anything a later chapter teaches (projections, masks, heads) - that stays in its
// chapter's exercises.
#pragma once

#include "wb/tensor.hpp"

namespace wb {

// a (n, k) @ b (k, m)  ->  (n, m). Inner sizes that differ throw std::invalid_argument naming
// both shapes, e.g. "matmul: (6, 3) @ (2, 2): inner sizes 3 and 2 differ".
Matrix matmul(const Matrix& a, const Matrix& b);

// The stable softmax of every row of the last axis: (..., n) -> (..., n), each row summing to 1.
// Entries of -inf get weight 0. A row whose entries are all -inf has no finite score to
// normalise, and becomes NaN, exactly as torch.softmax does (Chapter 3 discusses this case).
// An empty last axis throws std::invalid_argument.
Matrix softmax_rows(const Matrix& scores);    // (T_q, T_k)
Tensor3 softmax_last(const Tensor3& scores);  // (B, T_q, T_k)
Tensor4 softmax_last(const Tensor4& scores);  // (B, H, T_q, T_k)

}  // namespace wb
