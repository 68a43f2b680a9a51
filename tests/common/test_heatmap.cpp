// Tests of wb/heatmap.hpp: terminal heatmaps (plain and colour), SVG output, writing files.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/catch.hpp"
#include "support/lines.hpp"

#include "wb/heatmap.hpp"
#include "wb/text.hpp"

namespace {

namespace fs = std::filesystem;

using wb::test::lines_of;

std::size_t count_of(const std::string& text, const std::string& piece) {
    std::size_t n = 0;
    for (std::size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at + piece.size())) ++n;
    return n;
}

// A line without its ANSI escape sequences (ESC '[' ... final letter).
std::string strip_ansi(const std::string& line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\x1b' && i + 1 < line.size() && line[i + 1] == '[') {
            i += 2;
            while (i < line.size() && !(line[i] >= '@' && line[i] <= '~')) ++i;
            continue;
        }
        out += line[i];
    }
    return out;
}

// The grid of a heatmap_text output: the header and one line per row (after the title line).
std::vector<std::string> grid_of(const std::string& text, std::size_t rows) {
    const auto lines = lines_of(text);
    REQUIRE(lines.size() >= rows + 2);
    return std::vector<std::string>(lines.begin() + 1, lines.begin() + 1 + static_cast<long>(rows) + 1);
}

void require_same_width(const std::vector<std::string>& grid) {
    const std::size_t width = wb::display_width(strip_ansi(grid.front()));
    for (const auto& line : grid) {
        INFO("line: " << line);
        CHECK(wb::display_width(strip_ansi(line)) == width);
    }
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A scratch directory under the system temp dir, removed at the end of the test.
struct ScratchDir {
    fs::path path;
    explicit ScratchDir(const std::string& name) : path(fs::temp_directory_path() / ("wb-heatmap-test-" + name)) {
        fs::remove_all(path);
    }
    ~ScratchDir() {
        std::error_code ec;
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path, ec);
    }
};

const wb::Matrix weights_3x3{{0.5, 0.25, 0.25}, {0.1, 0.8, 0.1}, {0.0, 0.0, 1.0}};

}  // namespace

TEST_CASE("heatmap_color runs light to dark and never leaves the palette", "[common][heatmap]") {
    const auto luminance = [](wb::Rgb c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; };
    double previous = 1e9;
    for (int i = 0; i <= 100; ++i) {
        const wb::Rgb c = wb::heatmap_color(i / 100.0);
        CHECK(luminance(c) <= previous);
        previous = luminance(c);
        for (int channel : {c.r, c.g, c.b}) {
            CHECK(channel >= 0);
            CHECK(channel <= 255);
        }
    }
    const wb::Rgb light = wb::heatmap_color(0.0), dark = wb::heatmap_color(1.0);
    CHECK(luminance(light) > 240);
    CHECK(luminance(dark) < 60);
    // Out of range clamps to the ends; NaN is a neutral grey.
    CHECK(luminance(wb::heatmap_color(-3.0)) == luminance(light));
    CHECK(luminance(wb::heatmap_color(42.0)) == luminance(dark));
    CHECK(luminance(wb::heatmap_color(std::numeric_limits<double>::infinity())) == luminance(dark));
    const wb::Rgb grey = wb::heatmap_color(std::nan(""));
    CHECK((grey.r == grey.g && grey.g == grey.b));
    // Contrast: black on light, white on dark.
    CHECK(wb::heatmap_contrast(light).r == 0);
    CHECK(wb::heatmap_contrast(dark).r == 255);
}

