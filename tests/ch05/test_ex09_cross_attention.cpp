// Exercise 5.9: cross_attention.
#include "ch05/ch05_test.hpp"

#include <string>

using namespace ch05_test;

namespace {

ch05::CrossAttentionWeights stored_projections() {
    return {expected().tensor<2>("W_query"), expected().tensor<2>("W_key"), expected().tensor<2>("W_value")};
}

// Self-attention of one sequence x (T, d_in) written out directly (Chapter 2's formula):
// softmax(x Wq^T (x Wk^T)^T / sqrt(d_out)) x Wv^T.
wb::Matrix self_attention(const wb::Matrix& x, const ch05::CrossAttentionWeights& w, wb::Matrix* weights_out) {
    const wb::Matrix q = wb::ref::matmul(x, wb::ref::transpose(w.W_query));
    const wb::Matrix k = wb::ref::matmul(x, wb::ref::transpose(w.W_key));
    const wb::Matrix v = wb::ref::matmul(x, wb::ref::transpose(w.W_value));
    const wb::Matrix scores = wb::ref::matmul(q, wb::ref::transpose(k)) / std::sqrt(static_cast<double>(q.shape(1)));
    const wb::Matrix weights = wb::ref::softmax_rows(scores);
    if (weights_out) *weights_out = weights;
    return wb::ref::matmul(weights, v);
}

}  // namespace

TEST_CASE("5.9 cross-attention of the decoder states over the encoder states matches PyTorch", "[ch05][5.9]") {
    const ch05::CrossAttention out =
        ch05::cross_attention(wb::stack_batch({expected().tensor<2>("decoder_states")}),
                              wb::stack_batch({expected().tensor<2>("encoder_states")}), stored_projections());
    SECTION("queries") {
        REQUIRE_THAT(out.queries, Equals(expected().tensor<3>("cross/queries"), 1e-12));
    }
    SECTION("keys") {
        REQUIRE_THAT(out.keys, Equals(expected().tensor<3>("cross/keys"), 1e-12));
    }
    SECTION("values") {
        REQUIRE_THAT(out.values, Equals(expected().tensor<3>("cross/values"), 1e-12));
    }
    SECTION("scores (T_dec, T_enc)") {
        REQUIRE_THAT(out.scores, Equals(expected().tensor<3>("cross/scores"), 1e-12));
    }
    SECTION("weights") {
        REQUIRE_THAT(out.weights, Equals(expected().tensor<3>("cross/weights"), 1e-12).weights());
    }
    SECTION("contexts") {
        REQUIRE_THAT(out.contexts, Equals(expected().tensor<3>("cross/contexts"), 1e-12));
    }
}

TEST_CASE("5.9 the bilingual embeddings give PyTorch's alignments for all three pairs", "[ch05][5.9]") {
    for (const std::string pair : {"pair1", "pair2", "pair3"}) {
        CAPTURE(pair);
        const wb::Matrix target = expected().tensor<2>(pair + "/target_embeddings");  // (T_dec, d_in)
        const wb::Matrix source = expected().tensor<2>(pair + "/source_embeddings");  // (T_enc, d_in)
        const wb::Matrix I = xt::eye<double>(target.shape(1));
        const ch05::CrossAttention out =
            ch05::cross_attention(wb::stack_batch({target}), wb::stack_batch({source}), {I, I, I});
        REQUIRE_THAT(wb::batch_item(out.weights, 0),
                     Equals(expected().tensor<2>(pair + "/alignment"), 1e-12).weights());
        const ch05::CrossAttentionWeights random{expected().tensor<2>("W_query_emb"), expected().tensor<2>("W_key_emb"),
                                                 expected().tensor<2>("W_value_emb")};
        const ch05::CrossAttention mixed =
            ch05::cross_attention(wb::stack_batch({target}), wb::stack_batch({source}), random);
        REQUIRE_THAT(wb::batch_item(mixed.weights, 0),
                     Equals(expected().tensor<2>(pair + "/random_alignment"), 1e-12).weights());
    }
}

