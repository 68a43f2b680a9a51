// Mutant of 5.1: checks every size but bias_hh's, so a bias_hh one value
// too long is silently cut to d_hidden values.
#include "ch05/ch05.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch05 {

Vector rnn_cell(const RnnWeights& weights, const Vector& x_t, const Vector& h_prev) {
    const std::size_t d_hidden = weights.weight_ih.shape(0), d_in = weights.weight_ih.shape(1);
    if (x_t.size() != d_in || h_prev.size() != d_hidden || weights.weight_hh.shape(0) != d_hidden ||
        weights.weight_hh.shape(1) != d_hidden || weights.bias_ih.size() != d_hidden)
        throw std::invalid_argument(fmt::format("rnn_cell: x_t has {} values and h_prev {}, but the weights expect "
                                                "d_in = {} and d_hidden = {}",
                                                x_t.size(), h_prev.size(), d_in, d_hidden));
    Vector h_t = xt::zeros<double>({d_hidden});  // (d_hidden)
    for (std::size_t i = 0; i < d_hidden; ++i) {
        double pre = weights.bias_ih(i) + weights.bias_hh(i);  // both of PyTorch's biases
        for (std::size_t k = 0; k < d_in; ++k) pre += weights.weight_ih(i, k) * x_t(k);
        for (std::size_t k = 0; k < d_hidden; ++k) pre += weights.weight_hh(i, k) * h_prev(k);
        h_t(i) = std::tanh(pre);
    }
    return h_t;
}

}  // namespace ch05
