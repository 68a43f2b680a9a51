// Reference solution for exercise 5.2 (rnn_states). Contract: exercises/ch05/ch05.hpp.
#include "ch05/ch05.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch05 {

Matrix rnn_states(const RnnWeights& weights, const Matrix& inputs, const Vector& h_0) {
    const std::size_t T = inputs.shape(0), d_hidden = weights.weight_ih.shape(0);
    if (inputs.shape(1) != weights.weight_ih.shape(1) || h_0.size() != d_hidden)
        throw std::invalid_argument(fmt::format("rnn_states: inputs have {} features and h_0 {} values, but the "
                                                "weights expect d_in = {} and d_hidden = {}",
                                                inputs.shape(1), h_0.size(), weights.weight_ih.shape(1), d_hidden));
    Matrix states = xt::zeros<double>({T, d_hidden});  // (T, d_hidden)
    Vector h = h_0;                                    // (d_hidden) the state carried from step to step
    for (std::size_t t = 0; t < T; ++t) {
        const Vector x_t = xt::view(inputs, t, xt::all());  // (d_in)
        h = rnn_cell(weights, x_t, h);
        xt::view(states, t, xt::all()) = h;
    }
    return states;
}

}  // namespace ch05
