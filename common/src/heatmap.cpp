// Attention weights as heatmaps: a terminal grid (24-bit colour or ASCII shading) and an SVG file.
//
// Both renderings share one palette (heatmap_color) and one way of turning a weight into a
// position on the scale (Scale::position), so the terminal and the file always agree.
#include "wb/heatmap.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "wb/print.hpp"
#include "wb/text.hpp"

namespace wb {
namespace {

// The shading ramp of the plain-text heatmap, from 0 (blank) to 1 ("@").
constexpr std::string_view shade_ramp = " .:-=+*#%@";
constexpr char nan_glyph = '?';
constexpr std::string_view ansi_reset = "\x1b[0m";
constexpr std::size_t max_width = 80;  // every line of a terminal heatmap fits this

// Where a weight sits on the colour scale: [0, 1] or, with scale_to_max, [0, largest value].
struct Scale {
    double top = 1.0;

    explicit Scale(const Matrix& weights, bool to_max) {
        if (!to_max) return;
        double largest = 0.0;
        for (const double v : weights)
            if (std::isfinite(v)) largest = std::max(largest, v);
        if (largest > 0.0) top = largest;
    }

    // Position in [0, 1], or NaN for NaN (infinities clamp to the ends).
    double position(double v) const {
        if (std::isnan(v)) return v;
        return std::clamp(v / top, 0.0, 1.0);
    }
};

int decimals_of(const HeatmapStyle& style) {
    return std::clamp(style.decimals, 0, 12);
}

// A label with control characters made visible ("\n", "\t", "\x1b"), so a token can neither
// break a line nor smuggle an escape sequence into the output.
std::string visible(std::string_view label) {
    std::string out;
    for (const char ch : label) {
        const auto byte = static_cast<unsigned char>(ch);
        if (byte == '\n') {
            out += "\\n";
        } else if (byte == '\t') {
            out += "\\t";
        } else if (byte == '\r') {
            out += "\\r";
        } else if (byte < 0x20 || byte == 0x7F) {
            out += fmt::format("\\x{:02x}", byte);
        } else {
            out += ch;
        }
    }
    return out;
}

// Label `i` of `labels`, or its index when there is none.
std::string label_at(const std::vector<std::string>& labels, std::size_t i) {
    return i < labels.size() ? visible(labels[i]) : std::to_string(i);
}

std::string title_line(const Matrix& weights, const HeatmapStyle& style) {
    const std::string title = style.title.empty() ? "attention weights" : visible(style.title);
    return fmt::format("{} {}", title, shape_of(weights));
}

char shade_glyph(double position) {
    if (std::isnan(position)) return nan_glyph;
    const auto last = static_cast<double>(shade_ramp.size() - 1);
    const auto index = static_cast<std::size_t>(std::lround(position * last));
    return shade_ramp[std::min(index, shade_ramp.size() - 1)];
}

std::string ansi_colors(Rgb background) {
    const Rgb fg = heatmap_contrast(background);
    return fmt::format("\x1b[48;2;{};{};{}m\x1b[38;2;{};{};{}m", background.r, background.g, background.b, fg.r, fg.g,
                       fg.b);
}

std::string hex(Rgb c) {
    return fmt::format("#{:02x}{:02x}{:02x}", c.r, c.g, c.b);
}

// SVG coordinates: one decimal, always, so the bytes do not depend on anything but the input.
std::string px(double v) {
    return fmt::format("{:.1f}", v);
}

}  // namespace

// Text for XML: the five special characters escaped; invalid UTF-8 bytes become U+FFFD so the
// document stays well-formed whatever the token.
std::string xml_escape(std::string_view raw) {
    const std::string text = visible(raw);
    const bool valid = is_valid_utf8(text);
    std::string out;
    for (const char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            if (!valid && static_cast<unsigned char>(ch) >= 0x80)
                out += "\xEF\xBF\xBD";
            else
                out += ch;
        }
    }
    return out;
}

Rgb heatmap_color(double t) {
    if (std::isnan(t)) return {204, 204, 204};
    // Hand-picked stops, near-white to deep blue-purple, spaced to drop CIE lightness evenly
    // (about 98, 79, 58, 38, 19), with linear interpolation between neighbours.
    static constexpr std::array<Rgb, 5> stops{
        {{248, 250, 253}, {172, 197, 230}, {112, 139, 203}, {78, 80, 170}, {58, 24, 112}}};
    const double segment = std::clamp(t, 0.0, 1.0) * static_cast<double>(stops.size() - 1);
    const std::size_t k = std::min(static_cast<std::size_t>(segment), stops.size() - 2);
    const double f = segment - static_cast<double>(k);
    const auto mix = [f](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
    const Rgb& a = stops[k];
    const Rgb& b = stops[k + 1];
    return {mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b)};
}