TEST_CASE("5.9 on random batches with T_dec unlike T_enc every row is a softmax over the encoder positions",
          "[ch05][5.9]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 3), T_dec = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t T_enc = T_dec + wb::ref::random_size(seed, 3, 1, 4);  // never equal
    const std::size_t d_dec = wb::ref::random_size(seed, 4, 1, 5), d_enc = wb::ref::random_size(seed, 5, 1, 5);
    const std::size_t d_out = wb::ref::random_size(seed, 6, 1, 5);
    CAPTURE(seed, B, T_dec, T_enc, d_dec, d_enc, d_out);
    wb::TorchGenerator gen(seed);
    const wb::Tensor3 decoder = gen.rand(B, T_dec, d_dec) * 4.0 - 2.0;  // (B, T_dec, d_dec)
    const wb::Tensor3 encoder = gen.rand(B, T_enc, d_enc) * 4.0 - 2.0;  // (B, T_enc, d_enc)
    const ch05::CrossAttentionWeights w{gen.linear_weight(d_dec, d_out), gen.linear_weight(d_enc, d_out),
                                        gen.linear_weight(d_enc, d_out)};
    const ch05::CrossAttention out = ch05::cross_attention(decoder, encoder, w);
    REQUIRE(out.weights.shape() == std::array<std::size_t, 3>{B, T_dec, T_enc});
    REQUIRE(out.contexts.shape() == std::array<std::size_t, 3>{B, T_dec, d_out});
    for (std::size_t b = 0; b < B; ++b) {
        CAPTURE(b);
        const wb::Matrix q = wb::ref::matmul(wb::batch_item(decoder, b), wb::ref::transpose(w.W_query));
        const wb::Matrix k = wb::ref::matmul(wb::batch_item(encoder, b), wb::ref::transpose(w.W_key));
        const wb::Matrix v = wb::ref::matmul(wb::batch_item(encoder, b), wb::ref::transpose(w.W_value));
        const wb::Matrix weights =
            wb::ref::softmax_rows(wb::ref::matmul(q, wb::ref::transpose(k)) / std::sqrt(static_cast<double>(d_out)));
        REQUIRE_THAT(wb::batch_item(out.weights, b), Equals(weights, 1e-12).weights());
        REQUIRE_THAT(wb::ref::row_sums(wb::batch_item(out.weights, b)),
                     Equals(wb::Vector(xt::ones<double>({T_dec})), 1e-12));
        REQUIRE_THAT(wb::batch_item(out.contexts, b), Equals(wb::ref::matmul(weights, v), 1e-12));
    }
    SECTION("reordering the encoder positions changes no context (keys and values move together)") {
        const auto order = wb::ref::random_permutation(seed, T_enc);
        wb::Tensor3 shuffled = encoder;
        for (std::size_t b = 0; b < B; ++b)
            xt::view(shuffled, b, xt::all(), xt::all()) = wb::ref::permute_rows(wb::batch_item(encoder, b), order);
        REQUIRE_THAT(ch05::cross_attention(decoder, shuffled, w).contexts, Equals(out.contexts, 1e-12));
    }
}

TEST_CASE("5.9 with queries, keys and values from one sequence it is self-attention", "[ch05][5.9]") {
    SECTION("PyTorch's self-attention of the encoder states") {
        const wb::Tensor3 x = wb::stack_batch({expected().tensor<2>("encoder_states")});
        const ch05::CrossAttention out = ch05::cross_attention(x, x, stored_projections());
        REQUIRE_THAT(out.weights, Equals(expected().tensor<3>("self/weights"), 1e-12).weights());
        REQUIRE_THAT(out.contexts, Equals(expected().tensor<3>("self/contexts"), 1e-12));
    }
    SECTION("random sequences against the self-attention formula") {
        const auto seed = GENERATE(range(1, 11));
        const std::size_t T = wb::ref::random_size(seed, 1, 1, 8), d_in = wb::ref::random_size(seed, 2, 1, 6);
        const std::size_t d_out = wb::ref::random_size(seed, 3, 1, 5);
        CAPTURE(seed, T, d_in, d_out);
        wb::TorchGenerator gen(seed);
        const wb::Matrix x = gen.rand(T, d_in);
        const ch05::CrossAttentionWeights w{gen.linear_weight(d_in, d_out), gen.linear_weight(d_in, d_out),
                                            gen.linear_weight(d_in, d_out)};
        wb::Matrix weights;
        const wb::Matrix contexts = self_attention(x, w, &weights);
        const ch05::CrossAttention out = ch05::cross_attention(wb::stack_batch({x}), wb::stack_batch({x}), w);
        REQUIRE_THAT(wb::batch_item(out.weights, 0), Equals(weights, 1e-12).weights());
        REQUIRE_THAT(wb::batch_item(out.contexts, 0), Equals(contexts, 1e-12));
    }
}

