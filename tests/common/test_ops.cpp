// common: the ready-made operations of wb/ops.hpp, against the plain loops of tests/support.
#include "support/catch.hpp"

#include <cmath>
#include <limits>

#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/ops.hpp"

using wb::test::Equals;

TEST_CASE("ops.matmul agrees with the triple loop on random shapes", "[common][ops]") {
    const auto seed = GENERATE(range(1, 11));
    CAPTURE(seed);
    const auto n = wb::ref::random_size(seed, 1, 1, 7), k = wb::ref::random_size(seed, 2, 1, 7),
               m = wb::ref::random_size(seed, 3, 1, 7);
    const wb::Matrix a = wb::ref::random_matrix(seed, n, k), b = wb::ref::random_matrix(seed + 100, k, m);
    CHECK_THAT(wb::matmul(a, b), Equals(wb::ref::matmul(a, b)));
}

TEST_CASE("ops.matmul names both shapes when the inner sizes differ", "[common][ops]") {
    const wb::Matrix a = xt::zeros<double>({6, 3}), b = xt::zeros<double>({2, 2});
    CHECK_THROWS_WITH(wb::matmul(a, b), "matmul: (6, 3) @ (2, 2): inner sizes 3 and 2 differ");
    SECTION("an empty product is zeros of the right shape") {
        const wb::Matrix e = xt::zeros<double>({4, 0}), f = xt::zeros<double>({0, 5});
        CHECK_THAT(wb::matmul(e, f), Equals(wb::Matrix(xt::zeros<double>({4, 5}))));
    }
}

TEST_CASE("ops.softmax_rows agrees with the row-by-row loop", "[common][ops]") {
    const auto seed = GENERATE(range(1, 11));
    CAPTURE(seed);
    const wb::Matrix scores =
        wb::ref::random_matrix(seed, wb::ref::random_size(seed, 1, 1, 8), wb::ref::random_size(seed, 2, 1, 8), -5, 5);
    CHECK_THAT(wb::softmax_rows(scores), Equals(wb::ref::softmax_rows(scores)));
}

TEST_CASE("ops.softmax_rows handles -inf like torch.softmax", "[common][ops]") {
    const double inf = std::numeric_limits<double>::infinity();
    const wb::Matrix scores{{0.0, -inf, 0.0}, {-inf, -inf, -inf}};
    const wb::Matrix weights = wb::softmax_rows(scores);
    CHECK_THAT(wb::Matrix(xt::view(weights, xt::range(0, 1), xt::all())), Equals(wb::Matrix{{0.5, 0.0, 0.5}}));
    SECTION("a fully masked row has nothing to normalise: NaN, as in PyTorch") {
        for (std::size_t j = 0; j < 3; ++j) CHECK(std::isnan(weights(1, j)));
    }
    SECTION("an empty last axis is an error") {
        CHECK_THROWS_AS(wb::softmax_rows(wb::Matrix(xt::zeros<double>({2, 0}))), std::invalid_argument);
    }
}

TEST_CASE("ops.softmax_last on 3-D and 4-D tensors is softmax_rows of every slice", "[common][ops]") {
    wb::Tensor4 scores = xt::zeros<double>({2, 3, 4, 5});  // (B, H, T_q, T_k)
    const wb::Matrix flat = wb::ref::random_matrix(7, 24, 5, -3, 3);
    std::copy(flat.begin(), flat.end(), scores.begin());
    const wb::Tensor4 weights = wb::softmax_last(scores);
    const wb::Matrix expected = wb::ref::softmax_rows(flat);
    CHECK_THAT(wb::Matrix(xt::reshape_view(weights, {24, 5})), Equals(expected));
    const wb::Tensor3 scores3 = xt::reshape_view(scores, {6, 4, 5});
    CHECK_THAT(wb::Matrix(xt::reshape_view(wb::softmax_last(scores3), {24, 5})), Equals(expected));
}
