// Exercise 3.8 (stretch): dropout_keep_mask.
#include "ch03/ch03_test.hpp"

using namespace ch03_test;

TEST_CASE("3.8 the masks nn.Dropout(0.5) draws at seed 123 match PyTorch", "[ch03][3.8]") {
    SECTION("a (6, 6) mask straight after torch.manual_seed(123)") {
        std::mt19937 engine(123);
        REQUIRE_THAT(ch03::dropout_keep_mask(engine, 6, 6, 0.5),
                     Equals(expected().tensor<2>("dropout_keep_seed123"), 0.0, 0.0));
    }
    SECTION("the module's (2, 6, 6) mask, drawn after its 18 weights took one word each") {
        std::mt19937 engine(123);
        engine.discard(18);
        const wb::Matrix keep = ch03::dropout_keep_mask(engine, 12, 6, 0.5);  // (B T, T), row-major = (B, T, T)
        const wb::Tensor3 stored = expected().tensor<3>("batch_keep_seed123");
        wb::Matrix wanted = xt::zeros<double>({12, 6});
        for (std::size_t b = 0; b < 2; ++b)
            for (std::size_t i = 0; i < 6; ++i)
                for (std::size_t j = 0; j < 6; ++j) wanted(b * 6 + i, j) = stored(b, i, j);
        REQUIRE_THAT(keep, Equals(wanted, 0.0, 0.0));
    }
}

TEST_CASE("3.8 on random seeds, shapes and p the mask is the PyTorch-compatible generator's", "[ch03][3.8]") {
    const auto seed = GENERATE(range(1, 16));
    const double p = GENERATE(0.1, 0.5, 0.9);
    const std::size_t rows = wb::ref::random_size(seed, 1, 1, 9), cols = wb::ref::random_size(seed, 2, 1, 9);
    CAPTURE(seed, p, rows, cols);
    std::mt19937 engine(static_cast<std::mt19937::result_type>(seed));
    wb::TorchGenerator oracle(static_cast<std::uint64_t>(seed));  // checked against PyTorch in common_tests
    REQUIRE_THAT(ch03::dropout_keep_mask(engine, rows, cols, p),
                 Equals(oracle.dropout_keep_mask(rows, cols, p), 0.0, 0.0));
    SECTION("and it used exactly two words per element: the next draws line up") {
        std::mt19937 fresh(static_cast<std::mt19937::result_type>(seed));
        fresh.discard(2 * rows * cols);
        REQUIRE(engine() == fresh());
    }
}

TEST_CASE("3.8 p = 0 keeps everything and p = 1 drops everything, drawing nothing", "[ch03][3.8]") {
    const double p = GENERATE(0.0, 1.0);
    CAPTURE(p);
    std::mt19937 engine(42), untouched(42);
    const wb::Matrix keep = ch03::dropout_keep_mask(engine, 4, 5, p);
    REQUIRE_THAT(keep, Equals(wb::Matrix(xt::ones<double>({4, 5}) * (1.0 - p)), 0.0, 0.0));
    INFO("PyTorch returns early for p = 0 and p = 1, so the generator must be where it was");
    REQUIRE(engine() == untouched());
}

TEST_CASE("3.8 over a large mask about 1 - p of the entries are kept", "[ch03][3.8]") {
    const double p = GENERATE(0.2, 0.5, 0.7);
    CAPTURE(p);
    std::mt19937 engine(7);
    const wb::Matrix keep = ch03::dropout_keep_mask(engine, 100, 100, p);  // 10,000 draws
    double kept = 0.0, neither = 0.0;
    for (double k : keep) {
        kept += k;
        neither += (k == 0.0 || k == 1.0) ? 0.0 : 1.0;
    }
    REQUIRE(neither == 0.0);  // every entry is 0 or 1
    // The kept fraction has standard deviation sqrt(p (1 - p) / 10000) <= 0.005; allow 0.03.
    REQUIRE_THAT(kept / 10000.0, Catch::Matchers::WithinAbs(1.0 - p, 0.03));
}

TEST_CASE("3.8 a p outside 0 to 1 throws std::invalid_argument showing p", "[ch03][3.8]") {
    const auto [p, shown] = GENERATE(
        table<double, std::string>({{-0.5, "-0.5"}, {1.5, "1.5"}, {std::numeric_limits<double>::quiet_NaN(), "nan"}}));
    CAPTURE(p);
    std::mt19937 engine(1);
    REQUIRE_THROWS_MATCHES(ch03::dropout_keep_mask(engine, 2, 2, p), std::invalid_argument,
                           Says("dropout_keep_mask:", shown));
}

TEST_CASE("3.8 edge shapes: an empty mask for any p, drawing nothing", "[ch03][3.8]") {
    const double p = GENERATE(0.0, 0.5, 1.0);
    for (const auto& [rows, cols] : {std::pair<std::size_t, std::size_t>{0, 4}, {3, 0}, {0, 0}}) {
        CAPTURE(p, rows, cols);
        std::mt19937 engine(7), untouched(7);
        const wb::Matrix keep = ch03::dropout_keep_mask(engine, rows, cols, p);
        REQUIRE(keep.shape(0) == rows);
        REQUIRE(keep.shape(1) == cols);
        REQUIRE(engine() == untouched());
    }
}

TEST_CASE("3.8 the boundary of p: 1 is allowed, just above 1 and just below 0 are not", "[ch03][3.8]") {
    std::mt19937 engine(3);
    REQUIRE_NOTHROW(ch03::dropout_keep_mask(engine, 2, 2, 1.0));
    REQUIRE_NOTHROW(ch03::dropout_keep_mask(engine, 2, 2, 0.0));
    REQUIRE_THROWS_MATCHES(ch03::dropout_keep_mask(engine, 2, 2, std::nextafter(1.0, 2.0)), std::invalid_argument,
                           Says("dropout_keep_mask:"));
    REQUIRE_THROWS_MATCHES(ch03::dropout_keep_mask(engine, 2, 2, -1e-300), std::invalid_argument,
                           Says("dropout_keep_mask:"));
    REQUIRE_THROWS_MATCHES(ch03::dropout_keep_mask(engine, 2, 2, std::numeric_limits<double>::infinity()),
                           std::invalid_argument, Says("dropout_keep_mask:"));
    REQUIRE_THROWS_MATCHES(ch03::dropout_keep_mask(engine, 0, 0, 1.5), std::invalid_argument,
                           Says("dropout_keep_mask:"));  // empty, p still checked
}
