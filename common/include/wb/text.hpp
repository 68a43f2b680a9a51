// wb/text.hpp - UTF-8 aware text helpers for terminal layout.
//
// Contract: widths are terminal display columns, not bytes: "é" is one column, a CJK character
// two, a combining mark (as in Hindi "हूँ") zero. Invalid UTF-8 counts one column per bad byte.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace wb {

// Display columns that `text` occupies in a terminal.
std::size_t display_width(std::string_view text);

// `text` padded with spaces to `width` columns (left- or right-aligned); never truncated.
std::string pad_right(std::string_view text, std::size_t width);
std::string pad_left(std::string_view text, std::size_t width);

// `text` cut to at most `width` columns, ending with "~" when something was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);

// Split on ASCII whitespace; empty pieces are dropped.
std::vector<std::string> split_words(std::string_view text);

// Whether `text` is valid UTF-8.
bool is_valid_utf8(std::string_view text);

// Word-wrap `text` to lines of at most `width` columns, each prefixed by `indent`.
std::string wrap(std::string_view text, std::size_t width = 78, std::string_view indent = "");

}  // namespace wb
