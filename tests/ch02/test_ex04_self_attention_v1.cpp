// Exercise 2.4: self_attention_v1.
#include "ch02/ch02_test.hpp"

using namespace ch02_test;

TEST_CASE("2.4 V1 on the sentence with the seed-123 weights matches PyTorch", "[ch02][2.4]") {
    const Matrix inputs = expected().tensor<2>("inputs");  // (6, 3)
    SECTION("the context vectors") {
        INFO("d_k in the scale is d_out = 2, the key size: not d_in = 3, not T = 6");
        REQUIRE_THAT(ch02::self_attention_v1(expected_v1(), inputs), Equals(expected().tensor<2>("contexts"), 1e-12));
    }
    SECTION("with the weights drawn by make_self_attention_v1 after seed 123") {
        wb::TorchGenerator gen(123);
        const ch02::SelfAttentionV1 drawn = ch02::make_self_attention_v1(gen, 3, 2);
        REQUIRE_THAT(ch02::self_attention_v1(drawn, inputs), Equals(expected().tensor<2>("contexts"), 1e-12));
    }
    SECTION("the sentence in reverse order") {
        const Matrix reversed = xt::flip(inputs, 0);
        REQUIRE_THAT(ch02::self_attention_v1(expected_v1(), reversed),
                     Equals(expected().tensor<2>("contexts_reversed_inputs"), 1e-12));
    }
}

TEST_CASE("2.4 on random modules and inputs V1 agrees with plain loops", "[ch02][2.4]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9), d_in = wb::ref::random_size(seed, 2, 1, 7);
    const std::size_t d_out = wb::ref::random_size(seed, 3, 1, 7);
    CAPTURE(seed, T, d_in, d_out);
    const Matrix inputs = wb::ref::random_matrix(seed, T, d_in);  // (T, d_in)
    const ch02::SelfAttentionV1 module = random_v1(seed, d_in, d_out);
    const Matrix contexts = ch02::self_attention_v1(module, inputs);  // (T, d_out)

    SECTION("softmax(Q K^T / sqrt(d_out)) V") {
        REQUIRE_THAT(contexts, Equals(ref_v1(module, inputs), 1e-12));
    }
    SECTION("shuffling the tokens shuffles the context vectors the same way (permutation equivariance)") {
        const std::vector<std::size_t> order = wb::ref::random_permutation(seed, T);
        REQUIRE_THAT(ch02::self_attention_v1(module, wb::ref::permute_rows(inputs, order)),
                     Equals(wb::ref::permute_rows(contexts, order), 1e-12));
    }
}

TEST_CASE("2.4 with d_in different from d_out the scale uses d_out", "[ch02][2.4]") {
    const auto seed = GENERATE(range(1, 6));
    const std::size_t T = 5, d_in = 9, d_out = 4;
    CAPTURE(seed);
    const Matrix inputs = wb::ref::random_matrix(seed, T, d_in, -2.0, 2.0);  // (T, d_in)
    const ch02::SelfAttentionV1 module = random_v1(seed, d_in, d_out);
    REQUIRE_THAT(ch02::self_attention_v1(module, inputs), Equals(ref_v1(module, inputs), 1e-12));
}

TEST_CASE("2.4 shapes that do not fit throw std::invalid_argument", "[ch02][2.4]") {
    const ch02::SelfAttentionV1 module = random_v1(3, 3, 2);
    SECTION("inputs of the wrong width") {
        REQUIRE_THROWS_MATCHES(ch02::self_attention_v1(module, wb::ref::random_matrix(1, 6, 4)), std::invalid_argument,
                               Says("(6, 4)"));
    }
    SECTION("a value weight of another shape") {
        ch02::SelfAttentionV1 odd = module;
        odd.W_value = wb::ref::random_matrix(5, 3, 3);  // (3, 3) next to (3, 2)
        REQUIRE_THROWS_MATCHES(ch02::self_attention_v1(odd, wb::ref::random_matrix(1, 6, 3)), std::invalid_argument,
                               Says("self_attention_v1:", "(3, 2)", "(3, 3)"));
    }
    SECTION("a key weight of another shape") {
        ch02::SelfAttentionV1 odd = module;
        odd.W_key = wb::ref::random_matrix(5, 3, 4);  // (3, 4) next to (3, 2)
        REQUIRE_THROWS_MATCHES(ch02::self_attention_v1(odd, wb::ref::random_matrix(1, 6, 3)), std::invalid_argument,
                               Says("self_attention_v1:", "(3, 2)", "(3, 4)"));
    }
}
