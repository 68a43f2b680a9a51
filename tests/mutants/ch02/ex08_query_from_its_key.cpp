// Mutant of 2.8: takes the query's own key where its query belongs (W_key instead of W_query),
// the Chapter 1 habit of one vector per token.
#include "ch02/ch02.hpp"

#include <cmath>
#include <stdexcept>

#include <xtensor/xview.hpp>

#include "wb/ops.hpp"

namespace ch02 {
Vector context_for_query(const SelfAttentionV1& module, const Matrix& inputs, std::size_t query_index) {
    if (query_index >= inputs.shape(0)) throw std::out_of_range("query_index");
    if (module.W_value.shape() != module.W_query.shape()) throw std::invalid_argument("shapes");
    const Matrix keys = wb::matmul(inputs, module.W_key), values = wb::matmul(inputs, module.W_value);
    Matrix scores = xt::zeros<double>({std::size_t{1}, inputs.shape(0)});
    for (std::size_t j = 0; j < inputs.shape(0); ++j)
        for (std::size_t c = 0; c < keys.shape(1); ++c) scores(0, j) += keys(query_index, c) * keys(j, c);
    const Matrix scaled = scores / std::sqrt(static_cast<double>(keys.shape(1)));
    Vector context = xt::view(wb::matmul(wb::softmax_rows(scaled), values), 0, xt::all());
    return context;
}
}  // namespace ch02