TEST_CASE("plain heatmap has no escape codes, shows labels, values and a legend", "[common][heatmap]") {
    wb::HeatmapStyle style;
    style.title = "attention weights";
    style.row_labels = {"cat", "sat", "mat"};
    style.col_labels = {"cat", "sat", "mat"};
    const std::string text = wb::heatmap_text(weights_3x3, style, false);

    CHECK(text.find('\x1b') == std::string::npos);
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == 6);  // title, header, 3 rows, legend
    CHECK(lines[0] == "attention weights (3, 3)");
    for (const char* label : {"cat", "sat", "mat"}) CHECK(lines[1].find(label) != std::string::npos);
    CHECK(lines[2].rfind("cat", 0) == 0);  // row labels left-aligned
    CHECK(lines[3].rfind("sat", 0) == 0);
    CHECK(lines[2].find("0.50") != std::string::npos);
    CHECK(lines[2].find("0.25") != std::string::npos);
    CHECK(lines[3].find("0.80") != std::string::npos);
    CHECK(lines[4].find("1.00 @") != std::string::npos);  // full weight: the darkest glyph
    CHECK(lines[4].find("0.00  ") != std::string::npos);  // zero weight: blank glyph
    CHECK(lines[5].find(" .:-=+*#%@") != std::string::npos);
    require_same_width(grid_of(text, 3));
}

TEST_CASE("plain heatmap honours decimals, default title and index labels", "[common][heatmap]") {
    wb::HeatmapStyle style;
    style.decimals = 3;
    const std::string text = wb::heatmap_text(weights_3x3, style, false);
    const auto lines = lines_of(text);
    CHECK(lines[0] == "attention weights (3, 3)");
    CHECK(text.find("0.500") != std::string::npos);
    CHECK(text.find("0.250") != std::string::npos);
    CHECK(lines[2].rfind("0  ", 0) == 0);
    CHECK(lines[3].rfind("1  ", 0) == 0);
    CHECK(lines[4].rfind("2  ", 0) == 0);
    CHECK(lines[1].find("0") != std::string::npos);
    CHECK(lines[1].find("2") != std::string::npos);
    require_same_width(grid_of(text, 3));
}

TEST_CASE("colour heatmap uses 24-bit backgrounds and resets every line", "[common][heatmap]") {
    wb::HeatmapStyle style;
    style.row_labels = {"a", "b", "c"};
    style.col_labels = {"a", "b", "c"};
    const std::string text = wb::heatmap_text(weights_3x3, style, true);
    CHECK(text.find("\x1b[48;2;") != std::string::npos);
    CHECK(text.find("\x1b[38;2;") != std::string::npos);
    CHECK(count_of(text, "\x1b[48;2;") >= 9);
    const auto lines = lines_of(text);
    for (std::size_t r = 2; r < 5; ++r) {
        INFO("row line " << r);
        const std::string& line = lines[r];
        REQUIRE(line.size() >= 4);
        CHECK(line.substr(line.size() - 4) == "\x1b[0m");
    }
    // The lightest and the darkest colours of the palette are both there.
    const wb::Rgb light = wb::heatmap_color(0.0), dark = wb::heatmap_color(1.0);
    CHECK(text.find("48;2;" + std::to_string(light.r) + ";" + std::to_string(light.g) + ";" + std::to_string(light.b) +
                    "m") != std::string::npos);
    CHECK(text.find("48;2;" + std::to_string(dark.r) + ";" + std::to_string(dark.g) + ";" + std::to_string(dark.b) +
                    "m") != std::string::npos);
    CHECK(strip_ansi(lines[2]).find("0.50") != std::string::npos);
    require_same_width(grid_of(text, 3));
}

TEST_CASE("scale_to_max stretches the colours to the largest weight", "[common][heatmap]") {
    const wb::Matrix small{{0.1, 0.2}, {0.05, 0.0}};
    wb::HeatmapStyle style;
    style.scale_to_max = true;
    const std::string plain = wb::heatmap_text(small, style, false);
    CHECK(plain.find("0.20 @") != std::string::npos);  // the largest value is the darkest glyph
    const wb::Rgb dark = wb::heatmap_color(1.0);
    const std::string colour = wb::heatmap_text(small, style, true);
    CHECK(colour.find("48;2;" + std::to_string(dark.r) + ";" + std::to_string(dark.g) + ";" + std::to_string(dark.b) +
                      "m") != std::string::npos);
    style.scale_to_max = false;
    CHECK(wb::heatmap_text(small, style, false).find("0.20 @") == std::string::npos);
}

