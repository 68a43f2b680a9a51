// Mutant of 5.2: starts every step from h_0 instead of the previous state, so nothing is carried.
#include "ch05/ch05.hpp"

#include <xtensor/xview.hpp>

namespace ch05 {
Matrix rnn_states(const RnnWeights& weights, const Matrix& inputs, const Vector& h_0) {
    Matrix states = xt::zeros<double>({inputs.shape(0), weights.weight_ih.shape(0)});
    for (std::size_t t = 0; t < inputs.shape(0); ++t) {
        const Vector x_t = xt::view(inputs, t, xt::all());
        xt::view(states, t, xt::all()) = rnn_cell(weights, x_t, h_0);
    }
    return states;
}
}  // namespace ch05
