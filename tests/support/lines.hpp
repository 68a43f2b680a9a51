// tests/support/lines.hpp - the lines of a printed text, for tests that read program output.
//
// Contract: lines_of(text) splits at '\n'; a last line without its '\n' is kept, an empty text
// has no lines. Header-only, inline: any number of test files of one program may include it.
#pragma once

#include <string>
#include <vector>

namespace wb::test {

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
        lines.push_back(text.substr(start, end - start));
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

}  // namespace wb::test
