// Exercise 7.5: causal_block_kind.
#include "ch07/ch07_test.hpp"

using namespace ch07_test;

namespace {
const char* name(ch07::BlockKind kind) {
    return kind == ch07::BlockKind::skip ? "skip" : kind == ch07::BlockKind::full ? "full" : "masked";
}
}  // namespace

TEST_CASE("7.5 every tile of up to 9 positions is classified as a brute-force count of visible pairs says",
          "[ch07][7.5]") {
    for (std::size_t q0 = 0; q0 < 9; ++q0)
        for (std::size_t q1 = q0 + 1; q1 <= 9; ++q1)
            for (std::size_t k0 = 0; k0 < 9; ++k0)
                for (std::size_t k1 = k0 + 1; k1 <= 9; ++k1) {
                    std::size_t seen = 0;
                    for (std::size_t i = q0; i < q1; ++i)
                        for (std::size_t j = k0; j < k1; ++j) seen += j <= i;
                    const ch07::BlockKind want = seen == 0                       ? ch07::BlockKind::skip
                                                 : seen == (q1 - q0) * (k1 - k0) ? ch07::BlockKind::full
                                                                                 : ch07::BlockKind::masked;
                    const ch07::BlockKind got = ch07::causal_block_kind(q0, q1, k0, k1);
                    CAPTURE(q0, q1, k0, k1, name(want), name(got));
                    REQUIRE(got == want);
                }
}

TEST_CASE("7.5 the boundaries: the diagonal block, a tile touching the diagonal at one corner", "[ch07][7.5]") {
    using K = ch07::BlockKind;
    INFO("the diagonal block is computed and masked, never skipped");
    REQUIRE(ch07::causal_block_kind(4, 8, 4, 8) == K::masked);
    INFO("the last query (7) sees the first key (7): one visible pair, so masked, not skipped");
    REQUIRE(ch07::causal_block_kind(4, 8, 7, 11) == K::masked);
    INFO("the first key after the last query: skipped");
    REQUIRE(ch07::causal_block_kind(4, 8, 8, 12) == K::skip);
    INFO("the last key (4) is the first query's own position: every pair visible, so full");
    REQUIRE(ch07::causal_block_kind(4, 8, 1, 5) == K::full);
    INFO("one key past it: masked");
    REQUIRE(ch07::causal_block_kind(4, 8, 1, 6) == K::masked);
    INFO("a 1 x 1 tile on the diagonal sees itself: full");
    REQUIRE(ch07::causal_block_kind(3, 4, 3, 4) == K::full);
    REQUIRE(ch07::causal_block_kind(0, 1, 0, 1) == K::full);
}

TEST_CASE("7.5 at GPT-2 sizes the computed tiles are the lower triangle plus the diagonal", "[ch07][7.5]") {
    const auto b = GENERATE(as<std::size_t>{}, 16, 64);
    const std::size_t T = 1024, n = T / b;
    std::size_t skipped = 0, full = 0, masked = 0;
    for (std::size_t q0 = 0; q0 < T; q0 += b)
        for (std::size_t k0 = 0; k0 < T; k0 += b) {
            const ch07::BlockKind kind = ch07::causal_block_kind(q0, q0 + b, k0, k0 + b);
            ++(kind == ch07::BlockKind::skip ? skipped : kind == ch07::BlockKind::full ? full : masked);
        }
    CAPTURE(b);
    REQUIRE(masked == n);
    REQUIRE(full == n * (n - 1) / 2);
    REQUIRE(skipped == n * (n - 1) / 2);
}

TEST_CASE("7.5 empty ranges throw std::invalid_argument, each alone", "[ch07][7.5]") {
    SECTION("queries [3, 3)") {
        REQUIRE_THROWS_MATCHES(ch07::causal_block_kind(3, 3, 0, 2), std::invalid_argument, Says("causal_block_kind:"));
    }
    SECTION("queries [4, 3)") {
        REQUIRE_THROWS_MATCHES(ch07::causal_block_kind(4, 3, 0, 2), std::invalid_argument, Says("causal_block_kind:"));
    }
    SECTION("keys [2, 2)") {
        REQUIRE_THROWS_MATCHES(ch07::causal_block_kind(0, 4, 2, 2), std::invalid_argument, Says("causal_block_kind:"));
    }
    SECTION("keys [0, 0) at the start") {
        REQUIRE_THROWS_MATCHES(ch07::causal_block_kind(0, 4, 0, 0), std::invalid_argument, Says("causal_block_kind:"));
    }
}
