// Exercise 5.8: decoder_step_attention.
#include "ch05/ch05_test.hpp"

#include <stdexcept>

using namespace ch05_test;

namespace {

ch05::ScoringWeights stored_scoring() {
    return {expected().tensor<2>("W_general"), stored_additive()};
}

}  // namespace

TEST_CASE("5.8 every decoder step of Bahdanau and of Luong matches PyTorch", "[ch05][5.8]") {
    const wb::Matrix H = expected().tensor<2>("encoder_states");  // (T_enc, d_hidden)
    const wb::Matrix S = expected().tensor<2>("decoder_states");  // (T_dec, d_hidden): s_1 .. s_T_dec
    const wb::Vector s_0 = wb::ref::row(H, H.shape(0) - 1);       // the decoder starts from h_T_enc
    for (const auto& [style, name] : {std::pair{ch05::DecoderStyle::bahdanau, std::string("bahdanau")},
                                      std::pair{ch05::DecoderStyle::luong, std::string("luong")}}) {
        for (std::size_t t = 1; t <= S.shape(0); ++t) {
            CAPTURE(name, t);
            const ch05::Attention out = ch05::decoder_step_attention(style, S, s_0, t, H, stored_scoring());
            REQUIRE_THAT(out.weights, Equals(stored_row("steps/" + name + "/weights", t - 1), 1e-12));
            REQUIRE_THAT(out.context, Equals(stored_row("steps/" + name + "/contexts", t - 1), 1e-12));
        }
    }
}

TEST_CASE("5.8 on random states Bahdanau scores with s_(t-1) and Luong with s_t", "[ch05][5.8]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t T_dec = wb::ref::random_size(seed, 1, 1, 6), T_enc = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t d = wb::ref::random_size(seed, 3, 1, 6), d_attn = wb::ref::random_size(seed, 4, 1, 5);
    const std::size_t t = wb::ref::random_size(seed, 5, 1, T_dec);
    CAPTURE(seed, T_dec, T_enc, d, d_attn, t);
    const wb::Matrix S = wb::ref::random_matrix(seed, T_dec, d);      // (T_dec, d)
    const wb::Matrix H = wb::ref::random_matrix(seed + 1, T_enc, d);  // (T_enc, d)
    const wb::Vector s_0 = wb::ref::random_vector(seed + 2, d);       // (d)
    const ch05::ScoringWeights scoring{wb::ref::random_matrix(seed + 3, d, d, -2, 2),
                                       {wb::ref::random_matrix(seed + 4, d_attn, d, -2, 2),
                                        wb::ref::random_matrix(seed + 5, d_attn, d, -2, 2),
                                        wb::ref::random_vector(seed + 6, d_attn, -2, 2)}};
    const wb::Vector s_previous = t == 1 ? s_0 : wb::ref::row(S, t - 2);
    const wb::Vector s_current = wb::ref::row(S, t - 1);

    SECTION("Bahdanau: additive scores of the previous state") {
        const wb::Vector weights = wb::ref::softmax(loop_additive(s_previous, H, scoring.additive));
        const ch05::Attention out = ch05::decoder_step_attention(ch05::DecoderStyle::bahdanau, S, s_0, t, H, scoring);
        REQUIRE_THAT(out.weights, Equals(weights, 1e-12));
        REQUIRE_THAT(out.context, Equals(loop_context(weights, H), 1e-12));
    }
    SECTION("Luong: general scores of the current state") {
        const wb::Vector weights = wb::ref::softmax(loop_general(s_current, H, scoring.W_general));
        const ch05::Attention out = ch05::decoder_step_attention(ch05::DecoderStyle::luong, S, s_0, t, H, scoring);
        REQUIRE_THAT(out.weights, Equals(weights, 1e-12));
        REQUIRE_THAT(out.context, Equals(loop_context(weights, H), 1e-12));
    }
    SECTION("changing s_t moves Luong's step t and leaves Bahdanau's alone") {
        wb::Matrix moved = S;
        for (std::size_t k = 0; k < d; ++k) moved(t - 1, k) += 0.5;
        const auto bahdanau = [&](const wb::Matrix& states) {
            return ch05::decoder_step_attention(ch05::DecoderStyle::bahdanau, states, s_0, t, H, scoring).context;
        };
        REQUIRE_THAT(bahdanau(moved), Equals(bahdanau(S), 0));
        if (T_enc > 1) {
            const wb::Vector luong_before =
                ch05::decoder_step_attention(ch05::DecoderStyle::luong, S, s_0, t, H, scoring).context;
            const wb::Vector luong_after =
                ch05::decoder_step_attention(ch05::DecoderStyle::luong, moved, s_0, t, H, scoring).context;
            double change = 0.0;
            for (std::size_t k = 0; k < d; ++k) change = std::max(change, std::fabs(luong_after(k) - luong_before(k)));
            REQUIRE(change > 0.0);
        }
    }
}

