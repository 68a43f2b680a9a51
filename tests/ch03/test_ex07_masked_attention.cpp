// Exercise 3.7: masked_attention.
#include "ch03/ch03_test.hpp"

using namespace ch03_test;

TEST_CASE("3.7 a padded batch with the padding mask matches PyTorch", "[ch03][3.7]") {
    const ch03::AttentionWeights weights = stored_weights("module_");
    SECTION("right padding: sequences of 6 and 4 tokens") {
        const wb::Tensor3 contexts = ch03::masked_attention(expected().tensor<3>("padded_batch"), weights,
                                                            expected().tensor<3>("padding_causal_mask"));
        REQUIRE_THAT(contexts, Equals(expected().tensor<3>("padded_contexts"), 1e-12));
    }
    SECTION("left padding: queries 1 and 2 see no real key and get zero contexts") {
        wb::Tensor3 inputs = xt::zeros<double>({1, 6, 3});
        const wb::Matrix sentence = expected().tensor<2>("inputs");
        for (std::size_t i = 0; i < 4; ++i)
            for (std::size_t k = 0; k < 3; ++k) inputs(0, i + 2, k) = sentence(i, k);
        const wb::Tensor3 contexts =
            ch03::masked_attention(inputs, weights, wb::stack_batch({expected().tensor<2>("left_padding_mask")}));
        INFO("the chapter's policy: a query with no allowed key gets zeros, not NaN");
        REQUIRE_THAT(wb::batch_item(contexts, 0), Equals(expected().tensor<2>("left_padded_contexts"), 1e-12));
    }
}

TEST_CASE("3.7 on random batches masked attention agrees with a plain loop", "[ch03][3.7]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 4), T = wb::ref::random_size(seed, 2, 1, 8);
    const std::size_t d_in = wb::ref::random_size(seed, 3, 1, 5), d_out = wb::ref::random_size(seed, 4, 1, 4);
    CAPTURE(seed, B, T, d_in, d_out);
    const ch03::AttentionWeights weights = random_weights(seed, d_in, d_out);
    std::vector<wb::Matrix> sequences, masks, wanted;
    for (std::size_t b = 0; b < B; ++b) {
        sequences.push_back(wb::ref::random_matrix(seed * 10 + b, T, d_in));
        masks.push_back(random_mask(seed * 30 + b, T, T, 0.5));  // some rows may have no key at all
        wanted.push_back(attention_loop(sequences[b], weights, masks[b]));
    }
    REQUIRE_THAT(ch03::masked_attention(wb::stack_batch(sequences), weights, wb::stack_batch(masks)),
                 Equals(wb::stack_batch(wanted), 1e-12));
}

TEST_CASE("3.7 the real tokens of a padded sequence get what the sequence alone gets, whatever the padding",
          "[ch03][3.7]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t T = wb::ref::random_size(seed, 1, 2, 9), d_in = wb::ref::random_size(seed, 2, 1, 5);
    const std::size_t n = wb::ref::random_size(seed, 3, 1, T - 1);  // real tokens, then T - n padding
    CAPTURE(seed, T, d_in, n);
    const ch03::AttentionWeights weights = random_weights(seed, d_in, 2);
    const wb::Matrix junk = wb::ref::random_matrix(seed + 5, T, d_in, -9.0, 9.0);  // padding is anything
    const wb::Matrix alone = wb::ref::random_matrix(seed, n, d_in);                // (n, d_in)
    wb::Matrix padded = junk;                                                      // (T, d_in)
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < d_in; ++k) padded(i, k) = alone(i, k);
    wb::Matrix mask = causal_loop(T);
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = n; j < T; ++j) mask(i, j) = 0.0;
    const wb::Matrix contexts =
        wb::batch_item(ch03::masked_attention(wb::stack_batch({padded}), weights, wb::stack_batch({mask})), 0);
    const wb::Matrix wanted = attention_loop(alone, weights, causal_loop(n));  // (n, 2)
    wb::Matrix real_rows = xt::zeros<double>({n, std::size_t{2}});             // the outputs of the n real tokens
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t k = 0; k < 2; ++k) real_rows(i, k) = contexts(i, k);
    INFO("padding keys must be masked for every query: the junk after token n must not leak in");
    REQUIRE_THAT(real_rows, Equals(wanted, 1e-12));
}

