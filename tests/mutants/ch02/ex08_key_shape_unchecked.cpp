// Mutant of 2.8: never compares W_key's shape with W_query's, so a W_key
// with an extra column is read as its (d_in, d_out) block.
#include "ch02/ch02.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "wb/print.hpp"

namespace ch02 {

namespace {
// x (d_in) @ W (d_in, d_out) -> (d_out), by a loop.
Vector times(const Matrix& inputs, std::size_t row, const Matrix& weight) {
    const std::size_t d_in = weight.shape(0), d_out = weight.shape(1);
    Vector out = xt::zeros<double>({d_out});
    for (std::size_t c = 0; c < d_out; ++c)
        for (std::size_t k = 0; k < d_in; ++k) out(c) += inputs(row, k) * weight(k, c);
    return out;
}
}  // namespace

Vector context_for_query(const SelfAttentionV1& module, const Matrix& inputs, std::size_t query_index) {
    const std::size_t T = inputs.shape(0), d_in = module.W_query.shape(0), d_out = module.W_query.shape(1);
    if (query_index >= T)
        throw std::out_of_range(fmt::format("context_for_query: query_index {} is outside [0, {})", query_index, T));
    if (module.W_value.shape() != module.W_query.shape() || inputs.shape(1) != d_in)
        throw std::invalid_argument(fmt::format("context_for_query: inputs {} with W_query {}, W_key {}, W_value {}",
                                                wb::shape_of(inputs), wb::shape_of(module.W_query),
                                                wb::shape_of(module.W_key), wb::shape_of(module.W_value)));
    const Vector query = times(inputs, query_index, module.W_query);  // (d_out)
    std::vector<double> scores(T, 0.0);                               // (T), scaled
    for (std::size_t j = 0; j < T; ++j) {
        const Vector key_j = times(inputs, j, module.W_key);  // (d_out)
        for (std::size_t c = 0; c < d_out; ++c) scores[j] += query(c) * key_j(c);
        scores[j] /= std::sqrt(static_cast<double>(d_out));
    }
    const double largest = *std::max_element(scores.begin(), scores.end());
    double total = 0.0;
    for (double& s : scores) total += (s = std::exp(s - largest));  // now exp(score - largest)
    Vector context = xt::zeros<double>({d_out});                    // (d_out)
    for (std::size_t j = 0; j < T; ++j) context += (scores[j] / total) * times(inputs, j, module.W_value);
    return context;
}

}  // namespace ch02
