// Reference solution for exercise 1.10 (softmax_with_temperature). Contract: exercises/ch01/ch01.hpp.
#include "ch01/ch01.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch01 {

Vector softmax_with_temperature(const Vector& scores, double temperature) {
    if (!(temperature > 0.0) || !std::isfinite(temperature))
        throw std::invalid_argument(fmt::format("softmax_with_temperature: temperature must be a finite "
                                                "number > 0, got {}",
                                                temperature));
    Vector scaled = scores / temperature;  // (T)
    return softmax_stable(scaled);
}

}  // namespace ch01
