// Exercise 8.8: one pre-norm block's forward pass, against a PyTorch module made of nn.LayerNorm,
// nn.Linear and nn.GELU, with weights drawn by block_init as PyTorch draws them.
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

TEST_CASE("8.8 the block equals PyTorch's: the residual stream after attention, and the output", "[ch08][8.8]") {
    for (const std::string& name : block_cases()) {
        CAPTURE(name);
        const BlockCase c = block_case(name, false);
        const ch08::BlockForward f = ch08::block_forward(c.params, c.x, c.config);
        REQUIRE_THAT(f.input, Equals(c.x, 0, 0));
        REQUIRE_THAT(f.residual, Torch(mat(name + "/residual")));
        REQUIRE_THAT(f.output, Torch(mat(name + "/output")));
        SECTION("block_init drew every weight as the PyTorch modules' construction does") {
            BlockCase drawn = block_case(name, false);
            for (const ch08::NamedTensor& p : ch08::named_parameters(drawn.params)) {
                CAPTURE(p.name);
                CHECK_THAT(values_of(p), Equals(expected().array(name + "/param/" + p.name), 0, 0));
            }
        }
    }
}

TEST_CASE("8.8 causal: a later token changes no earlier output, and zero sub-layers leave x unchanged", "[ch08][8.8]") {
    const auto seed = GENERATE(range(1, 6));
    const std::size_t heads = wb::ref::random_size(seed, 1, 1, 3), d = heads * 2 * wb::ref::random_size(seed, 2, 1, 3);
    const std::size_t T = wb::ref::random_size(seed, 3, 2, 6);
    CAPTURE(seed, heads, d, T);
    wb::TorchGenerator generator(seed);
    ch08::BlockParams params = ch08::block_init(d, 4 * d, generator);
    ch08::BlockConfig config;
    config.heads = heads;
    config.rope = seed % 2 == 0;
    const wb::Matrix x = wb::ref::random_matrix(seed, T, d, -2, 2);
    wb::Matrix changed = x;
    for (std::size_t k = 0; k < d; ++k) changed(T - 1, k) += 1.0;
    const wb::Matrix y = ch08::block_forward(params, x, config).output;
    const wb::Matrix y_changed = ch08::block_forward(params, changed, config).output;
    for (std::size_t t = 0; t + 1 < T; ++t)
        for (std::size_t k = 0; k < d; ++k) REQUIRE(y(t, k) == y_changed(t, k));
    REQUIRE(max_abs(xt::view(y - y_changed, T - 1, xt::all())) > 1e-6);
    SECTION("with out_proj and proj all zero, each residual adds 0: y = x") {
        for (ch08::NamedTensor p : ch08::named_parameters(params))
            if (p.name.rfind("attn.out_proj", 0) == 0 || p.name.rfind("mlp.proj", 0) == 0)
                std::fill(p.data, p.data + p.size, 0.0);
        REQUIRE_THAT(ch08::block_forward(params, x, config).output, Equals(x, 0, 0));
    }
}

TEST_CASE("8.8 bad inputs throw std::invalid_argument, each on its own", "[ch08][8.8]") {
    wb::TorchGenerator generator(1);
    const ch08::BlockParams params = ch08::block_init(4, 8, generator);
    ch08::BlockConfig config;
    config.heads = 2;
    const wb::Matrix x = wb::ref::random_matrix(1, 3, 4);
    REQUIRE_NOTHROW(ch08::block_forward(params, x, config));
    SECTION("no tokens") {
        REQUIRE_THROWS_MATCHES(ch08::block_forward(params, xt::zeros<double>({0, 4}), config), std::invalid_argument,
                               Says("block_forward:"));
    }
    SECTION("x whose columns are not d") {
        REQUIRE_THROWS_MATCHES(ch08::block_forward(params, wb::ref::random_matrix(1, 3, 5), config),
                               std::invalid_argument, Says("block_forward:"));
    }
    SECTION("no heads") {
        config.heads = 0;
        REQUIRE_THROWS_MATCHES(ch08::block_forward(params, x, config), std::invalid_argument, Says("block_forward:"));
    }
    SECTION("heads that do not divide d") {
        config.heads = 3;
        REQUIRE_THROWS_MATCHES(ch08::block_forward(params, x, config), std::invalid_argument, Says("block_forward:"));
    }
}
