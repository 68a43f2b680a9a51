// Exercise 5.7: attend.
#include "ch05/ch05_test.hpp"

using namespace ch05_test;

TEST_CASE("5.7 Bahdanau's and Luong's weights and context vectors match PyTorch", "[ch05][5.7]") {
    const wb::Matrix H = expected().tensor<2>("encoder_states");  // (T_enc, d_hidden): keys and values
    for (const std::string name : {"additive_bahdanau", "general_luong"}) {
        CAPTURE(name);
        const ch05::Attention out = ch05::attend(expected().tensor<1>(name), H);
        REQUIRE_THAT(out.weights, Equals(expected().tensor<1>("weights_" + name), 1e-12).weights());
        REQUIRE_THAT(out.context, Equals(expected().tensor<1>("context_" + name), 1e-12));
    }
}

TEST_CASE("5.7 on random scores the weights are a softmax and the context their weighted sum", "[ch05][5.7]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_enc = wb::ref::random_size(seed, 1, 1, 9), d_v = wb::ref::random_size(seed, 2, 1, 7);
    CAPTURE(seed, T_enc, d_v);
    const wb::Vector scores = wb::ref::random_vector(seed, T_enc, -4, 4);
    const wb::Matrix values = wb::ref::random_matrix(seed + 100, T_enc, d_v);
    const ch05::Attention out = ch05::attend(scores, values);
    REQUIRE_THAT(out.weights, Equals(wb::ref::softmax(scores), 1e-12).weights());
    REQUIRE_THAT(out.context, Equals(loop_context(wb::ref::softmax(scores), values), 1e-12));
    SECTION("the weights sum to 1") {
        REQUIRE(std::fabs(xt::sum(out.weights)() - 1.0) < 1e-12);
    }
    SECTION("adding 1000 to every score changes nothing (a stable softmax)") {
        const wb::Vector shifted = scores + 1000.0;
        const ch05::Attention moved = ch05::attend(shifted, values);
        REQUIRE_THAT(moved.weights, Equals(out.weights, 1e-12));
        REQUIRE_THAT(moved.context, Equals(out.context, 1e-12));
    }
    SECTION("the context stays inside the values' range, component by component") {
        for (std::size_t k = 0; k < d_v; ++k) {
            double low = values(0, k), high = values(0, k);
            for (std::size_t j = 0; j < T_enc; ++j)
                low = std::min(low, values(j, k)), high = std::max(high, values(j, k));
            REQUIRE(out.context(k) >= low - 1e-12);
            REQUIRE(out.context(k) <= high + 1e-12);
        }
    }
}

TEST_CASE("5.7 no encoder positions, or values of another length, throw std::invalid_argument", "[ch05][5.7]") {
    REQUIRE_THROWS_MATCHES(ch05::attend(wb::Vector(xt::zeros<double>({0})), wb::Matrix(xt::zeros<double>({0, 3}))),
                           std::invalid_argument, Says("attend:"));
    REQUIRE_THROWS_MATCHES(ch05::attend(wb::ref::random_vector(1, 3), wb::ref::random_matrix(2, 4, 2)),
                           std::invalid_argument, Says("attend:"));
}

TEST_CASE("5.7 scores that spread more than 709 apart: only subtracting the largest keeps exp finite", "[ch05][5.7]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t T_enc = wb::ref::random_size(seed, 1, 2, 9), d_v = wb::ref::random_size(seed, 2, 1, 5);
    CAPTURE(seed, T_enc, d_v);
    wb::Vector scores = wb::ref::random_vector(seed, T_enc, -500.0, 500.0);
    scores(0) = -450.0;
    scores(T_enc - 1) = 450.0;  // a spread of 900: exp(900) is inf
    const wb::Matrix values = wb::ref::random_matrix(seed + 100, T_enc, d_v);
    const ch05::Attention out = ch05::attend(scores, values);
    REQUIRE_THAT(out.weights, Equals(wb::ref::softmax(scores), 1e-12).weights());
    REQUIRE_THAT(out.context, Equals(loop_context(wb::ref::softmax(scores), values), 1e-12));
}

TEST_CASE("5.7 T_enc = 1: the one weight is 1 and the context is the one value", "[ch05][5.7]") {
    const wb::Matrix values = wb::ref::random_matrix(3, 1, 4);
    const ch05::Attention out = ch05::attend(wb::Vector{-1234.5}, values);
    REQUIRE_THAT(out.weights, Equals(wb::Vector{1.0}, 0.0, 0.0));
    REQUIRE_THAT(out.context, Equals(wb::ref::row(values, 0), 1e-15));
}
