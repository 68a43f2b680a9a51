// Rendering tensors as aligned text: the shape, fixed decimals, optional labels.
#include "wb/print.hpp"

#include <algorithm>
#include <cmath>

#include "wb/text.hpp"

namespace wb {
namespace {

constexpr std::size_t max_table_width = 80;  // a wider table is printed in groups of columns

// One 2-D block (rows x cols) starting at flat offset `offset` of `values`.
std::string render_block(const xt::xarray<double>& values, std::size_t offset, std::size_t rows, std::size_t cols,
                         const TableStyle& style, const std::string& indent) {
    const int decimals = style.decimals < 0 ? 4 : style.decimals;
    std::vector<std::string> cells(rows * cols);
    for (std::size_t k = 0; k < rows * cols; ++k) cells[k] = format_number(values.data()[offset + k], decimals);

    const bool labelled = !style.row_labels.empty() || !style.col_labels.empty();
    // Column widths, and where a table too wide for 80 columns is cut into groups of columns.
    std::size_t width = 0;  // unlabelled: one width for every value
    for (const auto& c : cells) width = std::max(width, c.size());
    std::size_t label_width = 0;
    for (std::size_t r = 0; r < rows && r < style.row_labels.size(); ++r)
        label_width = std::max(label_width, display_width(style.row_labels[r]));
    std::vector<std::size_t> col_width(cols, 0);
    for (std::size_t c = 0; c < cols; ++c) {
        if (c < style.col_labels.size()) col_width[c] = display_width(style.col_labels[c]);
        for (std::size_t r = 0; r < rows; ++r) col_width[c] = std::max(col_width[c], cells[r * cols + c].size());
    }
    const std::string gap = "  ";
    std::vector<std::size_t> group_starts{0};
    std::size_t used = display_width(indent) + (labelled ? label_width : 2);
    for (std::size_t c = 0, in_group = 0; c < cols; ++c, ++in_group) {
        const std::size_t need = labelled ? gap.size() + col_width[c] : width + (in_group > 0 ? 2 : 0);
        if (in_group > 0 && used + need + (labelled ? 0 : 2) > max_table_width) {
            group_starts.push_back(c);
            used = display_width(indent) + (labelled ? label_width : 2);
            in_group = 0;
            used += labelled ? gap.size() + col_width[c] : width;
        } else {
            used += need;
        }
    }
    group_starts.push_back(cols);

    std::string out;
    for (std::size_t g = 0; g + 1 < group_starts.size(); ++g) {
        const std::size_t c0 = group_starts[g], c1 = group_starts[g + 1];
        if (group_starts.size() > 2) out += fmt::format("{}columns {} to {} of {}:\n", indent, c0, c1 - 1, cols);
        if (!labelled) {  // PyTorch's bracket layout, so output can be compared with print(tensor)
            for (std::size_t r = 0; r < rows; ++r) {
                out += indent + (rows > 1 ? (r == 0 ? "[[" : " [") : "[");
                for (std::size_t c = c0; c < c1; ++c) {
                    out += pad_left(cells[r * cols + c], width);
                    if (c + 1 < c1) out += ", ";
                }
                out += rows > 1 ? (r + 1 < rows ? "],\n" : "]]\n") : "]\n";
            }
            continue;
        }
        // Labelled table: row labels left-aligned, columns right-aligned to the wider of label/value.
        if (!style.col_labels.empty()) {
            std::string line = indent + std::string(label_width, ' ');
            for (std::size_t c = c0; c < c1; ++c)
                line += gap + pad_left(c < style.col_labels.size() ? style.col_labels[c] : "", col_width[c]);
            out += line + "\n";
        }
        for (std::size_t r = 0; r < rows; ++r) {
            std::string line = indent + pad_right(r < style.row_labels.size() ? style.row_labels[r] : "", label_width);
            for (std::size_t c = c0; c < c1; ++c) line += gap + pad_left(cells[r * cols + c], col_width[c]);
            out += line + "\n";
        }
    }
    return out;
}

}  // namespace

std::string format_number(double x, int decimals) {
    if (std::isnan(x)) return "nan";
    if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
    std::string text = fmt::format("{:.{}f}", x, decimals);
    // A value that rounds to zero prints as 0, not -0.0000 (a masked gradient of -1e-17 is 0).
    if (text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
    return text;
}

std::vector<std::size_t> unravel_index(std::size_t flat, const std::vector<std::size_t>& shape) {
    std::vector<std::size_t> index(shape.size());
    for (std::size_t k = shape.size(); k-- > 0;) {
        index[k] = flat % shape[k];
        flat /= shape[k];
    }
    return index;
}

std::string shape_string(const std::vector<std::size_t>& shape) {
    if (shape.size() == 1) return fmt::format("({},)", shape[0]);
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + ")";
}

std::string render_tensor(const xt::xarray<double>& values, const TableStyle& style) {
    const std::vector<std::size_t> shape(values.shape().begin(), values.shape().end());
    std::string out = style.title.empty() ? fmt::format("shape {}\n", shape_string(shape))
                                          : fmt::format("{} {}\n", style.title, shape_string(shape));
    if (values.size() == 0) return out + "(empty)\n";
    // xarray's default layout is row-major, so data() walks the elements in index order.
    xt::xarray<double> contiguous = values;
    if (shape.size() == 0) return out + format_number(contiguous(), style.decimals < 0 ? 4 : style.decimals) + "\n";
    if (shape.size() == 1) {
        if (!style.row_labels.empty() && style.col_labels.empty())  // one labelled value per line
            return out + render_block(contiguous, 0, shape[0], 1, style, "");
        return out + render_block(contiguous, 0, 1, shape[0], style, "");
    }
    const std::size_t rows = shape[shape.size() - 2], cols = shape.back();
    const std::size_t blocks = contiguous.size() / (rows * cols);
    if (shape.size() == 2) return out + render_block(contiguous, 0, rows, cols, style, "");
    // A 3-D or 4-D tensor always names its blocks, even when there is one: (1, 6, 2) prints its
    // [0, :, :] line like (2, 6, 2) prints two, so a batch of one reads like every other batch.
    for (std::size_t b = 0; b < blocks; ++b) {
        // The block's leading index, e.g. [1, 0, :, :] for a 4-D tensor.
        const std::vector<std::size_t> index =
            unravel_index(b, std::vector<std::size_t>(shape.begin(), shape.end() - 2));
        std::string head = "[";
        for (std::size_t k = 0; k < index.size(); ++k) head += std::to_string(index[k]) + ", ";
        out += head + ":, :]\n" + render_block(contiguous, b * rows * cols, rows, cols, style, "  ");
    }
    return out;
}

}  // namespace wb
