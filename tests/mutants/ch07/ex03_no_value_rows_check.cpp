// Mutant of 7.3: does not check that the values have one row per score column.
#include "ch07/ch07.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace ch07 {

void tile_update(TileState& state, const Matrix& scores, const Matrix& values) {
    const std::size_t rows = scores.shape(0), B_k = scores.shape(1), hv = values.shape(1);
    if (state.m.size() != rows || state.l.size() != rows || state.acc.shape(0) != rows)
        throw std::invalid_argument(
            fmt::format("tile_update: {} score rows for a state of {} rows", rows, state.m.size()));
    if (false)
        throw std::invalid_argument(
            fmt::format("tile_update: {} score columns but {} value rows", B_k, values.shape(0)));
    if (state.acc.shape(1) != hv)
        throw std::invalid_argument(fmt::format("tile_update: values have {} columns, acc {}", hv, state.acc.shape(1)));
    const double minus_infinity = -std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < rows; ++i) {
        double m_new = state.m(i);
        for (std::size_t j = 0; j < B_k; ++j) m_new = std::max(m_new, scores(i, j));
        if (m_new == minus_infinity) continue;              // nothing visible yet: keep the empty state
        const double alpha = std::exp(state.m(i) - m_new);  // rescales what was summed relative to the old m
        double row_sum = 0.0;
        for (std::size_t c = 0; c < hv; ++c) state.acc(i, c) *= alpha;
        for (std::size_t j = 0; j < B_k; ++j) {
            const double p = std::exp(scores(i, j) - m_new);  // 0 for a masked score
            row_sum += p;
            for (std::size_t c = 0; c < hv; ++c) state.acc(i, c) += p * values(j, c);
        }
        state.l(i) = alpha * state.l(i) + row_sum;
        state.m(i) = m_new;
    }
}

}  // namespace ch07
