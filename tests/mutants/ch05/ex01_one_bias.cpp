// Mutant of 5.1: adds only bias_ih, as a one-bias textbook formula does; PyTorch's nn.RNN adds both.
#include "ch05/ch05.hpp"

#include <cmath>

namespace ch05 {
Vector rnn_cell(const RnnWeights& weights, const Vector& x_t, const Vector& h_prev) {
    Vector h_t = xt::zeros<double>({weights.weight_ih.shape(0)});
    for (std::size_t i = 0; i < h_t.size(); ++i) {
        double pre = weights.bias_ih(i);
        for (std::size_t k = 0; k < x_t.size(); ++k) pre += weights.weight_ih(i, k) * x_t(k);
        for (std::size_t k = 0; k < h_prev.size(); ++k) pre += weights.weight_hh(i, k) * h_prev(k);
        h_t(i) = std::tanh(pre);
    }
    return h_t;
}
}  // namespace ch05
