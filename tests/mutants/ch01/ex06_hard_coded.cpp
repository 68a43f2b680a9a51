// Mutant of 1.6: returns the example sentence's scores, whatever the input (a hard-coded answer).
#include "ch01/ch01.hpp"

namespace ch01 {
Matrix attention_scores(const Matrix&) {
    return Matrix{{0.9995, 0.9544, 0.9422, 0.4753, 0.4576, 0.6310}, {0.9544, 1.4950, 1.4754, 0.8434, 0.7070, 1.0865},
                  {0.9422, 1.4754, 1.4570, 0.8296, 0.7154, 1.0605}, {0.4753, 0.8434, 0.8296, 0.4937, 0.3474, 0.6565},
                  {0.4576, 0.7070, 0.7154, 0.3474, 0.6654, 0.2935}, {0.6310, 1.0865, 1.0605, 0.6565, 0.2935, 0.9450}};
}
}  // namespace ch01