TEST_CASE("UTF-8 labels keep the grid aligned by display width", "[common][heatmap]") {
    const wb::Matrix w{{0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}, {0.2, 0.2, 0.6}, {0.1, 0.1, 0.8}};
    wb::HeatmapStyle style;
    style.title = "cross-attention";
    style.row_labels = {"I", "am", "a", "student"};
    style.col_labels = {"Je", "suis", "étudiant"};
    for (const bool color : {false, true}) {
        INFO("color " << color);
        require_same_width(grid_of(wb::heatmap_text(w, style, color), 4));
    }
    style.row_labels = {"मैं", "खाना", "खाता", "हूँ"};
    style.col_labels = {"मैं", "खाना", "खाता"};
    for (const bool color : {false, true}) {
        INFO("color " << color);
        const std::string text = wb::heatmap_text(w, style, color);
        CHECK(text.find("खाना") != std::string::npos);
        require_same_width(grid_of(text, 4));
    }
    style.row_labels = {"猫", "が", "好き", "です"};
    style.col_labels = {"猫", "好き", "です"};
    require_same_width(grid_of(wb::heatmap_text(w, style, false), 4));
}

TEST_CASE("column labels widen cells up to 10 columns, longer ones are cut, row labels never", "[common][heatmap]") {
    const wb::Matrix w{{0.5, 0.5, 0.1}, {0.25, 0.75, 0.1}};
    wb::HeatmapStyle style;
    style.row_labels = {"internationalisation", "b"};
    style.col_labels = {"internationalisation", "étudiante", "journey"};
    const std::string text = wb::heatmap_text(w, style, false);
    const auto lines = lines_of(text);
    CHECK(lines[1].find("internationalisation") == std::string::npos);
    CHECK(lines[1].find("internati~") != std::string::npos);
    CHECK(lines[1].find("étudiante") != std::string::npos);
    CHECK(lines[1].find("journey") != std::string::npos);
    CHECK(lines[2].rfind("internationalisation  ", 0) == 0);
    require_same_width(grid_of(text, 2));
}

TEST_CASE("NaN, infinities and out-of-range weights do not crash", "[common][heatmap]") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    const wb::Matrix w{{nan, -0.5, 1.5}, {inf, -inf, 0.5}};
    wb::HeatmapStyle style;
    style.col_labels = {"x", "y", "z"};
    for (const bool to_max : {false, true}) {
        style.scale_to_max = to_max;
        const std::string plain = wb::heatmap_text(w, style, false);
        CHECK(plain.find("nan ?") != std::string::npos);
        CHECK(plain.find("-0.50  ") != std::string::npos);  // below 0: the lightest glyph
        CHECK(plain.find(" 1.50 @") != std::string::npos);  // above the top: the darkest
        CHECK(plain.find("inf") != std::string::npos);
        require_same_width(grid_of(plain, 2));
        const std::string colour = wb::heatmap_text(w, style, true);
        CHECK(colour.find("nan") != std::string::npos);
        require_same_width(grid_of(colour, 2));
        const std::string svg = wb::heatmap_svg(w, style);
        CHECK(svg.find(">nan<") != std::string::npos);
    }
    // Fewer labels than rows or columns: the rest are numbered.
    style.row_labels = {"only"};
    const std::string text = wb::heatmap_text(w, style, false);
    CHECK(lines_of(text)[3].rfind("1 ", 0) == 0);
}

TEST_CASE("control characters in labels cannot break lines or inject escapes", "[common][heatmap]") {
    const wb::Matrix w{{0.5, 0.5}};
    wb::HeatmapStyle style;
    style.row_labels = {"new\nline"};
    style.col_labels = {"\x1b[31m", "tab\t"};
    const std::string text = wb::heatmap_text(w, style, false);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(lines_of(text).size() == 4);
    CHECK(text.find("new\\nline") != std::string::npos);
}

