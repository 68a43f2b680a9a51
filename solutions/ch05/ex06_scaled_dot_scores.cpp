// Reference solution for exercise 5.6 (scaled_dot_scores). Contract: exercises/ch05/ch05.hpp.
#include "ch05/ch05.hpp"

#include <cmath>
#include <stdexcept>

namespace ch05 {

Vector scaled_dot_scores(const Vector& s, const Matrix& encoder_states) {
    if (s.size() == 0) throw std::invalid_argument("scaled_dot_scores: d = 0, nothing to scale by");
    Vector scores = dot_scores(s, encoder_states) / std::sqrt(static_cast<double>(s.size()));  // (T_enc)
    return scores;
}

}  // namespace ch05
