// Reference solution for exercise 5.11 (attend_with_temperature). Contract: exercises/ch05/ch05.hpp.
#include "ch05/ch05.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch05 {

Attention attend_with_temperature(const Vector& scores, const Matrix& values, double temperature) {
    if (!(temperature > 0.0) || !std::isfinite(temperature))
        throw std::invalid_argument(
            fmt::format("attend_with_temperature: temperature must be a finite number > 0, got {}", temperature));
    const Vector scaled = scores / temperature;  // (T_enc)
    return attend(scaled, values);
}

}  // namespace ch05
