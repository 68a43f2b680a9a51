// UTF-8 aware widths and padding, so tables of non-ASCII tokens stay aligned.
#include "wb/text.hpp"

#include <clocale>
#include <cwchar>
#include <locale.h>

namespace wb {
namespace {

// Decodes one UTF-8 sequence at text[i]; returns its length (0 if invalid) and the code point.
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    std::size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > text.size()) return 0;
    cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) >> 6) != 0x2) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    static constexpr char32_t min_for_len[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

// Column width of one code point, from the C library's tables under a UTF-8 locale.
int code_point_width(char32_t cp) {
    static const locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", locale_t{});
    if (cp < 0x7F) return cp >= 0x20 ? 1 : 0;
    if (utf8 == locale_t{}) return 1;
    const locale_t previous = uselocale(utf8);
    const int w = wcwidth(static_cast<wchar_t>(cp));
    uselocale(previous);
    return w < 0 ? 1 : w;
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t len = decode(text, i, cp);
        if (len == 0) {  // a bad byte: one column, as most terminals show a replacement mark
            ++width;
            ++i;
            continue;
        }
        width += static_cast<std::size_t>(code_point_width(cp));
        i += len;
    }
    return width;
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        const std::size_t len = decode(text, i, cp);
        if (len == 0) return false;
        i += len;
    }
    return true;
}

std::string pad_right(std::string_view text, std::size_t width) {
    const std::size_t w = display_width(text);
    return std::string(text) + std::string(w < width ? width - w : 0, ' ');
}

std::string pad_left(std::string_view text, std::size_t width) {
    const std::size_t w = display_width(text);
    return std::string(w < width ? width - w : 0, ' ') + std::string(text);
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return {};
    std::string out;
    std::size_t used = 0;
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = 0;
        std::size_t len = decode(text, i, cp);
        const std::size_t w = len == 0 ? 1 : static_cast<std::size_t>(code_point_width(cp));
        if (len == 0) len = 1;
        if (used + w > width - 1) break;
        out.append(text.substr(i, len));
        used += w;
        i += len;
    }
    return out + "~";
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::string current;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            if (!current.empty()) words.push_back(std::move(current));
            current.clear();
        } else {
            current.push_back(c);
        }
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
    std::string out;
    std::string line(indent);
    std::size_t line_width = display_width(indent);
    const std::size_t indent_width = line_width;
    for (const std::string& word : split_words(text)) {
        const std::size_t w = display_width(word);
        if (line_width > indent_width && line_width + 1 + w > width) {
            out += line + "\n";
            line = std::string(indent);
            line_width = indent_width;
        }
        if (line_width > indent_width) {
            line += ' ';
            ++line_width;
        }
        line += word;
        line_width += w;
    }
    if (line_width > indent_width) out += line + "\n";
    return out;
}

}  // namespace wb
