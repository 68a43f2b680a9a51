// tests/support/catch.hpp - the one way tests include Catch2, version 2 or 3.
//
// Contract: Debian 12 ships Catch2 2.13 (one header, catch2/catch.hpp); Debian 13 and Ubuntu 24.04
// ship Catch2 3 (catch2/catch_all.hpp, a few renamed matchers). Tests include this header and use
// the names below, so the same test sources build against either.
//   wb::test::MatcherBase<T>   base class of custom matchers
//   wb::test::Contains(text)   a string matcher: "contains this substring"
//   wb::test::console_width    columns Catch's console reporter wraps at (fixed when it is built)
//   Approx                     at global scope, as Catch2 2 declares it (Catch2 3: Catch::Approx)
//   wb::test::Says(text, ...)  an exception matcher: what() contains every piece of text, as in
//       REQUIRE_THROWS_MATCHES(f(x), std::invalid_argument, Says("f:", "(6, 3)"))
//     A test of a validation names the type and the function's own message, so an error thrown
//     later by something else (an xtensor or wb::matmul shape error) does not stand in for it.
//     An exception of another type (the stubs' "not done yet") is reported as unexpected, with
//     its message, as REQUIRE_THROWS_AS reports it.
// The terminal's own width reaches the tests as the environment variable WB_COLUMNS (./workbook
// sets it when it runs a test program); the tensor matcher lays its report out to fit
// min(WB_COLUMNS, console_width): wb::test::report_columns() in support/tensor_matcher.hpp.
#pragma once

#include <cstddef>
#include <exception>
#include <string>
#include <utility>
#include <vector>

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

namespace wb::test {

class MessageMatcher : public MatcherBase<std::exception> {
  public:
    explicit MessageMatcher(std::vector<std::string> pieces) : pieces_(std::move(pieces)) {}
    bool match(const std::exception& error) const override {
        const std::string message = error.what();
        for (const std::string& piece : pieces_)
            if (message.find(piece) == std::string::npos) return false;
        return true;
    }
    std::string describe() const override {
        std::string out = "has a message containing";
        for (std::size_t i = 0; i < pieces_.size(); ++i) out += (i == 0 ? " \"" : " and \"") + pieces_[i] + "\"";
        return out;
    }

  private:
    std::vector<std::string> pieces_;
};

template <class... Text> MessageMatcher Says(const Text&... pieces) {
    return MessageMatcher(std::vector<std::string>{std::string(pieces)...});
}

}  // namespace wb::test
