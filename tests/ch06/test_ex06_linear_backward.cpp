// Exercise 6.6: linear_backward, and the whole layers of Chapters 2-4 built on 6.4-6.6.
#include "ch06/ch06_test.hpp"

using namespace ch06_test;

TEST_CASE("6.6 the layers of Chapters 2, 3 and 4 backpropagate as PyTorch's autograd does", "[ch06][6.6]") {
    for (const std::string name : {"layer_ch02", "layer_ch03", "layer_ch04"}) {
        CAPTURE(name);
        ch06::AttentionLayer layer;
        layer.W_query = mat(name + "/W_query");
        layer.W_key = mat(name + "/W_key");
        layer.W_value = mat(name + "/W_value");
        layer.causal = name != "layer_ch02";
        if (name == "layer_ch04") {
            layer.W_out = mat(name + "/W_out");
            layer.b_out = vec(name + "/b_out");
            layer.heads = 2;
        }
        const wb::Matrix x = mat(name + "/inputs");
        REQUIRE_THAT(ch06::attention_layer_forward(layer, x), Torch(mat(name + "/output")));
        const ch06::AttentionLayerGrads g = ch06::attention_layer_backward(layer, x, mat(name + "/d_output"));
        REQUIRE_THAT(g.d_W_query, Torch(mat(name + "/d_W_query")));
        REQUIRE_THAT(g.d_W_key, Torch(mat(name + "/d_W_key")));
        REQUIRE_THAT(g.d_W_value, Torch(mat(name + "/d_W_value")));
        REQUIRE_THAT(g.d_inputs, Torch(mat(name + "/d_inputs")));
        if (name == "layer_ch04") {
            REQUIRE_THAT(g.d_W_out, Torch(mat(name + "/d_W_out")));
            REQUIRE_THAT(g.d_b_out, Torch(vec(name + "/d_b_out")));
        }
    }
}

TEST_CASE("6.6 on random shapes: dy W, dy^T x and the column sums of dy", "[ch06][6.6]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t N = wb::ref::random_size(seed, 1, 1, 7), d_in = wb::ref::random_size(seed, 2, 1, 6);
    const std::size_t d_out = wb::ref::random_size(seed, 3, 1, 6);
    CAPTURE(seed, N, d_in, d_out);
    const wb::Matrix x = wb::ref::random_matrix(seed, N, d_in), W = wb::ref::random_matrix(seed + 1, d_out, d_in);
    const wb::Matrix dy = wb::ref::random_matrix(seed + 2, N, d_out);
    const ch06::LinearBackward lb = ch06::linear_backward(x, W, dy);
    REQUIRE_THAT(lb.d_inputs, Equals(wb::ref::matmul(dy, W), 1e-14, 0));
    REQUIRE_THAT(lb.d_weight, Equals(loop_matmul_at(dy, x), 1e-14, 0));
    REQUIRE_THAT(lb.d_bias, Equals(wb::ref::column_sums(dy), 1e-14, 0));
    SECTION("finite differences of <x W^T + b, dy> agree for every weight") {
        for (std::size_t o = 0; o < d_out; ++o)
            for (std::size_t k = 0; k < d_in; ++k) {
                // <x W^T, dy> is linear in W(o, k): its derivative is sum_n dy(n, o) x(n, k), exactly.
                wb::Matrix up = W;
                up(o, k) += 1.0;
                const double change = xt::sum(wb::ref::matmul(x, wb::ref::transpose(up)) * dy)() -
                                      xt::sum(wb::ref::matmul(x, wb::ref::transpose(W)) * dy)();
                REQUIRE(std::fabs(change - lb.d_weight(o, k)) < 1e-12);
            }
    }
}

TEST_CASE("6.6 no rows: zero gradients for the weight and the bias", "[ch06][6.6]") {
    const ch06::LinearBackward lb =
        ch06::linear_backward(xt::zeros<double>({0, 3}), wb::ref::random_matrix(1, 2, 3), xt::zeros<double>({0, 2}));
    REQUIRE(lb.d_inputs.shape(0) == 0);
    REQUIRE_THAT(lb.d_weight, Equals(wb::Matrix(xt::zeros<double>({2, 3})), 0, 0));
    REQUIRE_THAT(lb.d_bias, Equals(wb::Vector(xt::zeros<double>({2})), 0, 0));
}

TEST_CASE("6.6 shapes that do not fit throw std::invalid_argument, each on its own", "[ch06][6.6]") {
    const wb::Matrix x = wb::ref::random_matrix(1, 4, 3), W = wb::ref::random_matrix(2, 2, 3);
    const wb::Matrix dy = wb::ref::random_matrix(3, 4, 2);
    REQUIRE_NOTHROW(ch06::linear_backward(x, W, dy));
    SECTION("a weight whose columns are not d_in") {
        REQUIRE_THROWS_MATCHES(ch06::linear_backward(x, wb::ref::random_matrix(2, 2, 4), dy), std::invalid_argument,
                               Says("linear_backward:"));
    }
    SECTION("d_outputs with another row count than N") {
        REQUIRE_THROWS_MATCHES(ch06::linear_backward(x, W, wb::ref::random_matrix(3, 5, 2)), std::invalid_argument,
                               Says("linear_backward:"));
    }
    SECTION("d_outputs with another column count than d_out") {
        REQUIRE_THROWS_MATCHES(ch06::linear_backward(x, W, wb::ref::random_matrix(3, 4, 3)), std::invalid_argument,
                               Says("linear_backward:"));
    }
}