Rgb heatmap_contrast(Rgb background) {
    // WCAG relative luminance; black text wins above about 0.18, white below.
    const auto linear = [](int channel) {
        const double c = std::clamp(channel, 0, 255) / 255.0;
        return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const double luminance =
        0.2126 * linear(background.r) + 0.7152 * linear(background.g) + 0.0722 * linear(background.b);
    const double with_black = (luminance + 0.05) / 0.05;
    const double with_white = 1.05 / (luminance + 0.05);
    return with_black >= with_white ? Rgb{0, 0, 0} : Rgb{255, 255, 255};
}

// Layout: the row labels (full width, left-aligned), two spaces, then one cell per column with
// a single space between cells. A cell is as wide as the widest value plus two columns:
// colour  " 0.21 "  (the value on its background colour)
// plain   "0.21 :"  (the value, a space, the shading glyph)
// Cells widen to fit column labels of up to 10 columns; longer ones are cut so the grid stays
// aligned.
std::string heatmap_text(const Matrix& weights, const HeatmapStyle& style, bool color) {
    std::string out = title_line(weights, style) + "\n";
    const std::size_t rows = weights.shape()[0];
    const std::size_t cols = weights.shape()[1];
    if (rows == 0 || cols == 0) return out + "(empty)\n";

    const int decimals = decimals_of(style);
    const Scale scale(weights, style.scale_to_max);
    std::vector<std::string> values(rows * cols);
    std::size_t value_width = 0;
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c) {
            std::string& v = values[r * cols + c];
            v = format_number(weights(r, c), decimals);
            value_width = std::max(value_width, display_width(v));
        }
    // Cells widen for column labels up to 10 columns, so "journey" shows whole; longer labels are cut.
    std::size_t longest_col_label = 0;
    for (std::size_t c = 0; c < cols; ++c)
        longest_col_label = std::max(longest_col_label, display_width(label_at(style.col_labels, c)));
    const std::size_t cell_width = std::max(value_width + 2, std::min<std::size_t>(longest_col_label, 10));
    value_width = cell_width - 2;

    std::vector<std::string> row_labels(rows);
    std::size_t label_width = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        row_labels[r] = label_at(style.row_labels, r);
        label_width = std::max(label_width, display_width(row_labels[r]));
    }
    const std::string gap = "  ";
    // Too wide for 80 columns with the values: the narrower form, one shading cell per weight
    // under the key's number (counted from 1), row labels cut to 16 columns.
    const bool narrow = label_width + gap.size() + cols * (cell_width + 1) - 1 > max_width;
    if (narrow) {
        label_width = std::min<std::size_t>(label_width, 16);
        for (auto& label : row_labels) label = truncate_to_width(label, label_width);
        out += wrap(fmt::format("(too wide for {} columns with the values: shading only, columns numbered "
                                "by key; --svg DIR writes the values)",
                                max_width),
                    max_width);
    }

    std::string header = pad_right("", label_width) + gap;
    for (std::size_t c = 0; c < cols; ++c) {
        if (narrow) {
            header += std::to_string((c + 1) % 10) + " ";
            continue;
        }
        if (c > 0) header += ' ';
        header += pad_right(truncate_to_width(label_at(style.col_labels, c), cell_width), cell_width);
    }
    out += header + "\n";

    for (std::size_t r = 0; r < rows; ++r) {
        std::string line = pad_right(row_labels[r], label_width) + gap;
        for (std::size_t c = 0; c < cols; ++c) {
            const double position = scale.position(weights(r, c));
            const std::string& value = values[r * cols + c];
            if (narrow) {
                line += color ? ansi_colors(heatmap_color(position)) + "  " + std::string(ansi_reset)
                              : std::string(1, shade_glyph(position)) + " ";
                continue;
            }
            if (c > 0) line += ' ';
            if (color) {
                // Each cell resets, so the line always ends with a reset and nothing leaks past it.
                line += ansi_colors(heatmap_color(position)) + " " + pad_left(value, value_width) + " ";
                line += ansi_reset;
            } else {
                line += pad_left(value, value_width) + " " + shade_glyph(position);
            }
        }
        out += line + "\n";
    }

    const std::string low = format_number(0.0, decimals);
    const std::string high = format_number(scale.top, decimals);
    const std::string axes = "rows: queries, columns: keys";
    std::string legend;
    if (color) {
        std::string bar;
        for (std::size_t i = 0; i < 10; ++i) bar += ansi_colors(heatmap_color(static_cast<double>(i) / 9.0)) + "  ";
        legend = fmt::format("scale: {} {}{} {}", low, bar, ansi_reset, high);
        // The bar is 20 columns wide on screen, whatever its escape codes count.
        out += legend + (low.size() + high.size() + 32 + axes.size() <= max_width ? "   " + axes : "\n" + axes) + "\n";
    } else {
        legend = fmt::format("shading \"{}\" = {} to {}, \"?\" = nan", shade_ramp, low, high);
        out += legend + (display_width(legend) + 2 + axes.size() <= max_width ? "; " + axes : "\n" + axes) + "\n";
    }
    return out;
}

