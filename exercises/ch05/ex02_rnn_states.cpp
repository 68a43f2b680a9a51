// Exercise 5.2 - the encoder: every hidden state of a sequence
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   weights, inputs (T, d_in), h_0 (d_hidden)  ->  states (T, d_hidden): row t is the state after
//   reading row t of inputs, the first step starting from h_0. Keep every state, not only the last:
//   attention needs them all. Call your rnn_cell (5.1). Sizes that do not fit throw
//   std::invalid_argument; T = 0 gives a (0, d_hidden) matrix.
//
// Check it:  ./workbook check 5.2   (or: cmake --build build -t check-5.2)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.2", has hints.
#include "ch05/ch05.hpp"

#include <fmt/format.h>       // fmt::format, for the error messages
#include <stdexcept>          // std::invalid_argument
#include <xtensor/xview.hpp>  // xt::view(m, t, xt::all())

namespace ch05 {

Matrix rnn_states(const RnnWeights& weights, const Matrix& inputs, const Vector& h_0) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.2", "rnn_states");
}

}  // namespace ch05
