// Exercise 8.7: the MLP's backward (Linear, GELU, Linear), against autograd, gradient by gradient.
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

TEST_CASE("8.7 the MLP's gradients equal autograd's, tensor by tensor", "[ch08][8.7]") {
    for (const auto& [name, kind] :
         std::vector<std::pair<std::string, ch08::Gelu>>{{"mlp", ch08::Gelu::tanh}, {"mlp_exact", ch08::Gelu::exact}}) {
        CAPTURE(name);
        const wb::Matrix x = mat(name + "/x");
        ch08::MlpParams params = empty_mlp(x.shape(1), mat(name + "/param/fc.weight").shape(0));
        load_parameters(named(params), name);
        const ch08::MlpForward forward = ch08::mlp_forward(params, x, kind);
        ch08::MlpBackward b = ch08::mlp_backward(params, x, forward, mat(name + "/d_output"), kind);
        REQUIRE_THAT(forward.output, Torch(mat(name + "/output")));
        require_gradients(named(b.grads), name);
        REQUIRE_THAT(b.d_input, Torch(mat(name + "/d_input")));
    }
}

TEST_CASE("8.7 on random shapes: finite differences of <mlp(x), dy> in x", "[ch08][8.7]") {
    const auto seed = GENERATE(range(1, 6));
    const std::size_t N = wb::ref::random_size(seed, 1, 1, 4), d = wb::ref::random_size(seed, 2, 1, 5);
    const std::size_t d_hidden = wb::ref::random_size(seed, 3, 1, 9);
    CAPTURE(seed, N, d, d_hidden);
    wb::TorchGenerator generator(seed);
    ch08::MlpParams params;
    params.fc.weight = generator.linear_weight(d, d_hidden);
    params.fc.bias = generator.linear_bias(d, d_hidden);
    params.proj.weight = generator.linear_weight(d_hidden, d);
    params.proj.bias = generator.linear_bias(d_hidden, d);
    const wb::Matrix x = wb::ref::random_matrix(seed, N, d, -2, 2), dy = wb::ref::random_matrix(seed + 1, N, d);
    const ch08::MlpBackward b =
        ch08::mlp_backward(params, x, ch08::mlp_forward(params, x, ch08::Gelu::exact), dy, ch08::Gelu::exact);
    const auto loss = [&](const wb::Matrix& z) {
        return inner(ch08::mlp_forward(params, z, ch08::Gelu::exact).output, dy);
    };
    REQUIRE_THAT(b.d_input, Equals(numerical_gradient(loss, x), 1e-7, 1e-6));
}

TEST_CASE("8.7 a d_output of another shape throws std::invalid_argument, each on its own", "[ch08][8.7]") {
    wb::TorchGenerator generator(1);
    ch08::MlpParams params;
    params.fc.weight = generator.linear_weight(3, 6);
    params.fc.bias = generator.linear_bias(3, 6);
    params.proj.weight = generator.linear_weight(6, 3);
    params.proj.bias = generator.linear_bias(6, 3);
    const wb::Matrix x = wb::ref::random_matrix(1, 4, 3);
    const ch08::MlpForward forward = ch08::mlp_forward(params, x, ch08::Gelu::tanh);
    REQUIRE_NOTHROW(ch08::mlp_backward(params, x, forward, wb::ref::random_matrix(2, 4, 3), ch08::Gelu::tanh));
    SECTION("another row count") {
        REQUIRE_THROWS_MATCHES(
            ch08::mlp_backward(params, x, forward, wb::ref::random_matrix(2, 5, 3), ch08::Gelu::tanh),
            std::invalid_argument, Says("mlp_backward:"));
    }
    SECTION("another column count") {
        REQUIRE_THROWS_MATCHES(
            ch08::mlp_backward(params, x, forward, wb::ref::random_matrix(2, 4, 6), ch08::Gelu::tanh),
            std::invalid_argument, Says("mlp_backward:"));
    }
}
