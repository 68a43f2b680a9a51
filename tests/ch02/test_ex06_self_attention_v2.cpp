// Exercise 2.6: self_attention_v2.
#include "ch02/ch02_test.hpp"

using namespace ch02_test;

TEST_CASE("2.6 V2 on the sentence with the seed-789 layers matches PyTorch", "[ch02][2.6]") {
    const Matrix inputs = expected().tensor<2>("inputs");  // (6, 3)
    SECTION("without bias") {
        REQUIRE_THAT(ch02::self_attention_v2(expected_v2("v2"), inputs),
                     Equals(expected().tensor<2>("v2_contexts"), 1e-12));
    }
    SECTION("with bias") {
        REQUIRE_THAT(ch02::self_attention_v2(expected_v2("v2_bias"), inputs),
                     Equals(expected().tensor<2>("v2_bias_contexts"), 1e-12));
    }
    SECTION("with the layers drawn by make_self_attention_v2 after seed 789") {
        const bool bias = GENERATE(false, true);
        CAPTURE(bias);
        wb::TorchGenerator gen(789);
        const ch02::SelfAttentionV2 drawn = ch02::make_self_attention_v2(gen, 3, 2, bias);
        // nn.Linear's draws are float32 arithmetic: agreement to about 1e-7, not always bit-exact.
        REQUIRE_THAT(ch02::self_attention_v2(drawn, inputs),
                     Equals(expected().tensor<2>(bias ? "v2_bias_contexts" : "v2_contexts"), 1e-7));
    }
}

TEST_CASE("2.6 on random modules and inputs V2 agrees with plain loops", "[ch02][2.6]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9), d_in = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t d_out = wb::ref::random_size(seed, 3, 1, 7);
    const bool bias = seed % 3 != 0;
    CAPTURE(seed, T, d_in, d_out, bias);
    const Matrix inputs = wb::ref::random_matrix(seed, T, d_in);  // (T, d_in)
    const ch02::SelfAttentionV2 module = random_v2(seed, d_in, d_out, bias);
    const Matrix contexts = ch02::self_attention_v2(module, inputs);  // (T, d_out)

    SECTION("softmax(Q K^T / sqrt(d_out)) V with Q = X W_q^T + b_q, ...") {
        REQUIRE_THAT(contexts, Equals(ref_v2(module, inputs), 1e-12));
    }
    SECTION("shuffling the tokens shuffles the context vectors the same way") {
        const std::vector<std::size_t> order = wb::ref::random_permutation(seed, T);
        REQUIRE_THAT(ch02::self_attention_v2(module, wb::ref::permute_rows(inputs, order)),
                     Equals(wb::ref::permute_rows(contexts, order), 1e-12));
    }
}

TEST_CASE("2.6 inputs of the wrong width throw std::invalid_argument", "[ch02][2.6]") {
    const ch02::SelfAttentionV2 module = random_v2(3, 3, 2, false);
    REQUIRE_THROWS_MATCHES(ch02::self_attention_v2(module, wb::ref::random_matrix(1, 6, 2)), std::invalid_argument,
                           Says("(6, 2)", "(2, 3)"));
}
