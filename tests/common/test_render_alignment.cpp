// Tests that wb::render_tensor (wb/print.hpp) and wb::heatmap_text (wb/heatmap.hpp) line their columns
// up by display width, not by bytes, when labels hold Devanagari with combining marks (Chapter 5's
// Hindi pair). They compare the display column where each column ends in the header with where it
// ends in every row, so one misplaced column fails even if the line widths happen to agree.
// Not tested here: the numbers themselves (test_print.cpp, test_heatmap.cpp).
#include <cstddef>
#include <string>
#include <vector>

#include "support/catch.hpp"
#include "support/lines.hpp"

#include "wb/heatmap.hpp"
#include "wb/print.hpp"
#include "wb/tensor.hpp"
#include "wb/text.hpp"

using wb::test::lines_of;

namespace {

// Chapter 5's third pair: मैं (one column, nine bytes), खाना (three columns), खा, रहा, हूँ (one column).
const std::vector<std::string> hindi{"मैं", "खाना", "खा", "रहा", "हूँ"};
const std::vector<std::string> english{"I", "am", "eating"};

// Every value at least 0.1, so every heatmap cell ends in a visible shading glyph, never a blank.
wb::Matrix alignment() {
    wb::Matrix m = {{0.84, 0.10, 0.12, 0.14, 0.11},   // (3, 5) I
                    {0.19, 0.12, 0.27, 0.21, 0.94},   // am
                    {0.56, 0.16, 0.78, 0.37, 0.25}};  // eating
    return m;
}

// One run of non-space characters, as display columns: [start, end).
struct Span {
    std::size_t start;
    std::size_t end;
};

std::vector<Span> spans_of(const std::string& line) {
    std::vector<Span> spans;
    std::size_t at = 0;
    while ((at = line.find_first_not_of(' ', at)) != std::string::npos) {
        const std::size_t stop = std::min(line.find(' ', at), line.size());
        spans.push_back({wb::display_width(line.substr(0, at)), wb::display_width(line.substr(0, stop))});
        at = stop;
    }
    return spans;
}

std::vector<std::size_t> ends_of(const std::vector<Span>& spans, std::size_t first) {
    std::vector<std::size_t> ends;
    for (std::size_t i = first; i < spans.size(); ++i) ends.push_back(spans[i].end);
    return ends;
}

}  // namespace

TEST_CASE("render_tensor right-aligns Devanagari column labels with their numbers by display column",
          "[common][print]") {
    REQUIRE(wb::display_width(hindi[0]) == 1);  // म + two combining marks: one column, nine bytes
    REQUIRE(wb::display_width(hindi[4]) == 1);  // ह + two combining marks
    const auto check = [](const wb::Matrix& m, const std::vector<std::string>& rows,
                          const std::vector<std::string>& cols) {
        wb::TableStyle style;
        style.title = "alignment";
        style.row_labels = rows;
        style.col_labels = cols;
        const std::vector<std::string> lines = lines_of(wb::render_tensor(m, style));
        REQUIRE(lines.size() == rows.size() + 2);  // title, header, one line per row
        const std::vector<std::size_t> header_ends = ends_of(spans_of(lines[1]), 0);
        REQUIRE(header_ends.size() == cols.size());
        for (std::size_t r = 0; r < rows.size(); ++r) {
            CAPTURE(lines[1], lines[r + 2]);
            REQUIRE(ends_of(spans_of(lines[r + 2]), 1) == header_ends);  // skip the row label
        }
    };
    SECTION("Devanagari column labels") {
        check(alignment(), english, hindi);
    }
    SECTION("Devanagari row labels") {
        const wb::Matrix transposed = xt::transpose(alignment());  // (5, 3)
        check(transposed, hindi, english);
    }
}

TEST_CASE("heatmap_text ends every Devanagari-labelled column at the same display column in every row",
          "[common][print]") {
    const auto check = [](const wb::Matrix& m, const std::vector<std::string>& rows,
                          const std::vector<std::string>& cols) {
        wb::HeatmapStyle style;
        style.row_labels = rows;
        style.col_labels = cols;
        const std::vector<std::string> lines = lines_of(wb::heatmap_text(m, style, false));
        std::size_t header = 0;
        while (header < lines.size() && lines[header].find(cols[0]) == std::string::npos) ++header;
        REQUIRE(header + rows.size() < lines.size());
        // The header pads each label to the cell width: a column ends one before the next label
        // starts (cells are separated by one space), the last one where the padded line ends.
        const std::vector<Span> labels = spans_of(lines[header]);
        REQUIRE(labels.size() == cols.size());
        std::vector<std::size_t> header_ends;
        for (std::size_t c = 0; c + 1 < labels.size(); ++c) header_ends.push_back(labels[c + 1].start - 1);
        header_ends.push_back(wb::display_width(lines[header]));
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const std::string& line = lines[header + 1 + r];
            CAPTURE(lines[header], line);
            // A row: the label, then per column the value and its shading glyph, which ends the cell.
            const std::vector<Span> cells = spans_of(line);
            REQUIRE(cells.size() == 1 + 2 * cols.size());
            std::vector<std::size_t> row_ends;
            for (std::size_t c = 0; c < cols.size(); ++c) row_ends.push_back(cells[2 + 2 * c].end);
            REQUIRE(row_ends == header_ends);
        }
    };
    SECTION("Devanagari column labels") {
        check(alignment(), english, hindi);
    }
    SECTION("Devanagari row labels") {
        const wb::Matrix transposed = xt::transpose(alignment());  // (5, 3)
        check(transposed, hindi, english);
    }
}
