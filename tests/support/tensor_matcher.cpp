// The tensor matcher's comparison and report.
#include "support/tensor_matcher.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "wb/text.hpp"

namespace wb::test {
namespace {

bool close(double e, double a, double abs_tol, double rel_tol) {
    if (std::isnan(e) || std::isnan(a)) return std::isnan(e) && std::isnan(a);
    if (std::isinf(e) || std::isinf(a)) return e == a;
    return std::fabs(a - e) <= abs_tol + rel_tol * std::fabs(e);
}

double error_of(double e, double a) {
    if (std::isnan(e) != std::isnan(a)) return INFINITY;
    if (std::isnan(e)) return 0.0;
    if (std::isinf(e) || std::isinf(a)) return e == a ? 0.0 : INFINITY;
    return std::fabs(a - e);
}

std::string cell(double x) {
    return format_number(x, 6);
}

std::string index_string(std::vector<std::size_t> index) {
    std::string s = "[";
    for (std::size_t k = 0; k < index.size(); ++k) s += (k ? ", " : "") + std::to_string(index[k]);
    return s + "]";
}

}  // namespace

std::string compare_tensors(const xt::xarray<double>& expected, const xt::xarray<double>& actual, double abs_tol,
                            double rel_tol, bool* equal) {
    const std::vector<std::size_t> eshape(expected.shape().begin(), expected.shape().end());
    const std::vector<std::size_t> ashape(actual.shape().begin(), actual.shape().end());
    const std::string tolerance = fmt::format("abs {:g} + rel {:g}", abs_tol, rel_tol);
    if (eshape != ashape) {
        *equal = false;
        return fmt::format("has the wrong shape: actual {}, expected {}", shape_string(ashape), shape_string(eshape));
    }
    // Row-major copies, so flat index k is the same element in both.
    const xt::xarray<double> e = expected, a = actual;
    std::size_t wrong = 0, worst = 0;
    double worst_error = -1.0;
    for (std::size_t k = 0; k < e.size(); ++k) {
        if (close(e.data()[k], a.data()[k], abs_tol, rel_tol)) continue;
        ++wrong;
        const double err = error_of(e.data()[k], a.data()[k]);
        if (err > worst_error) worst_error = err, worst = k;
    }
    *equal = wrong == 0;
    if (wrong == 0) return fmt::format("equals the expected tensor {} within {}", shape_string(eshape), tolerance);

    const std::vector<std::size_t> worst_index = unravel_index(worst, eshape);
    std::string out = fmt::format("differs from the expected tensor: shape {} matches, but {} of {} values are "
                                  "off (tolerance {})\n",
                                  shape_string(eshape), wrong, e.size(), tolerance);
    out += fmt::format("largest error {:.3g} at {}: expected {}, actual {}\n", worst_error, index_string(worst_index),
                       cell(e.data()[worst]), cell(a.data()[worst]));

    // The 2-D slice (a 1-D tensor is one row) around the worst cell, at most 6 x 6.
    const std::size_t rank = eshape.size();
    const std::size_t rows = rank >= 2 ? eshape[rank - 2] : 1, cols = rank >= 1 ? eshape[rank - 1] : 1;
    const std::size_t wr = rank >= 2 ? worst_index[rank - 2] : 0, wc = rank >= 1 ? worst_index[rank - 1] : 0;
    const std::size_t slice_offset = worst - wr * cols - wc;
    const std::size_t max_show = 6;  // keeps two blocks side by side within 160 columns
    const std::size_t r0 = rows <= max_show ? 0 : std::min(wr >= max_show / 2 ? wr - max_show / 2 : 0, rows - max_show);
    const std::size_t c0 = cols <= max_show ? 0 : std::min(wc >= max_show / 2 ? wc - max_show / 2 : 0, cols - max_show);
    const std::size_t r1 = std::min(rows, r0 + max_show), c1 = std::min(cols, c0 + max_show);
    if (rank > 2) {
        std::vector<std::size_t> lead(worst_index.begin(), worst_index.end() - 2);
        std::string s = "[";
        for (std::size_t v : lead) s += std::to_string(v) + ", ";
        out += "slice " + s + ":, :]";
    }
    if (r0 > 0 || c0 > 0 || r1 < rows || c1 < cols)
        out += fmt::format("{}rows {}..{}, columns {}..{} shown", rank > 2 ? ", " : "", r0, r1 - 1, c0, c1 - 1);
    if (rank > 2 || r0 > 0 || c0 > 0 || r1 < rows || c1 < cols) out += "\n";

    std::size_t width = 0;
    for (std::size_t r = r0; r < r1; ++r)
        for (std::size_t c = c0; c < c1; ++c) {
            const std::size_t k = slice_offset + r * cols + c;
            width = std::max({width, cell(e.data()[k]).size(), cell(a.data()[k]).size()});
        }
    const auto block_line = [&](const xt::xarray<double>& t, std::size_t r, bool mark) {
        std::string line;
        for (std::size_t c = c0; c < c1; ++c) {
            const std::size_t k = slice_offset + r * cols + c;
            const bool bad = !close(e.data()[k], a.data()[k], abs_tol, rel_tol);
            line += " " + pad_left(cell(t.data()[k]), width) + (mark && bad ? "*" : " ");
        }
        return line;
    };
    // Side by side when both blocks fit the console (Catch indents the report by 2 columns), else
    // expected above actual.
    const std::size_t block_width = (c1 - c0) * (width + 2);
    if (2 + block_width + 4 + block_width <= console_width) {
        out += pad_right("expected", block_width) + "   | actual (* = off)\n";
        for (std::size_t r = r0; r < r1; ++r) out += block_line(e, r, false) + "   |" + block_line(a, r, true) + "\n";
        return out;
    }
    out += "expected\n";
    for (std::size_t r = r0; r < r1; ++r) out += block_line(e, r, false) + "\n";
    out += "actual (* = off)\n";
    for (std::size_t r = r0; r < r1; ++r) out += block_line(a, r, true) + "\n";
    return out;
}

bool TensorMatcher::match(const xt::xarray<double>& actual) const {
    bool equal = false;
    report_ = compare_tensors(expected_, actual, abs_, rel_, &equal);
    return equal;
}

std::string TensorMatcher::describe() const {
    return report_.empty() ? fmt::format("equals a tensor of shape {}", shape_of(expected_)) : "\n" + report_;
}

}  // namespace wb::test
