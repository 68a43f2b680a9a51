// Exercise 5.10: hard_attend.
#include "ch05/ch05_test.hpp"

using namespace ch05_test;

TEST_CASE("5.10 hard attention of student picks PyTorch's argmax and its encoder state", "[ch05][5.10]") {
    const ch05::Attention out =
        ch05::hard_attend(expected().tensor<1>("hard_soft/scores"), expected().tensor<2>("encoder_states"));
    REQUIRE_THAT(out.weights, Equals(expected().tensor<1>("hard_soft/hard_weights"), 0));
    REQUIRE_THAT(out.context, Equals(expected().tensor<1>("hard_soft/hard_context"), 0));
}

TEST_CASE("5.10 on random scores the weights are one-hot at the largest score and the context is that row",
          "[ch05][5.10]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T_enc = wb::ref::random_size(seed, 1, 1, 9), d_v = wb::ref::random_size(seed, 2, 1, 6);
    CAPTURE(seed, T_enc, d_v);
    const wb::Vector scores = wb::ref::random_vector(seed, T_enc, -3, 3);
    const wb::Matrix values = wb::ref::random_matrix(seed + 100, T_enc, d_v);
    std::size_t best = 0;
    for (std::size_t j = 0; j < T_enc; ++j)
        if (scores(j) > scores(best)) best = j;
    wb::Vector one_hot = xt::zeros<double>({T_enc});
    one_hot(best) = 1.0;
    const ch05::Attention out = ch05::hard_attend(scores, values);
    REQUIRE_THAT(out.weights, Equals(one_hot, 0));
    REQUIRE_THAT(out.context, Equals(wb::ref::row(values, best), 0));
    SECTION("a small change of every score leaves hard attention's output exactly as it was, soft's not") {
        const wb::Vector nudge = wb::ref::random_vector(seed + 200, T_enc, -1e-6, 1e-6);
        const wb::Vector nudged = scores + nudge;
        const ch05::Attention after = ch05::hard_attend(nudged, values);
        REQUIRE_THAT(after.context, Equals(out.context, 0));  // zero gradient: nothing to learn from
        if (T_enc > 1) {
            const wb::Vector soft_before = loop_context(wb::ref::softmax(scores), values);
            const wb::Vector soft_after = loop_context(wb::ref::softmax(nudged), values);
            double moved = 0.0;
            for (std::size_t k = 0; k < d_v; ++k) moved = std::max(moved, std::fabs(soft_after(k) - soft_before(k)));
            REQUIRE(moved > 0.0);
        }
    }
}

TEST_CASE("5.10 on a tie the first largest score wins, as torch.argmax", "[ch05][5.10]") {
    const wb::Matrix values{{1, 10}, {2, 20}, {3, 30}, {4, 40}};
    const ch05::Attention out = ch05::hard_attend(wb::Vector{0.5, 2.0, -1.0, 2.0}, values);
    REQUIRE_THAT(out.weights, Equals(wb::Vector{0, 1, 0, 0}, 0));
    REQUIRE_THAT(out.context, Equals(wb::Vector{2, 20}, 0));
    const ch05::Attention all_equal = ch05::hard_attend(wb::Vector{7.0, 7.0, 7.0, 7.0}, values);
    REQUIRE_THAT(all_equal.weights, Equals(wb::Vector{1, 0, 0, 0}, 0));
}

TEST_CASE("5.10 no encoder positions, or values of another length, throw std::invalid_argument", "[ch05][5.10]") {
    REQUIRE_THROWS_MATCHES(ch05::hard_attend(wb::Vector(xt::zeros<double>({0})), wb::Matrix(xt::zeros<double>({0, 2}))),
                           std::invalid_argument, Says("hard_attend:"));
    REQUIRE_THROWS_MATCHES(ch05::hard_attend(wb::ref::random_vector(1, 3), wb::ref::random_matrix(2, 2, 2)),
                           std::invalid_argument, Says("hard_attend:"));
}
