// tests/support/catch.hpp - the one way tests include Catch2, version 2 or 3.
//
// Contract: Debian 12 ships Catch2 2.13 (one header, catch2/catch.hpp); Debian 13 and Ubuntu 24.04
// ship Catch2 3 (catch2/catch_all.hpp, a few renamed matchers). Tests include this header and use
// the names below, so the same test sources build against either.
//   wb::test::MatcherBase<T>   base class of custom matchers
//   wb::test::Contains(text)   a string matcher: "contains this substring"
//   wb::test::console_width    columns Catch's console reporter wraps at (fixed when it is built)
//   Approx                     at global scope, as Catch2 2 declares it (Catch2 3: Catch::Approx)
// The terminal's own width reaches the tests as the environment variable WB_COLUMNS (./workbook
// sets it when it runs a test program); the tensor matcher lays its report out to fit
// min(WB_COLUMNS, console_width): wb::test::report_columns() in support/tensor_matcher.hpp.
#pragma once

#include <cstddef>
#include <string>

#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_all.hpp>
#define WB_CATCH_VERSION 3
using Catch::Approx;
namespace wb::test {
template <class T> using MatcherBase = Catch::Matchers::MatcherBase<T>;
inline auto Contains(const std::string& text) {
    return Catch::Matchers::ContainsSubstring(text);
}
inline constexpr std::size_t console_width = CATCH_CONFIG_CONSOLE_WIDTH;  // fixed when Catch2 3 was built
}  // namespace wb::test
#else
#include <catch2/catch.hpp>
#define WB_CATCH_VERSION 2
namespace wb::test {
template <class T> using MatcherBase = Catch::MatcherBase<T>;
inline auto Contains(const std::string& text) {
    return Catch::Matchers::Contains(text);
}
inline constexpr std::size_t console_width = 160;  // set by CATCH_CONFIG_CONSOLE_WIDTH in catch_main.cpp
}  // namespace wb::test
#endif
