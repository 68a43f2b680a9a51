// Exercise 3.5: causal_attention.
#include "ch03/ch03_test.hpp"

using namespace ch03_test;

namespace {

ch03::Dropout eval_mode() {
    return ch03::Dropout{};
}

}  // namespace

TEST_CASE("3.5 a batch of two copies of the sentence through the module at seed 123 matches PyTorch", "[ch03][3.5]") {
    const wb::Tensor3 batch = expected().tensor<3>("batch");  // (B, T, d_in) = (2, 6, 3)
    const ch03::AttentionWeights weights = stored_weights("module_");
    SECTION("evaluation mode: contexts (2, 6, 2)") {
        const wb::Tensor3 contexts = ch03::causal_attention(batch, weights, eval_mode());
        REQUIRE_THAT(contexts, Equals(expected().tensor<3>("batch_contexts"), 1e-12));
    }
    SECTION("training mode with dropout 0.5 and PyTorch's mask") {
        const ch03::Dropout dropout{0.5, true, expected().tensor<3>("batch_keep_seed123")};
        INFO("dropout belongs on the attention weights after the softmax, scaled by 1 / (1 - p)");
        REQUIRE_THAT(ch03::causal_attention(batch, weights, dropout),
                     Equals(expected().tensor<3>("batch_contexts_dropout"), 1e-12));
    }
    SECTION("evaluation mode ignores the keep mask: dropout is off") {
        const ch03::Dropout dropout{0.5, false, expected().tensor<3>("batch_keep_seed123")};
        INFO("in evaluation mode nothing is dropped and nothing is scaled");
        REQUIRE_THAT(ch03::causal_attention(batch, weights, dropout),
                     Equals(expected().tensor<3>("batch_contexts_eval"), 1e-12));
    }
}

TEST_CASE("3.5 the chapter's sentence at seed 789 gives the contexts of the two masking ways", "[ch03][3.5]") {
    const wb::Matrix inputs = expected().tensor<2>("inputs");  // (6, 3)
    const wb::Tensor3 contexts = ch03::causal_attention(wb::stack_batch({inputs}), stored_weights(""), eval_mode());
    REQUIRE_THAT(wb::batch_item(contexts, 0), Equals(expected().tensor<2>("contexts"), 1e-12));
}

TEST_CASE("3.5 on random batches the forward pass agrees with a plain loop", "[ch03][3.5]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t B = wb::ref::random_size(seed, 1, 1, 4), T = wb::ref::random_size(seed, 2, 1, 8);
    const std::size_t d_in = wb::ref::random_size(seed, 3, 1, 5), d_out = wb::ref::random_size(seed, 4, 1, 4);
    CAPTURE(seed, B, T, d_in, d_out);
    const ch03::AttentionWeights weights = random_weights(seed, d_in, d_out);
    std::vector<wb::Matrix> sequences, keeps;
    for (std::size_t b = 0; b < B; ++b) {
        sequences.push_back(wb::ref::random_matrix(seed * 10 + b, T, d_in));
        keeps.push_back(random_mask(seed * 20 + b, T, T, 0.7));
    }
    const wb::Tensor3 inputs = wb::stack_batch(sequences);  // (B, T, d_in)

    SECTION("evaluation mode") {
        const wb::Tensor3 contexts = ch03::causal_attention(inputs, weights, eval_mode());  // (B, T, d_out)
        REQUIRE(contexts.shape(2) == d_out);
        std::vector<wb::Matrix> wanted;
        for (std::size_t b = 0; b < B; ++b) wanted.push_back(attention_loop(sequences[b], weights, causal_loop(T)));
        REQUIRE_THAT(contexts, Equals(wb::stack_batch(wanted), 1e-12));
    }
    SECTION("training mode, dropout 0.3 on the weights") {
        const ch03::Dropout dropout{0.3, true, wb::stack_batch(keeps)};
        std::vector<wb::Matrix> wanted;
        for (std::size_t b = 0; b < B; ++b)
            wanted.push_back(attention_loop(sequences[b], weights, causal_loop(T), &keeps[b], 0.3));
        REQUIRE_THAT(ch03::causal_attention(inputs, weights, dropout), Equals(wb::stack_batch(wanted), 1e-12));
    }
    SECTION("each sequence of the batch gives what it gives on its own") {
        const wb::Tensor3 contexts = ch03::causal_attention(inputs, weights, eval_mode());
        for (std::size_t b = 0; b < B; ++b) {
            CAPTURE(b);
            const wb::Tensor3 alone = ch03::causal_attention(wb::stack_batch({sequences[b]}), weights, eval_mode());
            REQUIRE_THAT(wb::batch_item(contexts, b), Equals(wb::batch_item(alone, 0), 1e-12));
        }
    }
}