TEST_CASE("5.9 mismatched batches, sizes or an empty encoder throw std::invalid_argument", "[ch05][5.9]") {
    wb::TorchGenerator gen(9);
    const ch05::CrossAttentionWeights w{gen.linear_weight(3, 2), gen.linear_weight(4, 2), gen.linear_weight(4, 2)};
    const wb::Tensor3 decoder = gen.rand(2, 3, 3), encoder = gen.rand(2, 5, 4);
    SECTION("batch sizes differ") {
        REQUIRE_THROWS_MATCHES(ch05::cross_attention(decoder, gen.rand(1, 5, 4), w), std::invalid_argument,
                               Says("cross_attention:"));
    }
    SECTION("decoder and encoder swapped") {
        REQUIRE_THROWS_MATCHES(ch05::cross_attention(encoder, decoder, w), std::invalid_argument,
                               Says("cross_attention:"));
    }
    SECTION("no encoder positions") {
        REQUIRE_THROWS_MATCHES(ch05::cross_attention(decoder, wb::Tensor3(xt::zeros<double>({2, 0, 4})), w),
                               std::invalid_argument, Says("cross_attention:"));
    }
}

TEST_CASE("5.9 each projection's size is checked on its own, with the others right", "[ch05][5.9]") {
    wb::TorchGenerator gen(11);
    const wb::Tensor3 decoder = gen.rand(2, 3, 3), encoder = gen.rand(2, 5, 4);  // d_dec 3, d_enc 4
    const ch05::CrossAttentionWeights good{gen.linear_weight(3, 2), gen.linear_weight(4, 2), gen.linear_weight(4, 2)};
    REQUIRE_NOTHROW(ch05::cross_attention(decoder, encoder, good));
    ch05::CrossAttentionWeights w = good;
    SECTION("W_query reads d_enc features instead of d_dec") {
        w.W_query = gen.linear_weight(4, 2);
        REQUIRE_THROWS_MATCHES(ch05::cross_attention(decoder, encoder, w), std::invalid_argument,
                               Says("cross_attention:"));
    }
    SECTION("W_key reads d_dec features instead of d_enc") {
        w.W_key = gen.linear_weight(3, 2);
        REQUIRE_THROWS_MATCHES(ch05::cross_attention(decoder, encoder, w), std::invalid_argument,
                               Says("cross_attention:"));
    }
    SECTION("W_value reads d_dec features instead of d_enc") {
        w.W_value = gen.linear_weight(3, 2);
        REQUIRE_THROWS_MATCHES(ch05::cross_attention(decoder, encoder, w), std::invalid_argument,
                               Says("cross_attention:"));
    }
    SECTION("W_key projects to a different d_out than W_query") {
        w.W_key = gen.linear_weight(4, 3);
        REQUIRE_THROWS_MATCHES(ch05::cross_attention(decoder, encoder, w), std::invalid_argument,
                               Says("cross_attention:"));
    }
    SECTION("W_value projects to a different d_out than W_query") {
        w.W_value = gen.linear_weight(4, 3);
        REQUIRE_THROWS_MATCHES(ch05::cross_attention(decoder, encoder, w), std::invalid_argument,
                               Says("cross_attention:"));
    }
    SECTION("d_out = 0: nothing to scale by") {
        const ch05::CrossAttentionWeights empty{wb::Matrix(xt::zeros<double>({0, 3})),
                                                wb::Matrix(xt::zeros<double>({0, 4})),
                                                wb::Matrix(xt::zeros<double>({0, 4}))};
        REQUIRE_THROWS_MATCHES(ch05::cross_attention(decoder, encoder, empty), std::invalid_argument,
                               Says("cross_attention:"));
    }
}

TEST_CASE("5.9 edge sizes: one decoder position, one encoder position, an empty batch", "[ch05][5.9]") {
    wb::TorchGenerator gen(12);
    const ch05::CrossAttentionWeights w{gen.linear_weight(3, 2), gen.linear_weight(4, 2), gen.linear_weight(4, 2)};
    SECTION("T_enc = 1: every weight is 1 and each context is the one value") {
        const wb::Tensor3 decoder = gen.rand(2, 3, 3), encoder = gen.rand(2, 1, 4);
        const ch05::CrossAttention out = ch05::cross_attention(decoder, encoder, w);
        REQUIRE_THAT(out.weights, Equals(wb::Tensor3(xt::ones<double>({2, 3, 1})), 1e-12));
        for (std::size_t b = 0; b < 2; ++b)
            for (std::size_t i = 0; i < 3; ++i)
                for (std::size_t k = 0; k < 2; ++k)
                    REQUIRE_THAT(out.contexts(b, i, k), Catch::Matchers::WithinAbs(out.values(b, 0, k), 1e-12));
    }
    SECTION("B = 0: empty results of the right shapes") {
        const ch05::CrossAttention out = ch05::cross_attention(wb::Tensor3(xt::zeros<double>({0, 3, 3})),
                                                               wb::Tensor3(xt::zeros<double>({0, 5, 4})), w);
        REQUIRE(wb::shape_of(out.weights) == "(0, 3, 5)");
        REQUIRE(wb::shape_of(out.contexts) == "(0, 3, 2)");
    }
}
