// Exercise 5.1 - one step of the Elman RNN cell
//
// Contract (the declaration is in exercises/ch05/ch05.hpp):
//   weights, x_t (d_in), h_prev (d_hidden)  ->  h_t (d_hidden) =
//       tanh(weight_ih x_t + bias_ih + weight_hh h_prev + bias_hh)
//   exactly one step of torch.nn.RNN (tanh). Both biases are added. A wrong size of x_t or h_prev
//   throws std::invalid_argument.
//
// Check it:  ./workbook check 5.1   (or: cmake --build build -t check-5.1)
// Stuck?     docs/05-encoder-decoder-attention.md, section "Exercise 5.1", has hints.
#include "ch05/ch05.hpp"

#include <cmath>         // std::tanh
#include <fmt/format.h>  // fmt::format, for the error messages
#include <stdexcept>     // std::invalid_argument

namespace ch05 {

Vector rnn_cell(const RnnWeights& weights, const Vector& x_t, const Vector& h_prev) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("5.1", "rnn_cell");
}

}  // namespace ch05
