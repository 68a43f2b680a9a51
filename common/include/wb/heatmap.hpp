// wb/heatmap.hpp - attention weights as heatmaps: in the terminal and as SVG files.
//
// Contract: weights is (rows, cols), normally each row a softmax (values in [0, 1]); the colour
// scale runs from 0 (light) to 1 (dark) unless `scale_to_max` stretches it to the largest value.
// Row labels are the queries (who looks), column labels the keys (who is looked at).
// Terminal output uses 24-bit colour backgrounds when `color` is true; otherwise it draws each
// cell with plain ASCII shading characters so it still reads in a log, a pipe or with NO_COLOR.
// SVG output is a standalone file with labels, values in the cells and a colour bar, escaped
// correctly for any UTF-8 token.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wb/tensor.hpp"

namespace wb {

struct HeatmapStyle {
    std::string title;
    std::vector<std::string> row_labels;  // queries, one per row (empty: "0", "1", ...)
    std::vector<std::string> col_labels;  // keys, one per column (empty: "0", "1", ...)
    int decimals = 2;                     // digits shown in each cell
    bool scale_to_max = false;            // colour scale [0, max] instead of [0, 1]
};

// A colour of the palette, 0..255 per channel.
struct Rgb {
    int r = 0;
    int g = 0;
    int b = 0;
};

// The sequential palette shared by the terminal and the SVG: t = 0 near-white, t = 1 deep
// blue-purple, lightness falling steadily in between. t is clamped to [0, 1]; NaN gives grey.
Rgb heatmap_color(double t);

// The text colour (black or white) that reads best on `background`.
Rgb heatmap_contrast(Rgb background);

// The heatmap as text for a terminal; `color` picks ANSI colour or plain characters.
std::string heatmap_text(const Matrix& weights, const HeatmapStyle& style, bool color);

// The heatmap as a standalone SVG document.
std::string heatmap_svg(const Matrix& weights, const HeatmapStyle& style);

// Text for an SVG or other XML document: the five characters XML reserves escaped, invalid UTF-8
// bytes replaced by U+FFFD, so the document stays well-formed whatever the label.
std::string xml_escape(std::string_view text);

// Writes heatmap_svg to `directory`/`file_name` (creating the directory); returns the path.
// Throws std::runtime_error with the path and the reason if it cannot be written.
std::string write_heatmap_svg(const std::string& directory, const std::string& file_name, const Matrix& weights,
                              const HeatmapStyle& style);

}  // namespace wb
