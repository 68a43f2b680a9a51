// Mutant of 5.9: W_key's and W_value's d_enc conditions joined with && instead of ||, so either
// weight reading d_dec features alone passes the check and fails later, in a matrix product,
// with wb::matmul's message instead of cross_attention's.
#include "ch05/ch05.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "wb/ops.hpp"

namespace ch05 {

CrossAttention cross_attention(const Tensor3& decoder, const Tensor3& encoder, const CrossAttentionWeights& weights) {
    const std::size_t B = decoder.shape(0), T_dec = decoder.shape(1), T_enc = encoder.shape(1);
    const std::size_t d_out = weights.W_query.shape(0);
    if (encoder.shape(0) != B)
        throw std::invalid_argument(
            fmt::format("cross_attention: batch sizes differ (decoder {}, encoder {})", B, encoder.shape(0)));
    if (T_enc == 0) throw std::invalid_argument("cross_attention: the encoder has no positions (T_enc = 0)");
    if (weights.W_query.shape(1) != decoder.shape(2) ||
        (weights.W_key.shape(1) != encoder.shape(2) && weights.W_value.shape(1) != encoder.shape(2)) ||
        weights.W_key.shape(0) != d_out || weights.W_value.shape(0) != d_out || d_out == 0)
        throw std::invalid_argument(fmt::format(
            "cross_attention: W_query ({}, {}), W_key ({}, {}), W_value ({}, {}) do not fit d_dec = {}, d_enc = {}",
            weights.W_query.shape(0), weights.W_query.shape(1), weights.W_key.shape(0), weights.W_key.shape(1),
            weights.W_value.shape(0), weights.W_value.shape(1), decoder.shape(2), encoder.shape(2)));
    const double scale = 1.0 / std::sqrt(static_cast<double>(d_out));
    CrossAttention out;
    out.queries = xt::zeros<double>({B, T_dec, d_out});
    out.keys = xt::zeros<double>({B, T_enc, d_out});
    out.values = xt::zeros<double>({B, T_enc, d_out});
    out.scores = xt::zeros<double>({B, T_dec, T_enc});
    out.contexts = xt::zeros<double>({B, T_dec, d_out});
    const Matrix W_query_t = xt::transpose(weights.W_query);  // (d_dec, d_out)
    const Matrix W_key_t = xt::transpose(weights.W_key);      // (d_enc, d_out)
    const Matrix W_value_t = xt::transpose(weights.W_value);  // (d_enc, d_out)
    for (std::size_t b = 0; b < B; ++b) {
        const Matrix dec_b = xt::view(decoder, b, xt::all(), xt::all());         // (T_dec, d_dec)
        const Matrix enc_b = xt::view(encoder, b, xt::all(), xt::all());         // (T_enc, d_enc)
        const Matrix queries = wb::matmul(dec_b, W_query_t);                     // (T_dec, d_out)
        const Matrix keys = wb::matmul(enc_b, W_key_t);                          // (T_enc, d_out)
        const Matrix values = wb::matmul(enc_b, W_value_t);                      // (T_enc, d_out)
        const Matrix scores = wb::matmul(queries, xt::transpose(keys)) * scale;  // (T_dec, T_enc)
        xt::view(out.queries, b, xt::all(), xt::all()) = queries;
        xt::view(out.keys, b, xt::all(), xt::all()) = keys;
        xt::view(out.values, b, xt::all(), xt::all()) = values;
        xt::view(out.scores, b, xt::all(), xt::all()) = scores;
    }
    out.weights = wb::softmax_last(out.scores);  // (B, T_dec, T_enc): over the encoder positions
    for (std::size_t b = 0; b < B; ++b) {
        const Matrix weights_b = xt::view(out.weights, b, xt::all(), xt::all());  // (T_dec, T_enc)
        const Matrix values_b = xt::view(out.values, b, xt::all(), xt::all());    // (T_enc, d_out)
        xt::view(out.contexts, b, xt::all(), xt::all()) = wb::matmul(weights_b, values_b);
    }
    return out;
}

}  // namespace ch05
