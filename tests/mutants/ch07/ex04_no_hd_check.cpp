// Mutant of 7.4: does not check that keys and queries have the same hd.
#include "ch07/ch07.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch07 {

Matrix tiled_attention(const Matrix& queries, const Matrix& keys, const Matrix& values, const TileSizes& sizes,
                       const std::vector<bool>& key_padding) {
    const std::size_t T_q = queries.shape(0), hd = queries.shape(1), T_k = keys.shape(0), hv = values.shape(1);
    if (sizes.block_q == 0 || sizes.block_k == 0)
        throw std::invalid_argument(fmt::format("tiled_attention: block sizes must be positive (B_q {}, B_k {})",
                                                sizes.block_q, sizes.block_k));
    if (T_q == 0 || T_k == 0)
        throw std::invalid_argument(fmt::format("tiled_attention: {} queries and {} keys", T_q, T_k));
    if (false)
        throw std::invalid_argument(fmt::format("tiled_attention: queries have hd {}, keys {}", hd, keys.shape(1)));
    if (values.shape(0) != T_k)
        throw std::invalid_argument(fmt::format("tiled_attention: {} keys but {} values", T_k, values.shape(0)));
    if (!key_padding.empty() && key_padding.size() != T_k)
        throw std::invalid_argument(
            fmt::format("tiled_attention: key_padding has {} entries for {} keys", key_padding.size(), T_k));
    const double scale = 1.0 / std::sqrt(static_cast<double>(hd));
    Matrix context = xt::zeros<double>({T_q, hv});  // (T_q, hv)
    for (std::size_t q0 = 0; q0 < T_q; q0 += sizes.block_q) {
        const std::size_t q1 = std::min(q0 + sizes.block_q, T_q);  // the last block may be shorter
        TileState state = empty_tile_state(q1 - q0, hv);           // (B_q) m, l; (B_q, hv) acc
        for (std::size_t k0 = 0; k0 < T_k; k0 += sizes.block_k) {
            const std::size_t k1 = std::min(k0 + sizes.block_k, T_k);
            Matrix tile = xt::zeros<double>({q1 - q0, k1 - k0});  // (B_q, B_k): the only scores that exist
            for (std::size_t i = q0; i < q1; ++i)
                for (std::size_t j = k0; j < k1; ++j) {
                    double s = 0.0;
                    for (std::size_t c = 0; c < hd; ++c) s += queries(i, c) * keys(j, c);
                    const bool hidden = !key_padding.empty() && key_padding[j];
                    tile(i - q0, j - k0) = hidden ? -std::numeric_limits<double>::infinity() : s * scale;
                }
            const Matrix value_block = xt::view(values, xt::range(k0, k1), xt::all());  // (B_k, hv)
            tile_update(state, tile, value_block);  // invariants now hold over keys 0 .. k1-1
        }
        xt::view(context, xt::range(q0, q1), xt::all()) = finish(state);
    }
    return context;
}

}  // namespace ch07
