// Reference solution for exercise 7.8 (decode_incrementally). Contract: exercises/ch07/ch07.hpp.
#include "ch07/ch07.hpp"

#include <stdexcept>

#include <xtensor/xview.hpp>

namespace ch07 {

Matrix decode_incrementally(const Matrix& inputs, const MultiHeadWeights& weights) {
    const std::size_t T = inputs.shape(0), d_out = weights.query.weight.shape(0);
    if (T == 0) throw std::invalid_argument("decode_incrementally: no tokens");
    KVCache cache = make_cache(weights, T);          // one cache for the whole sequence
    Matrix outputs = xt::zeros<double>({T, d_out});  // (T, d_out)
    for (std::size_t t = 0; t < T; ++t) {
        const Vector x = xt::view(inputs, t, xt::all());  // (d_in): token t arrives
        xt::view(outputs, t, xt::all()) = kv_cache_step(cache, x, weights);
    }
    return outputs;
}

}  // namespace ch07
