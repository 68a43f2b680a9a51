// Mutant of 5.4: reads W the other way round, s^T W^T h_j = h_j . (W s): it fits only a square W,
// and gives the wrong numbers for a square W that is not symmetric.
#include "ch05/ch05.hpp"

#include <xtensor/xview.hpp>

#include "wb/ops.hpp"

namespace ch05 {
Vector general_scores(const Vector& s, const Matrix& encoder_states, const Matrix& W) {
    Matrix s_column = xt::zeros<double>({s.size(), std::size_t{1}});
    xt::view(s_column, xt::all(), 0) = s;
    const Matrix projected = wb::matmul(W, s_column);             // (d_s, 1), needs W's columns = d_s
    const Matrix scores = wb::matmul(encoder_states, projected);  // (T_enc, 1)
    Vector out = xt::view(scores, xt::all(), 0);
    return out;
}
}  // namespace ch05
