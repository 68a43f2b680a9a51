// Reference solution for exercise 1.1 (attention_scores_for_query). Contract: exercises/ch01/ch01.hpp.
#include "ch01/ch01.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch01 {

Vector attention_scores_for_query(const Matrix& inputs, std::size_t query_index) {
    const std::size_t T = inputs.shape(0), d_in = inputs.shape(1);
    if (query_index >= T)
        throw std::out_of_range(
            fmt::format("attention_scores_for_query: query_index {} is outside [0, {})", query_index, T));
    Vector scores = xt::zeros<double>({T});  // (T)
    for (std::size_t j = 0; j < T; ++j)
        for (std::size_t k = 0; k < d_in; ++k) scores(j) += inputs(query_index, k) * inputs(j, k);
    return scores;
}

}  // namespace ch01
