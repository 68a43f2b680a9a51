// Mutant of 1.1: squares token j's own embedding instead of taking its dot product with the query.
#include "ch01/ch01.hpp"

namespace ch01 {
Vector attention_scores_for_query(const Matrix& inputs, std::size_t query_index) {
    if (query_index >= inputs.shape(0)) throw std::out_of_range("query_index");
    Vector scores = xt::zeros<double>({inputs.shape(0)});
    for (std::size_t j = 0; j < inputs.shape(0); ++j)
        for (std::size_t k = 0; k < inputs.shape(1); ++k) scores(j) += inputs(j, k) * inputs(j, k);
    return scores;
}
}  // namespace ch01
