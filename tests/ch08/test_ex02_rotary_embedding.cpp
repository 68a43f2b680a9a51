// Exercise 8.2: rotary position embedding with adjacent pairs, against PyTorch (the complex-number
// form of the original Llama code), the other pairing, and the properties that make RoPE useful.
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

namespace {

const std::vector<std::string> rope_cases = {"rope/6x8_from0", "rope/5x6_from3", "rope/3x2_from100"};

std::size_t first_of(const std::string& name) {
    return std::stoul(name.substr(name.find("from") + 4));
}

// One row (1, d) of a matrix.
wb::Matrix row_of(const wb::Matrix& m, std::size_t i) {
    wb::Matrix r = xt::view(m, xt::range(i, i + 1), xt::all());
    return r;
}

}  // namespace

TEST_CASE("8.2 RoPE with adjacent pairs equals PyTorch's (complex multiplication, as Llama)", "[ch08][8.2]") {
    for (const std::string& name : rope_cases) {
        CAPTURE(name);
        REQUIRE_THAT(ch08::rotary_embedding(mat(name + "/x"), first_of(name)), Torch(mat(name + "/adjacent")));
    }
}

TEST_CASE("8.2 the adjacent pairing is not the halves pairing, and a fixed weight order maps one to the other",
          "[ch08][8.2]") {
    for (const std::string& name : rope_cases) {
        CAPTURE(name);
        const wb::Matrix x = mat(name + "/x");
        const wb::Matrix adjacent = ch08::rotary_embedding(x, first_of(name));
        if (x.shape(1) > 2)  // with d = 2 the two pairings are the same pair
            REQUIRE(max_abs(adjacent - mat(name + "/halves")) > 1e-3);
        REQUIRE_THAT(ch08::rotary_embedding_halves(x, first_of(name)), Torch(mat(name + "/halves")));
    }
    SECTION("halves(x W'^T) is adjacent(x W^T) with its columns reordered; the scores are the same") {
        const auto seed = GENERATE(range(1, 6));
        const std::size_t heads = wb::ref::random_size(seed, 1, 1, 3), hd = 2 * wb::ref::random_size(seed, 2, 1, 4);
        const std::size_t d = heads * hd, T = wb::ref::random_size(seed, 3, 1, 6);
        CAPTURE(seed, heads, hd, T);
        const wb::Matrix x = wb::ref::random_matrix(seed, T, 5);
        const wb::Matrix W_query = wb::ref::random_matrix(seed + 1, d, 5),
                         W_key = wb::ref::random_matrix(seed + 2, d, 5);
        const std::vector<std::size_t> order = ch08::rope_halves_order(d, heads);
        const wb::Matrix W_query_halves = ch08::permute_rows(W_query, order);
        const wb::Matrix W_key_halves = ch08::permute_rows(W_key, order);
        for (std::size_t h = 0; h < heads; ++h) {
            auto head = [&](const wb::Matrix& W) {
                wb::Matrix q = wb::ref::matmul(x, wb::ref::transpose(W));
                wb::Matrix out = xt::view(q, xt::all(), xt::range(h * hd, (h + 1) * hd));
                return out;
            };
            const wb::Matrix q_adjacent = ch08::rotary_embedding(head(W_query), 2);
            const wb::Matrix k_adjacent = ch08::rotary_embedding(head(W_key), 2);
            const wb::Matrix q_halves = ch08::rotary_embedding_halves(head(W_query_halves), 2);
            const wb::Matrix k_halves = ch08::rotary_embedding_halves(head(W_key_halves), 2);
            std::vector<std::size_t> head_order;
            for (std::size_t j = 0; j < hd; ++j) head_order.push_back(order[h * hd + j] - h * hd);
            REQUIRE_THAT(q_halves, Equals(wb::ref::permute_columns(q_adjacent, head_order), 1e-12, 1e-12));
            REQUIRE_THAT(wb::ref::matmul(q_halves, wb::ref::transpose(k_halves)),
                         Equals(wb::ref::matmul(q_adjacent, wb::ref::transpose(k_adjacent)), 1e-12, 1e-12));
        }
    }
}

TEST_CASE("8.2 RoPE keeps every pair's length, leaves position 0 alone, and rotates back exactly", "[ch08][8.2]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9), d = 2 * wb::ref::random_size(seed, 2, 1, 8);
    const std::size_t first = wb::ref::random_size(seed, 3, 0, 50);
    CAPTURE(seed, T, d, first);
    const wb::Matrix x = wb::ref::random_matrix(seed, T, d);
    const wb::Matrix y = ch08::rotary_embedding(x, first);
    REQUIRE(y.shape(0) == T);
    REQUIRE(y.shape(1) == d);
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t i = 0; i < d; i += 2)
            REQUIRE(std::fabs(std::hypot(y(t, i), y(t, i + 1)) - std::hypot(x(t, i), x(t, i + 1))) < 1e-12);
    REQUIRE_THAT(ch08::rotary_embedding_backward(y, first), Equals(x, 1e-12, 1e-12));
    REQUIRE_THAT(row_of(ch08::rotary_embedding(x, 0), 0), Equals(row_of(x, 0), 0, 0));
}

TEST_CASE("8.2 the relative property: the score of positions (m, n) depends on m - n only", "[ch08][8.2]") {
    const auto seed = GENERATE(range(1, 6));
    const std::size_t d = 2 * wb::ref::random_size(seed, 1, 1, 8);
    CAPTURE(seed, d);
    const wb::Matrix q = wb::ref::random_matrix(seed, 1, d), k = wb::ref::random_matrix(seed + 1, 1, d);
    auto score = [&](std::size_t m, std::size_t n) {
        return inner(ch08::rotary_embedding(q, m), ch08::rotary_embedding(k, n));
    };
    const double s31 = score(3, 1);
    REQUIRE(std::fabs(score(10, 8) - s31) < 1e-10);
    REQUIRE(std::fabs(score(100, 98) - s31) < 1e-10);
    REQUIRE(std::fabs(score(1, 3) - score(52, 54)) < 1e-10);
    REQUIRE(std::fabs(score(0, 0) - inner(q, k)) < 1e-12);
}

TEST_CASE("8.2 an odd d or d = 0 throws std::invalid_argument, each on its own", "[ch08][8.2]") {
    REQUIRE_NOTHROW(ch08::rotary_embedding(wb::ref::random_matrix(1, 3, 2), 0));
    SECTION("odd d") {
        REQUIRE_THROWS_MATCHES(ch08::rotary_embedding(wb::ref::random_matrix(1, 3, 5), 0), std::invalid_argument,
                               Says("rotary_embedding:"));
    }
    SECTION("d = 0") {
        REQUIRE_THROWS_MATCHES(ch08::rotary_embedding(xt::zeros<double>({3, 0}), 0), std::invalid_argument,
                               Says("rotary_embedding:"));
    }
}