TEST_CASE("3.5 causality: changing a future token does not change any earlier output", "[ch03][3.5]") {
    const auto seed = GENERATE(range(1, 16));
    const std::size_t T = wb::ref::random_size(seed, 1, 2, 9), d_in = wb::ref::random_size(seed, 2, 1, 5);
    const std::size_t t = wb::ref::random_size(seed, 3, 1, T - 1);  // tokens t.. change
    CAPTURE(seed, T, d_in, t);
    const ch03::AttentionWeights weights = random_weights(seed, d_in, 3);
    const wb::Matrix inputs = wb::ref::random_matrix(seed, T, d_in);  // (T, d_in)
    wb::Matrix changed = inputs;
    const wb::Matrix other = wb::ref::random_matrix(seed + 77, T, d_in, -5.0, 5.0);
    for (std::size_t i = t; i < T; ++i)
        for (std::size_t k = 0; k < d_in; ++k) changed(i, k) = other(i, k);
    const wb::Matrix before =
        wb::batch_item(ch03::causal_attention(wb::stack_batch({inputs}), weights, eval_mode()), 0);
    const wb::Matrix after =
        wb::batch_item(ch03::causal_attention(wb::stack_batch({changed}), weights, eval_mode()), 0);
    INFO("outputs before position t must not depend on tokens at t or later");
    const auto first_rows = [t](const wb::Matrix& m) {
        wb::Matrix out = xt::zeros<double>({t, m.shape(1)});
        for (std::size_t i = 0; i < t; ++i)
            for (std::size_t k = 0; k < m.shape(1); ++k) out(i, k) = m(i, k);
        return out;
    };
    REQUIRE_THAT(first_rows(after), Equals(first_rows(before), 1e-12, 0.0));
    bool any_later_changed = false;
    for (std::size_t i = t; i < T; ++i)
        for (std::size_t k = 0; k < 3; ++k) any_later_changed = any_later_changed || after(i, k) != before(i, k);
    REQUIRE(any_later_changed);
}

TEST_CASE("3.5 training with p = 0 and everything kept equals evaluation mode", "[ch03][3.5]") {
    const wb::Tensor3 batch = expected().tensor<3>("batch");
    const ch03::Dropout no_drop{0.0, true, wb::Tensor3(xt::ones<double>({2, 6, 6}))};
    REQUIRE_THAT(ch03::causal_attention(batch, stored_weights("module_"), no_drop),
                 Equals(expected().tensor<3>("batch_contexts"), 1e-12));
}

TEST_CASE("3.5 weights, keep masks and p that do not fit throw std::invalid_argument", "[ch03][3.5]") {
    const wb::Tensor3 batch = expected().tensor<3>("batch");  // (2, 6, 3)
    const ch03::AttentionWeights good = stored_weights("module_");
    SECTION("a weight with the wrong d_in") {
        ch03::AttentionWeights bad = good;
        bad.W_key = wb::ref::random_matrix(1, 2, 4);  // (2, 4)
        REQUIRE_THROWS_MATCHES(ch03::causal_attention(batch, bad, eval_mode()), std::invalid_argument,
                               Says("causal_attention:", "(2, 4)"));
    }
    SECTION("a value weight with another d_out than the query and key weights") {
        ch03::AttentionWeights bad = good;
        bad.W_value = wb::ref::random_matrix(1, 3, 3);  // (3, 3) next to (2, 3): d_in fits, d_out does not
        // The contract: the message names all three weight shapes.
        REQUIRE_THROWS_MATCHES(ch03::causal_attention(batch, bad, eval_mode()), std::invalid_argument,
                               Says("causal_attention:", "(3, 3)", "(2, 3)"));
    }
    SECTION("a keep mask of the wrong shape in training mode") {
        const ch03::Dropout dropout{0.5, true, wb::Tensor3(xt::ones<double>({1, 6, 6}))};
        REQUIRE_THROWS_MATCHES(ch03::causal_attention(batch, good, dropout), std::invalid_argument,
                               Says("causal_attention:", "(1, 6, 6)"));
    }
    SECTION("p = 1.5 in training mode") {
        const ch03::Dropout dropout{1.5, true, wb::Tensor3(xt::ones<double>({2, 6, 6}))};
        REQUIRE_THROWS_MATCHES(ch03::causal_attention(batch, good, dropout), std::invalid_argument,
                               Says("causal_attention:", "1.5"));
    }
}

