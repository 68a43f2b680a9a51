// Reference solution for exercise 2.3 (attention_weights). Contract: exercises/ch02/ch02.hpp.
#include "ch02/ch02.hpp"

#include <cmath>
#include <stdexcept>

#include "wb/ops.hpp"

namespace ch02 {

Matrix attention_weights(const Matrix& scores, std::size_t d_k) {
    if (d_k == 0) throw std::invalid_argument("attention_weights: d_k must be at least 1 (it is the key size)");
    const Matrix scaled = scores / std::sqrt(static_cast<double>(d_k));  // (T_q, T_k)
    return wb::softmax_rows(scaled);                                     // (T_q, T_k), rows sum to 1
}

}  // namespace ch02
