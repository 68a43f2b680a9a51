// Mutant of 5.11: multiplies the scores by the temperature instead of dividing.
#include "ch05/ch05.hpp"

#include <cmath>
#include <stdexcept>

namespace ch05 {
Attention attend_with_temperature(const Vector& scores, const Matrix& values, double temperature) {
    if (!(temperature > 0.0) || !std::isfinite(temperature)) throw std::invalid_argument("temperature");
    const Vector scaled = scores * temperature;
    return attend(scaled, values);
}
}  // namespace ch05