TEST_CASE("3.5 each axis of the keep mask and each weight's size is checked on its own", "[ch03][3.5]") {
    const wb::Tensor3 batch = expected().tensor<3>("batch");  // (2, 6, 3)
    const ch03::AttentionWeights good = stored_weights("module_");
    const std::vector<std::size_t> b_t_t{2, 6, 6};
    for (std::size_t axis = 0; axis < 3; ++axis) {
        std::vector<std::size_t> shape = b_t_t;
        shape[axis] += 1;
        CAPTURE(axis);
        const ch03::Dropout dropout{0.5, true, wb::Tensor3(xt::ones<double>(shape))};
        REQUIRE_THROWS_MATCHES(ch03::causal_attention(batch, good, dropout), std::invalid_argument,
                               Says("causal_attention:", wb::shape_of(dropout.keep)));
    }
    SECTION("W_query one row longer (d_out 3) next to W_key and W_value (2, 3): all three shapes named") {
        ch03::AttentionWeights bad = good;
        bad.W_query = wb::ref::random_matrix(1, 3, 3);
        REQUIRE_THROWS_MATCHES(ch03::causal_attention(batch, bad, eval_mode()), std::invalid_argument,
                               Says("causal_attention:", "(3, 3)", "(2, 3)"));
    }
    SECTION("W_key one row longer (d_out 3)") {
        ch03::AttentionWeights bad = good;
        bad.W_key = wb::ref::random_matrix(1, 3, 3);
        REQUIRE_THROWS_MATCHES(ch03::causal_attention(batch, bad, eval_mode()), std::invalid_argument,
                               Says("causal_attention:"));
    }
    SECTION("W_value with d_in 4, d_out right: all three shapes named") {
        ch03::AttentionWeights bad = good;
        bad.W_value = wb::ref::random_matrix(1, 2, 4);
        REQUIRE_THROWS_MATCHES(ch03::causal_attention(batch, bad, eval_mode()), std::invalid_argument,
                               Says("causal_attention:", "(2, 4)", "(2, 3)"));
    }
    SECTION("p = 1, p < 0 and NaN in training mode, the keep mask right") {
        for (const double p : {1.0, -0.1, std::numeric_limits<double>::quiet_NaN()}) {
            CAPTURE(p);
            const ch03::Dropout dropout{p, true, wb::Tensor3(xt::ones<double>(b_t_t))};
            REQUIRE_THROWS_MATCHES(ch03::causal_attention(batch, good, dropout), std::invalid_argument,
                                   Says("causal_attention:"));
        }
    }
    SECTION("in evaluation mode a wrong keep mask and p are ignored") {
        const ch03::Dropout ignored{1.5, false, wb::Tensor3(xt::ones<double>({1, 2, 2}))};
        REQUIRE_THAT(ch03::causal_attention(batch, good, ignored),
                     Equals(expected().tensor<3>("batch_contexts"), 1e-12));
    }
}

TEST_CASE("3.5 edge sizes: T = 1 attends to itself, an empty batch gives an empty result", "[ch03][3.5]") {
    const ch03::AttentionWeights w = random_weights(4, 3, 2);
    SECTION("T = 1: the context is the token's value") {
        const wb::Matrix x = wb::ref::random_matrix(5, 1, 3);
        const wb::Tensor3 out = ch03::causal_attention(wb::stack_batch({x, x}), w, eval_mode());
        const wb::Matrix value = wb::ref::matmul(x, wb::ref::transpose(w.W_value));  // (1, 2)
        REQUIRE_THAT(wb::batch_item(out, 1), Equals(value, 1e-12));
    }
    SECTION("B = 0 in training mode with p = 0.5 and an empty keep mask") {
        const ch03::Dropout dropout{0.5, true, wb::Tensor3(xt::zeros<double>({0, 4, 4}))};
        const wb::Tensor3 out = ch03::causal_attention(wb::Tensor3(xt::zeros<double>({0, 4, 3})), w, dropout);
        REQUIRE(wb::shape_of(out) == "(0, 4, 2)");
    }
    SECTION("B = 0 in training mode still refuses p = 1: the check does not wait for a sequence") {
        const ch03::Dropout dropout{1.0, true, wb::Tensor3(xt::zeros<double>({0, 4, 4}))};
        REQUIRE_THROWS_MATCHES(ch03::causal_attention(wb::Tensor3(xt::zeros<double>({0, 4, 3})), w, dropout),
                               std::invalid_argument, Says("causal_attention:"));
    }
}
