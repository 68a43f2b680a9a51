// Mutant of 7.7: pairs query head h with key/value head h % H_kv instead of h / (H / H_kv).
#include "ch07/ch07.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch07 {

Vector kv_cache_step(KVCache& cache, const Vector& x, const MultiHeadWeights& weights) {
    check_weights(weights);
    const std::size_t H = weights.num_heads, H_kv = weights.num_kv_heads, d_out = weights.query.weight.shape(0);
    const std::size_t hd = d_out / H, d_in = weights.query.weight.shape(1), group = H / H_kv;
    if (x.size() != d_in)
        throw std::invalid_argument(
            fmt::format("kv_cache_step: token of {} numbers, the weights want {}", x.size(), d_in));
    if (cache.keys.shape(0) != H_kv || cache.keys.shape(2) != hd || cache.values.shape() != cache.keys.shape())
        throw std::invalid_argument(
            fmt::format("kv_cache_step: cache of {} heads of {} for weights with H_kv {}, hd {}", cache.keys.shape(0),
                        cache.keys.shape(2), H_kv, hd));
    const std::size_t t = cache.length, capacity = cache.keys.shape(1);
    if (t >= capacity) throw std::length_error(fmt::format("kv_cache_step: the cache is full ({} tokens)", capacity));

    // 1. Project the new token: one row each.
    Matrix row = xt::zeros<double>({std::size_t{1}, d_in});  // (1, d_in)
    xt::view(row, 0, xt::all()) = x;
    const Matrix query = apply_linear(row, weights.query);  // (1, d_out)
    const Matrix key = apply_linear(row, weights.key);      // (1, H_kv*hd)
    const Matrix value = apply_linear(row, weights.value);  // (1, H_kv*hd)
    // 2. Append its key and value at position t.
    for (std::size_t g = 0; g < H_kv; ++g)
        for (std::size_t c = 0; c < hd; ++c) {
            cache.keys(g, t, c) = key(0, g * hd + c);
            cache.values(g, t, c) = value(0, g * hd + c);
        }
    cache.length = t + 1;
    // 3. Each query head attends over cached rows 0..t of its key/value head: O(t) work, no mask needed.
    const double scale = 1.0 / std::sqrt(static_cast<double>(hd));
    Matrix merged = xt::zeros<double>({std::size_t{1}, d_out});  // (1, d_out)
    for (std::size_t h = 0; h < H; ++h) {
        const std::size_t g = h % H_kv;
        (void)group;
        Vector scores = xt::zeros<double>({cache.length});  // (t + 1)
        double largest = -std::numeric_limits<double>::infinity();
        for (std::size_t j = 0; j < cache.length; ++j) {
            double s = 0.0;
            for (std::size_t c = 0; c < hd; ++c) s += query(0, h * hd + c) * cache.keys(g, j, c);
            scores(j) = s * scale;
            largest = std::max(largest, scores(j));
        }
        double total = 0.0;
        for (std::size_t j = 0; j < cache.length; ++j) total += (scores(j) = std::exp(scores(j) - largest));
        for (std::size_t j = 0; j < cache.length; ++j)
            for (std::size_t c = 0; c < hd; ++c) merged(0, h * hd + c) += scores(j) / total * cache.values(g, j, c);
    }
    // 4. The output projection.
    const Matrix out = apply_linear(merged, weights.out_proj);  // (1, d_out)
    Vector result = xt::view(out, 0, xt::all());                // (d_out)
    return result;
}

}  // namespace ch07
