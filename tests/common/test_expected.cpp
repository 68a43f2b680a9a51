// common: loading stored expected outputs (wb/expected.hpp), including what goes wrong.
#include "support/catch.hpp"

#include <cstdio>
#include <fstream>

#include "wb/expected.hpp"
#include "wb/tensor.hpp"

namespace {
std::string scratch_file(const std::string& name, const std::string& content) {
    const std::string path = std::string(P_tmpdir) + "/wb_expected_test_" + name + ".json";
    std::ofstream(path) << content;
    return path;
}
}  // namespace

TEST_CASE("expected.load reads tensors, strings and non-finite values", "[common][expected]") {
    const std::string path = scratch_file("good", R"({"meta": {}, "tensors": {
        "m": {"shape": [2, 2], "data": [1, 2, 3, "-inf"]}, "tokens": ["a", "é"]}})");
    const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load(path);
    const wb::Matrix m = outputs.tensor<2>("m");
    CHECK(m(1, 0) == 3.0);
    CHECK(m(1, 1) == -std::numeric_limits<double>::infinity());
    CHECK(outputs.strings("tokens") == std::vector<std::string>{"a", "é"});
}

TEST_CASE("expected.load explains what is wrong instead of crashing", "[common][expected]") {
    using wb::test::Contains;
    SECTION("a missing file names the regeneration command") {
        CHECK_THROWS_WITH(wb::ExpectedOutputs::load("/nonexistent/x.json"), Contains("make_expected.py"));
    }
    SECTION("invalid JSON") {
        CHECK_THROWS_WITH(wb::ExpectedOutputs::load(scratch_file("bad", "{oops")), Contains("not valid JSON"));
    }
    SECTION("a shape that does not match the data") {
        const std::string path = scratch_file("short", R"({"tensors": {"v": {"shape": [3], "data": [1, 2]}}})");
        CHECK_THROWS_WITH(wb::ExpectedOutputs::load(path), Contains("needs 3 values, found 2"));
    }
    SECTION("a missing tensor and a wrong rank") {
        const std::string path = scratch_file("rank", R"({"tensors": {"v": {"shape": [2], "data": [1, 2]}}})");
        const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load(path);
        CHECK_THROWS_WITH(outputs.tensor<1>("w"), Contains("has no tensor \"w\""));
        CHECK_THROWS_WITH(outputs.tensor<2>("v"), Contains("has 1 dimensions, the test wants 2"));
    }
}

TEST_CASE("expected.load finds the committed Chapter 1 outputs by name", "[common][expected]") {
    const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch01");
    CHECK(outputs.tensor<2>("inputs").shape(0) == 6);
    CHECK(outputs.strings("tokens").size() == 6);
}