TEST_CASE("3.7 with the causal mask it equals 3.5 in evaluation mode, by a plain loop", "[ch03][3.7]") {
    const wb::Tensor3 batch = expected().tensor<3>("batch");
    const wb::Tensor3 mask = wb::stack_batch({causal_loop(6), causal_loop(6)});
    REQUIRE_THAT(ch03::masked_attention(batch, stored_weights("module_"), mask),
                 Equals(expected().tensor<3>("batch_contexts"), 1e-12));
}

TEST_CASE("3.7 a mask that does not fit the batch throws std::invalid_argument", "[ch03][3.7]") {
    const wb::Tensor3 batch = expected().tensor<3>("batch");  // (2, 6, 3)
    const ch03::AttentionWeights weights = stored_weights("module_");
    REQUIRE_THROWS_MATCHES(ch03::masked_attention(batch, weights, wb::stack_batch({causal_loop(6)})),
                           std::invalid_argument, Says("masked_attention:", "(1, 6, 6)"));
    REQUIRE_THROWS_MATCHES(ch03::masked_attention(batch, weights, wb::stack_batch({causal_loop(5), causal_loop(5)})),
                           std::invalid_argument, Says("masked_attention:"));
    ch03::AttentionWeights bad = weights;
    bad.W_value = wb::ref::random_matrix(1, 2, 2);  // (2, 2): d_in should be 3
    REQUIRE_THROWS_MATCHES(ch03::masked_attention(batch, bad, wb::stack_batch({causal_loop(6), causal_loop(6)})),
                           std::invalid_argument, Says("masked_attention:", "(2, 2)"));
}

TEST_CASE("3.7 each axis of the mask is checked on its own", "[ch03][3.7]") {
    const wb::Tensor3 batch = expected().tensor<3>("batch");  // (2, 6, 3)
    const ch03::AttentionWeights weights = stored_weights("module_");
    const std::vector<std::size_t> b_t_t{2, 6, 6};
    REQUIRE_NOTHROW(ch03::masked_attention(batch, weights, wb::Tensor3(xt::ones<double>(b_t_t))));
    for (std::size_t axis = 0; axis < 3; ++axis)
        for (const int change : {-1, 1}) {
            std::vector<std::size_t> shape = b_t_t;
            shape[axis] = static_cast<std::size_t>(static_cast<int>(shape[axis]) + change);
            CAPTURE(axis, change);
            const wb::Tensor3 mask = xt::ones<double>(shape);
            REQUIRE_THROWS_MATCHES(ch03::masked_attention(batch, weights, mask), std::invalid_argument,
                                   Says("masked_attention:", wb::shape_of(mask)));
        }
    SECTION("W_query with another d_out, W_key and W_value right: the message names all three shapes") {
        ch03::AttentionWeights bad = weights;
        bad.W_query = wb::ref::random_matrix(1, 3, 3);
        REQUIRE_THROWS_MATCHES(ch03::masked_attention(batch, bad, wb::Tensor3(xt::ones<double>(b_t_t))),
                               std::invalid_argument, Says("masked_attention:", "(3, 3)", "(2, 3)"));
    }
    SECTION("W_value with another d_in, W_query and W_key right: the message names all three shapes") {
        ch03::AttentionWeights bad = weights;
        bad.W_value = wb::ref::random_matrix(1, 2, 2);
        REQUIRE_THROWS_MATCHES(ch03::masked_attention(batch, bad, wb::Tensor3(xt::ones<double>(b_t_t))),
                               std::invalid_argument, Says("masked_attention:", "(2, 2)", "(2, 3)"));
    }
}
