// Exercise 8.9: one block's backward pass, against autograd gradient by gradient; and the whole
// stack of the given code (embedding, positions, blocks, final LayerNorm, tied head), which is
// built from your exercises, against PyTorch's logits and every gradient.
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

TEST_CASE("8.9 the block's gradients equal autograd's: the input and every parameter", "[ch08][8.9]") {
    for (const std::string& name : block_cases()) {
        CAPTURE(name);
        const BlockCase c = block_case(name, false);
        const ch08::BlockForward f = ch08::block_forward(c.params, c.x, c.config);
        ch08::BlockBackward b = ch08::block_backward(c.params, f, c.d_output, c.config);
        require_gradients(ch08::named_parameters(b.grads), name);
        REQUIRE_THAT(b.d_input, Torch(mat(name + "/d_input")));
    }
}

TEST_CASE("8.9 with zero sub-layers the gradient passes through the residuals unchanged", "[ch08][8.9]") {
    const auto seed = GENERATE(range(1, 4));
    wb::TorchGenerator generator(seed);
    ch08::BlockParams params = ch08::block_init(6, 12, generator);
    for (ch08::NamedTensor p : ch08::named_parameters(params))
        if (p.name.rfind("attn.out_proj", 0) == 0 || p.name.rfind("mlp.proj", 0) == 0)
            std::fill(p.data, p.data + p.size, 0.0);
    ch08::BlockConfig config;
    config.heads = 3;
    const wb::Matrix x = wb::ref::random_matrix(seed, 4, 6, -2, 2), dy = wb::ref::random_matrix(seed + 1, 4, 6);
    const ch08::BlockBackward b = ch08::block_backward(params, ch08::block_forward(params, x, config), dy, config);
    REQUIRE_THAT(b.d_input, Equals(dy, 0, 0));
}

TEST_CASE("8.9 on random shapes and seeds: finite differences of <block(x), dy> in x", "[ch08][8.9]") {
    const auto seed = GENERATE(range(1, 6));
    const std::size_t heads = wb::ref::random_size(seed, 1, 1, 3), d = heads * 2 * wb::ref::random_size(seed, 2, 1, 2);
    const std::size_t T = wb::ref::random_size(seed, 3, 1, 5);
    CAPTURE(seed, heads, d, T);
    wb::TorchGenerator generator(seed);
    const ch08::BlockParams params = ch08::block_init(d, 2 * d, generator);
    ch08::BlockConfig config;
    config.heads = heads;
    config.rope = seed % 2 == 1;
    config.gelu = seed % 3 == 0 ? ch08::Gelu::exact : ch08::Gelu::tanh;
    const wb::Matrix x = wb::ref::random_matrix(seed, T, d, -2, 2), dy = wb::ref::random_matrix(seed + 1, T, d);
    const ch08::BlockBackward b = ch08::block_backward(params, ch08::block_forward(params, x, config), dy, config);
    const auto loss = [&](const wb::Matrix& z) { return inner(ch08::block_forward(params, z, config).output, dy); };
    REQUIRE_THAT(b.d_input, Equals(numerical_gradient(loss, x), 1e-7, 1e-6));
}

TEST_CASE("8.9 the stack of blocks equals PyTorch's GPT: logits and every gradient, three position schemes",
          "[ch08][8.9]") {
    for (const auto& [scheme, positions] :
         std::vector<std::pair<std::string, ch08::Positions>>{{"learned", ch08::Positions::learned},
                                                              {"sinusoidal", ch08::Positions::sinusoidal},
                                                              {"rope", ch08::Positions::rope}}) {
        const std::string name = "gpt/" + scheme;
        CAPTURE(name);
        ch08::GptConfig config;
        config.vocab = 11;
        config.context = 8;
        config.d_model = 8;
        config.heads = 2;
        config.layers = 2;
        config.d_hidden = 32;
        config.positions = positions;
        ch08::GptParams params = ch08::gpt_init(config, 123);
        std::vector<std::string> names;
        for (const ch08::NamedTensor& p : ch08::named_parameters(params)) names.push_back(p.name);
        REQUIRE(names == expected().strings(name + "/names"));
        std::vector<std::size_t> tokens;
        for (double t : vec(name + "/tokens")) tokens.push_back(static_cast<std::size_t>(t));
        const ch08::GptForward f = ch08::gpt_forward(params, config, tokens);
        REQUIRE_THAT(f.logits, Torch(mat(name + "/logits")));
        ch08::GptParams grads = ch08::gpt_backward(params, config, f, mat(name + "/d_logits"));
        require_gradients(ch08::named_parameters(grads), name);
    }
}

TEST_CASE("8.9 a d_output of another shape throws std::invalid_argument, each on its own", "[ch08][8.9]") {
    wb::TorchGenerator generator(1);
    const ch08::BlockParams params = ch08::block_init(4, 8, generator);
    ch08::BlockConfig config;
    config.heads = 2;
    const ch08::BlockForward f = ch08::block_forward(params, wb::ref::random_matrix(1, 3, 4), config);
    REQUIRE_NOTHROW(ch08::block_backward(params, f, wb::ref::random_matrix(2, 3, 4), config));
    SECTION("another row count") {
        REQUIRE_THROWS_MATCHES(ch08::block_backward(params, f, wb::ref::random_matrix(2, 2, 4), config),
                               std::invalid_argument, Says("block_backward:"));
    }
    SECTION("another column count") {
        REQUIRE_THROWS_MATCHES(ch08::block_backward(params, f, wb::ref::random_matrix(2, 3, 5), config),
                               std::invalid_argument, Says("block_backward:"));
    }
}
