// Mutant of 5.2: off by one, stores the state before each step (row t holds h_t, not h_{t+1}).
#include "ch05/ch05.hpp"

#include <xtensor/xview.hpp>

namespace ch05 {
Matrix rnn_states(const RnnWeights& weights, const Matrix& inputs, const Vector& h_0) {
    Matrix states = xt::zeros<double>({inputs.shape(0), weights.weight_ih.shape(0)});
    Vector h = h_0;
    for (std::size_t t = 0; t < inputs.shape(0); ++t) {
        xt::view(states, t, xt::all()) = h;
        const Vector x_t = xt::view(inputs, t, xt::all());
        h = rnn_cell(weights, x_t, h);
    }
    return states;
}
}  // namespace ch05