std::string heatmap_svg(const Matrix& weights, const HeatmapStyle& style) {
    const std::size_t rows = weights.shape()[0];
    const std::size_t cols = weights.shape()[1];
    const int decimals = decimals_of(style);
    const Scale scale(weights, style.scale_to_max);

    // Sizes in px. Text widths are estimated from display columns (DejaVu Sans averages about
    // 0.62 em per column), which is all the layout needs: labels get room, nothing overlaps.
    constexpr double margin = 16, title_size = 16, label_size = 13, value_size = 12, caption_size = 12;
    constexpr double em = 0.62;
    constexpr std::size_t max_label_columns = 24;
    const auto text_px = [](const std::string& s, double size) {
        return static_cast<double>(display_width(s)) * em * size;
    };

    const std::string title = title_line(weights, style);
    std::vector<std::string> values(rows * cols);
    double value_px = 0;
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c) {
            values[r * cols + c] = format_number(weights(r, c), decimals);
            value_px = std::max(value_px, text_px(values[r * cols + c], value_size));
        }
    std::vector<std::string> row_labels(rows), col_labels(cols);
    double row_label_px = 0, col_label_px = 0;
    for (std::size_t r = 0; r < rows; ++r) {
        row_labels[r] = truncate_to_width(label_at(style.row_labels, r), max_label_columns);
        row_label_px = std::max(row_label_px, text_px(row_labels[r], label_size));
    }
    for (std::size_t c = 0; c < cols; ++c) {
        col_labels[c] = truncate_to_width(label_at(style.col_labels, c), max_label_columns);
        col_label_px = std::max(col_label_px, text_px(col_labels[c], label_size));
    }

    const double cell = std::max(40.0, std::ceil(value_px + 12));
    const bool rotate = col_label_px > cell - 6;
    const double diagonal = 0.7072;  // cos 45 degrees, rounded up
    const double header_h = rotate ? col_label_px * diagonal + label_size + 6 : label_size + 8;

    const double title_y = margin + title_size;
    const double caption_y = title_y + 8 + caption_size + 6;
    const double grid_left = margin + caption_size + 10 + row_label_px + 10;
    const double grid_top = caption_y + 6 + header_h;
    const double grid_w = cell * static_cast<double>(cols);
    const double grid_h = cell * static_cast<double>(rows);

    const double bar_x = grid_left + grid_w + 24, bar_w = 14;
    const double bar_h = std::max(grid_h, 100.0);
    const std::string tick_low = format_number(0.0, decimals);
    const std::string tick_mid = format_number(scale.top / 2, decimals);
    const std::string tick_high = format_number(scale.top, decimals);
    const double tick_px =
        std::max({text_px(tick_low, value_size), text_px(tick_mid, value_size), text_px(tick_high, value_size)});

    double width = bar_x + bar_w + 8 + tick_px + margin;
    if (rotate && cols > 0)  // the last label runs up and to the right of its column
        width = std::max(width, grid_left + grid_w - cell / 2 + col_label_px * diagonal + label_size + margin);
    width = std::max(width, margin + text_px(title, title_size) + margin);
    double height = std::max(grid_h, bar_h) + grid_top + margin;
    const bool empty = rows == 0 || cols == 0;
    if (empty) {
        width = std::max(width, 320.0);
        height = title_y + 40 + margin;
    }
    const int svg_w = static_cast<int>(std::ceil(width));
    const int svg_h = static_cast<int>(std::ceil(height));

    std::string out;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0}\" height=\"{1}\" "
                       "viewBox=\"0 0 {0} {1}\" font-family=\"DejaVu Sans, Noto Sans, sans-serif\">\n",
                       svg_w, svg_h);
    out += fmt::format("<title>{}</title>\n", xml_escape(title));
    out += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", svg_w, svg_h);
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"#000000\">{}</text>\n",
                       px(margin), px(title_y), px(title_size), xml_escape(title));
    if (empty) {
        out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#444444\">(empty)</text>\n", px(margin),
                           px(title_y + 28), px(label_size));
        return out + "</svg>\n";
    }

    // Gradient for the colour bar: bottom (0) to top (1), sampled from the same palette.
    out += "<defs>\n<linearGradient id=\"wb-heat-scale\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n";
    for (int i = 0; i <= 10; ++i)
        out += fmt::format("<stop offset=\"{}\" stop-color=\"{}\"/>\n", px(i / 10.0), hex(heatmap_color(i / 10.0)));
    out += "</linearGradient>\n</defs>\n";

    // Axis captions.
    out += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"{}\" font-style=\"italic\" fill=\"#444444\" "
                       "text-anchor=\"middle\">keys (attended to)</text>\n",
                       px(grid_left + grid_w / 2), px(caption_y), px(caption_size));
    const double query_x = margin + caption_size;
    const double query_y = grid_top + grid_h / 2;
    out += fmt::format("<text x=\"{0}\" y=\"{1}\" font-size=\"{2}\" font-style=\"italic\" fill=\"#444444\" "
                       "text-anchor=\"middle\" transform=\"rotate(-90 {0} {1})\">queries (attending)</text>\n",
                       px(query_x), px(query_y), px(caption_size));

    // Column labels (keys) on top, row labels (queries) on the left.
    out += fmt::format("<g font-size=\"{}\" fill=\"#000000\">\n", px(label_size));
    for (std::size_t c = 0; c < cols; ++c) {
        const double x = grid_left + cell * (static_cast<double>(c) + 0.5);
        const double y = grid_top - 6;
        if (rotate)
            out += fmt::format("<text x=\"{0}\" y=\"{1}\" transform=\"rotate(-45 {0} {1})\">{2}</text>\n", px(x), px(y),
                               xml_escape(col_labels[c]));
        else
            out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", px(x), px(y),
                               xml_escape(col_labels[c]));
    }
    for (std::size_t r = 0; r < rows; ++r) {
        const double y = grid_top + cell * (static_cast<double>(r) + 0.5) + 0.35 * label_size;
        out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", px(grid_left - 8), px(y),
                           xml_escape(row_labels[r]));
    }
    out += "</g>\n";

    // The cells: a filled square and the value in a contrasting colour.
    out += fmt::format("<g font-size=\"{}\" text-anchor=\"middle\">\n", px(value_size));
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < cols; ++c) {
            const double x = grid_left + cell * static_cast<double>(c);
            const double y = grid_top + cell * static_cast<double>(r);
            const Rgb fill = heatmap_color(scale.position(weights(r, c)));
            out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#ffffff\" "
                               "stroke-width=\"1\"/>\n",
                               px(x), px(y), px(cell), px(cell), hex(fill));
            out += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>\n", px(x + cell / 2),
                               px(y + cell / 2 + 0.35 * value_size), hex(heatmap_contrast(fill)),
                               xml_escape(values[r * cols + c]));
        }
    out += "</g>\n";

    // The colour bar with ticks at 0, the middle and the top of the scale.
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"url(#wb-heat-scale)\" "
                       "stroke=\"#888888\" stroke-width=\"1\"/>\n",
                       px(bar_x), px(grid_top), px(bar_w), px(bar_h));
    out += fmt::format("<g font-size=\"{}\" fill=\"#000000\" stroke=\"none\">\n", px(value_size));
    const std::array<std::pair<double, const std::string*>, 3> ticks{
        {{0.0, &tick_low}, {0.5, &tick_mid}, {1.0, &tick_high}}};
    for (const auto& [at, text] : ticks) {
        const double y = grid_top + bar_h * (1.0 - at);
        out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#888888\" stroke-width=\"1\"/>\n",
                           px(bar_x + bar_w), px(y), px(bar_x + bar_w + 4), px(y));
        out += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", px(bar_x + bar_w + 7), px(y + 0.35 * value_size),
                           xml_escape(*text));
    }
    out += "</g>\n";
    return out + "</svg>\n";
}

std::string write_heatmap_svg(const std::string& directory, const std::string& file_name, const Matrix& weights,
                              const HeatmapStyle& style) {
    namespace fs = std::filesystem;
    const fs::path path = fs::path(directory) / file_name;
    const auto fail = [&](const std::string& reason) {
        return std::runtime_error(fmt::format("cannot write heatmap '{}': {}", path.string(), reason));
    };
    if (file_name.empty()) throw fail("the file name is empty");

    const std::string svg = heatmap_svg(weights, style);  // before touching the disk
    const fs::path parent = path.parent_path();
    if (!parent.empty()) {
        std::error_code ec;
        fs::create_directories(parent, ec);
        if (ec) throw fail(fmt::format("cannot create directory '{}': {}", parent.string(), ec.message()));
        if (!fs::is_directory(parent, ec))
            throw fail(fmt::format("'{}' exists and is not a directory", parent.string()));
    }

    errno = 0;
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) {
        const int error = errno;
        throw fail(error != 0 ? std::strerror(error) : "cannot open the file");
    }
    file.write(svg.data(), static_cast<std::streamsize>(svg.size()));
    file.close();
    if (!file) throw fail("writing failed");
    return path.string();
}

}  // namespace wb
