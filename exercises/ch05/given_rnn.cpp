// Given code for Chapter 5: the parameters of torch.nn.RNN(d_in, d_hidden), drawn as PyTorch draws
// them, so every hidden state the chapter prints can be reproduced in PyTorch. Compiled into both
// the exercises and the solutions; you do not need to change it.
#include "ch05/ch05.hpp"

#include <cmath>
#include <stdexcept>

namespace ch05 {

RnnWeights rnn_weights(wb::TorchGenerator& gen, std::size_t d_in, std::size_t d_hidden) {
    if (d_in == 0 || d_hidden == 0) throw std::invalid_argument("rnn_weights: d_in and d_hidden must be at least 1");
    // nn.RNN.reset_parameters: stdv = 1/math.sqrt(hidden_size), then init.uniform_(p, -stdv, stdv)
    // for every parameter in registration order.
    const double k = 1.0 / std::sqrt(static_cast<double>(d_hidden));
    RnnWeights w;
    w.weight_ih = gen.uniform(d_hidden, d_in, -k, k);      // (d_hidden, d_in)
    w.weight_hh = gen.uniform(d_hidden, d_hidden, -k, k);  // (d_hidden, d_hidden)
    w.bias_ih = gen.uniform(d_hidden, -k, k);              // (d_hidden)
    w.bias_hh = gen.uniform(d_hidden, -k, k);              // (d_hidden)
    return w;
}

}  // namespace ch05
