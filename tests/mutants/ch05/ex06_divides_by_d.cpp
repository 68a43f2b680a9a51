// Mutant of 5.6: divides by d instead of sqrt(d).
#include "ch05/ch05.hpp"

namespace ch05 {
Vector scaled_dot_scores(const Vector& s, const Matrix& encoder_states) {
    Vector scores = dot_scores(s, encoder_states) / static_cast<double>(s.size());
    return scores;
}
}  // namespace ch05
