// Mutant of 7.5: skips the diagonal block instead of masking it.
#include "ch07/ch07.hpp"

#include <stdexcept>

#include <fmt/format.h>

namespace ch07 {

BlockKind causal_block_kind(std::size_t q_begin, std::size_t q_end, std::size_t k_begin, std::size_t k_end) {
    if (q_begin >= q_end || k_begin >= k_end)
        throw std::invalid_argument(fmt::format("causal_block_kind: empty range, queries [{}, {}), keys [{}, {})",
                                                q_begin, q_end, k_begin, k_end));
    // The last query (q_end - 1) sees the most; if even it cannot see the first key, no one can.
    if (k_begin > q_end - 1) return BlockKind::skip;
    // The first query (q_begin) sees the least; if it sees the last key (k_end - 1), everyone sees all.
    if (k_end - 1 <= q_begin) return BlockKind::full;
    return BlockKind::skip;
}

}  // namespace ch07
