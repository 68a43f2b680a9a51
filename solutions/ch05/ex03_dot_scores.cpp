// Reference solution for exercise 5.3 (dot_scores). Contract: exercises/ch05/ch05.hpp.
#include "ch05/ch05.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch05 {

Vector dot_scores(const Vector& s, const Matrix& encoder_states) {
    const std::size_t T_enc = encoder_states.shape(0), d = encoder_states.shape(1);
    if (s.size() != d)
        throw std::invalid_argument(
            fmt::format("dot_scores: s has {} values, the encoder states {} columns", s.size(), d));
    Vector scores = xt::zeros<double>({T_enc});  // (T_enc)
    for (std::size_t j = 0; j < T_enc; ++j)
        for (std::size_t k = 0; k < d; ++k) scores(j) += s(k) * encoder_states(j, k);
    return scores;
}

}  // namespace ch05