TEST_CASE("5.8 Bahdanau's first step scores with s_0, the state before any step", "[ch05][5.8]") {
    const wb::Matrix S = wb::ref::random_matrix(11, 3, 4);
    const wb::Matrix H = wb::ref::random_matrix(12, 5, 4);
    const ch05::ScoringWeights scoring{wb::ref::random_matrix(13, 4, 4),
                                       {wb::ref::random_matrix(14, 3, 4, -2, 2),
                                        wb::ref::random_matrix(15, 3, 4, -2, 2), wb::ref::random_vector(16, 3, -2, 2)}};
    const wb::Vector s_0 = wb::ref::random_vector(17, 4);
    const wb::Vector weights = wb::ref::softmax(loop_additive(s_0, H, scoring.additive));
    REQUIRE_THAT(ch05::decoder_step_attention(ch05::DecoderStyle::bahdanau, S, s_0, 1, H, scoring).weights,
                 Equals(weights, 1e-12));
}

TEST_CASE("5.8 a step outside 1..T_dec throws std::out_of_range", "[ch05][5.8]") {
    const wb::Matrix S = wb::ref::random_matrix(1, 3, 2), H = wb::ref::random_matrix(2, 4, 2);
    const ch05::ScoringWeights scoring{
        wb::ref::random_matrix(3, 2, 2),
        {wb::ref::random_matrix(4, 2, 2), wb::ref::random_matrix(5, 2, 2), wb::ref::random_vector(6, 2)}};
    const wb::Vector s_0 = wb::ref::random_vector(7, 2);
    for (const auto style : {ch05::DecoderStyle::bahdanau, ch05::DecoderStyle::luong}) {
        REQUIRE_THROWS_MATCHES(ch05::decoder_step_attention(style, S, s_0, 0, H, scoring), std::out_of_range,
                               Says("decoder_step_attention:"));
        REQUIRE_THROWS_MATCHES(ch05::decoder_step_attention(style, S, s_0, 4, H, scoring), std::out_of_range,
                               Says("decoder_step_attention:"));
    }
}

TEST_CASE("5.8 an s_0 whose size differs from the decoder states' throws std::invalid_argument", "[ch05][5.8]") {
    const wb::Matrix S = wb::ref::random_matrix(1, 3, 2), H = wb::ref::random_matrix(2, 4, 2);
    const ch05::ScoringWeights scoring{
        wb::ref::random_matrix(3, 2, 2),
        {wb::ref::random_matrix(4, 2, 2), wb::ref::random_matrix(5, 2, 2), wb::ref::random_vector(6, 2)}};
    const wb::Vector s_0_too_long = wb::ref::random_vector(7, 3);
    for (const auto style : {ch05::DecoderStyle::bahdanau, ch05::DecoderStyle::luong}) {
        for (const std::size_t t : {1, 2}) {
            CAPTURE(t);
            REQUIRE_THROWS_MATCHES(ch05::decoder_step_attention(style, S, s_0_too_long, t, H, scoring),
                                   std::invalid_argument, Says("decoder_step_attention:"));
        }
    }
}
