// Mutant of 5.3: divides by sqrt(d), which is 5.6's scaled score, not Luong's plain dot.
#include "ch05/ch05.hpp"

#include <cmath>

namespace ch05 {
Vector dot_scores(const Vector& s, const Matrix& encoder_states) {
    Vector scores = xt::zeros<double>({encoder_states.shape(0)});
    for (std::size_t j = 0; j < encoder_states.shape(0); ++j)
        for (std::size_t k = 0; k < s.size(); ++k) scores(j) += s(k) * encoder_states(j, k);
    Vector scaled = scores / std::sqrt(static_cast<double>(s.size()));
    return scaled;
}
}  // namespace ch05