TEST_CASE("empty matrices print the title and (empty)", "[common][heatmap]") {
    const wb::Matrix empty = wb::Matrix::from_shape({0, 0});
    wb::HeatmapStyle style;
    style.title = "nothing";
    for (const bool color : {false, true}) {
        const std::string text = wb::heatmap_text(empty, style, color);
        CHECK(text == "nothing (0, 0)\n(empty)\n");
    }
    const wb::Matrix no_cols = wb::Matrix::from_shape({3, 0});
    CHECK(wb::heatmap_text(no_cols, style, false).find("(empty)") != std::string::npos);
    const std::string svg = wb::heatmap_svg(empty, style);
    CHECK(svg.find("(empty)") != std::string::npos);
    CHECK(svg.find("</svg>") != std::string::npos);
}

TEST_CASE("SVG is a standalone, escaped, deterministic document", "[common][heatmap]") {
    wb::HeatmapStyle style;
    style.title = "weights <&> \"quoted\" 'single'";
    style.row_labels = {"<&>", "étudiant", "खाना"};
    style.col_labels = {"a<b", "x&y", "a much longer key label"};
    const std::string svg = wb::heatmap_svg(weights_3x3, style);

    CHECK(svg.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
    CHECK(count_of(svg, "<svg ") == 1);
    CHECK(count_of(svg, "</svg>") == 1);
    CHECK(svg.find("</svg>") > svg.find("<svg "));
    CHECK(svg.find("xmlns=\"http://www.w3.org/2000/svg\"") != std::string::npos);
    CHECK(svg.find("viewBox=\"0 0 ") != std::string::npos);
    CHECK(svg.find(" width=\"") != std::string::npos);
    CHECK(svg.find(" height=\"") != std::string::npos);
    CHECK(svg.find("DejaVu Sans, Noto Sans, sans-serif") != std::string::npos);

    // One rect per cell, one for the colour bar, one for the white background.
    CHECK(count_of(svg, "<rect ") == 9 + 2);
    CHECK(svg.find("url(#wb-heat-scale)") != std::string::npos);
    CHECK(svg.find("<linearGradient") != std::string::npos);

    // Escaping: no raw special characters from the labels reach the document.
    CHECK(svg.find("&lt;&amp;&gt;") != std::string::npos);
    CHECK(svg.find("a&lt;b") != std::string::npos);
    CHECK(svg.find("x&amp;y") != std::string::npos);
    CHECK(svg.find("&quot;quoted&quot; &apos;single&apos;") != std::string::npos);
    CHECK(svg.find("<&>") == std::string::npos);
    CHECK(svg.find("a<b") == std::string::npos);
    CHECK(count_of(svg, "<") == count_of(svg, ">"));
    CHECK(svg.find("étudiant") != std::string::npos);
    CHECK(svg.find("खाना") != std::string::npos);

    // Values, captions, ticks; long labels rotated.
    CHECK(svg.find(">0.50<") != std::string::npos);
    CHECK(svg.find(">0.80<") != std::string::npos);
    CHECK(svg.find("keys (attended to)") != std::string::npos);
    CHECK(svg.find("queries (attending)") != std::string::npos);
    CHECK(svg.find(">0.00</text>") != std::string::npos);
    CHECK(svg.find(">1.00</text>") != std::string::npos);
    CHECK(svg.find("rotate(-45") != std::string::npos);

    // Contrasting text: white on the darkest cell (weight 1.0), black on light ones.
    CHECK(svg.find("fill=\"#ffffff\">1.00<") != std::string::npos);
    CHECK(svg.find("fill=\"#000000\">0.10<") != std::string::npos);

    CHECK(wb::heatmap_svg(weights_3x3, style) == svg);  // same input, same bytes
    CHECK(wb::is_valid_utf8(svg));

    // Short labels stay horizontal; scale_to_max puts the max on the top tick.
    wb::HeatmapStyle plain;
    plain.col_labels = {"a", "b", "c"};
    plain.scale_to_max = true;
    const wb::Matrix small{{0.1, 0.2, 0.4}};
    const std::string svg2 = wb::heatmap_svg(small, plain);
    CHECK(svg2.find("rotate(-45") == std::string::npos);
    CHECK(svg2.find(">0.40</text>") != std::string::npos);
    CHECK(count_of(svg2, "<rect ") == 3 + 2);
}

TEST_CASE("SVG text stays well-formed for invalid UTF-8 labels", "[common][heatmap]") {
    wb::HeatmapStyle style;
    style.row_labels = {std::string("bad\xff\xfe")};
    const std::string svg = wb::heatmap_svg(wb::Matrix{{1.0}}, style);
    CHECK(wb::is_valid_utf8(svg));
    CHECK(svg.find("bad\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("write_heatmap_svg creates nested directories and writes the document", "[common][heatmap]") {
    ScratchDir scratch("write");
    const std::string dir = (scratch.path / "a" / "b" / "c").string();
    wb::HeatmapStyle style;
    style.title = "written";
    const std::string path = wb::write_heatmap_svg(dir, "weights.svg", weights_3x3, style);
    CHECK(path == (fs::path(dir) / "weights.svg").string());
    REQUIRE(fs::is_regular_file(path));
    CHECK(read_all(path) == wb::heatmap_svg(weights_3x3, style));
    // Writing again overwrites, byte for byte.
    CHECK(wb::write_heatmap_svg(dir, "weights.svg", weights_3x3, style) == path);
    CHECK(read_all(path) == wb::heatmap_svg(weights_3x3, style));
}

TEST_CASE("write_heatmap_svg throws runtime_error instead of crashing", "[common][heatmap]") {
    ScratchDir scratch("errors");
    fs::create_directories(scratch.path);
    const fs::path file = scratch.path / "not-a-directory";
    std::ofstream(file) << "plain file\n";
    wb::HeatmapStyle style;

    // The directory is an existing regular file, or lies under one.
    CHECK_THROWS_AS(wb::write_heatmap_svg(file.string(), "w.svg", weights_3x3, style), std::runtime_error);
    CHECK_THROWS_WITH(wb::write_heatmap_svg(file.string(), "w.svg", weights_3x3, style),
                      wb::test::Contains("not-a-directory"));
    CHECK_THROWS_AS(wb::write_heatmap_svg((file / "deeper").string(), "w.svg", weights_3x3, style), std::runtime_error);
    // The target file is a directory.
    fs::create_directories(scratch.path / "taken.svg");
    CHECK_THROWS_AS(wb::write_heatmap_svg(scratch.path.string(), "taken.svg", weights_3x3, style), std::runtime_error);
    CHECK_THROWS_AS(wb::write_heatmap_svg(scratch.path.string(), "", weights_3x3, style), std::runtime_error);
}

TEST_CASE("a heatmap too wide for 80 columns with values shows shading only, and says so", "[common][heatmap]") {
    const wb::Matrix wide = xt::ones<double>({std::size_t{3}, std::size_t{30}}) / 30.0;  // (3, 30)
    for (const bool color : {false, true}) {
        const std::string text = wb::heatmap_text(wide, wb::HeatmapStyle{}, color);
        std::size_t widest = 0;
        for (const std::string& line : lines_of(text)) {
            std::string plain;  // without escape codes
            for (std::size_t i = 0; i < line.size(); ++i) {
                if (line[i] == '\x1b') {
                    i = line.find('m', i);
                    continue;
                }
                plain += line[i];
            }
            widest = std::max(widest, wb::display_width(plain));
        }
        CHECK(widest <= 80);
        CHECK(text.find("too wide for 80 columns") != std::string::npos);
        CHECK(text.find("0.03") == std::string::npos);  // no values in the cells
    }
    // A heatmap that fits keeps its values.
    CHECK(wb::heatmap_text(weights_3x3, wb::HeatmapStyle{}, false).find("too wide") == std::string::npos);
}
