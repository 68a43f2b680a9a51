// Mutant of 7.6: does not check key_padding's length.
#include "ch07/ch07.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch07 {

Matrix causal_tiled_attention(const Matrix& queries, const Matrix& keys, const Matrix& values, const TileSizes& sizes,
                              const std::vector<bool>& key_padding, TileCounts* counts) {
    const std::size_t T_q = queries.shape(0), hd = queries.shape(1), T_k = keys.shape(0), hv = values.shape(1);
    if (sizes.block_q == 0 || sizes.block_k == 0)
        throw std::invalid_argument(fmt::format("causal_tiled_attention: block sizes must be positive (B_q {}, B_k {})",
                                                sizes.block_q, sizes.block_k));
    if (T_q == 0 || T_k == 0)
        throw std::invalid_argument(fmt::format("causal_tiled_attention: {} queries and {} keys", T_q, T_k));
    if (T_q > T_k)
        throw std::invalid_argument(fmt::format(
            "causal_tiled_attention: {} queries but only {} keys: the queries are the last positions", T_q, T_k));
    if (keys.shape(1) != hd)
        throw std::invalid_argument(
            fmt::format("causal_tiled_attention: queries have hd {}, keys {}", hd, keys.shape(1)));
    if (values.shape(0) != T_k)
        throw std::invalid_argument(fmt::format("causal_tiled_attention: {} keys but {} values", T_k, values.shape(0)));
    if (false)
        throw std::invalid_argument(
            fmt::format("causal_tiled_attention: key_padding has {} entries for {} keys", key_padding.size(), T_k));
    TileCounts tally;
    const std::size_t offset = T_k - T_q;  // query i sits at position offset + i
    const double scale = 1.0 / std::sqrt(static_cast<double>(hd));
    Matrix context = xt::zeros<double>({T_q, hv});  // (T_q, hv)
    for (std::size_t q0 = 0; q0 < T_q; q0 += sizes.block_q) {
        const std::size_t q1 = std::min(q0 + sizes.block_q, T_q);
        TileState state = empty_tile_state(q1 - q0, hv);  // (B_q) m, l; (B_q, hv) acc
        for (std::size_t k0 = 0; k0 < T_k; k0 += sizes.block_k) {
            const std::size_t k1 = std::min(k0 + sizes.block_k, T_k);
            const BlockKind kind = causal_block_kind(offset + q0, offset + q1, k0, k1);
            if (kind == BlockKind::skip) {  // wholly in the future: never computed
                ++tally.skipped;
                continue;
            }
            ++(kind == BlockKind::full ? tally.full : tally.masked);
            tally.score_dots += (q1 - q0) * (k1 - k0);
            Matrix tile = xt::zeros<double>({q1 - q0, k1 - k0});  // (B_q, B_k)
            for (std::size_t i = q0; i < q1; ++i)
                for (std::size_t j = k0; j < k1; ++j) {
                    const bool future = kind == BlockKind::masked && j > offset + i;  // only diagonal tiles mask
                    const bool hidden = future || (!key_padding.empty() && key_padding[j]);
                    double s = 0.0;
                    for (std::size_t c = 0; c < hd; ++c) s += queries(i, c) * keys(j, c);
                    tile(i - q0, j - k0) = hidden ? -std::numeric_limits<double>::infinity() : s * scale;
                }
            const Matrix value_block = xt::view(values, xt::range(k0, k1), xt::all());  // (B_k, hv)
            tile_update(state, tile, value_block);
        }
        xt::view(context, xt::range(q0, q1), xt::all()) = finish(state);
    }
    if (counts) *counts = tally;
    return context;
}

}  // namespace ch07
