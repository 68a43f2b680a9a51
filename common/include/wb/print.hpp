// wb/print.hpp - printing tensors the way the workbook shows them, through fmt.
//
// Contract:
//   fmt::print("{}", t)          any xt::xtensor<double, N> (N = 1..4) or xt::xarray<double>:
//                                its shape, then its values with 4 decimals, like PyTorch.
//   fmt::print("{:.2}", t)       the same with 2 decimals.
//   fmt::print("{}", wb::show(t, "attention weights").rows(tokens).cols(tokens))
//                                a title, the shape, and row/column labels (token names).
// Columns line up by display width, so non-ASCII labels ("étudiant", "खाना") keep the table square.
// A 3-D or 4-D tensor prints as a sequence of 2-D slices, each headed by its index ("[0, :, :]").
// A table wider than 80 columns is printed in groups of columns ("columns 0 to 7 of 64:"), each
// group with its row labels, so no line is longer than 80.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <xtensor/xarray.hpp>
#include <xtensor/xtensor.hpp>

namespace wb {

struct TableStyle {
    std::string title;
    std::vector<std::string> row_labels;  // one per row of each 2-D slice (or empty)
    std::vector<std::string> col_labels;  // one per column (or empty)
    int decimals = 4;
};

// Renders `values` as text (what the formatters below print). `decimals` < 0 means the style's.
std::string render_tensor(const xt::xarray<double>& values, const TableStyle& style);

// One number with fixed decimals, as the workbook prints every number; "nan", "inf", "-inf".
// A value that rounds to zero has no minus sign ("0.0000", never "-0.0000").
std::string format_number(double x, int decimals);

// The row-major multi-index of flat position `flat` in a tensor of `shape`.
std::vector<std::size_t> unravel_index(std::size_t flat, const std::vector<std::size_t>& shape);

// The shape as "(6, 3)"; a vector as "(6,)", like a Python tuple.
std::string shape_string(const std::vector<std::size_t>& shape);
template <class E> std::string shape_of(const E& e) {
    return shape_string(std::vector<std::size_t>(e.shape().begin(), e.shape().end()));
}

// A tensor with a title and labels, ready for fmt.
class Shown {
  public:
    Shown(xt::xarray<double> values, std::string title) : values_(std::move(values)) {
        style_.title = std::move(title);
    }
    Shown& rows(std::vector<std::string> labels) {
        style_.row_labels = std::move(labels);
        return *this;
    }
    Shown& cols(std::vector<std::string> labels) {
        style_.col_labels = std::move(labels);
        return *this;
    }
    Shown& decimals(int d) {
        style_.decimals = d;
        return *this;
    }
    const xt::xarray<double>& values() const { return values_; }
    const TableStyle& style() const { return style_; }

  private:
    xt::xarray<double> values_;
    TableStyle style_;
};

template <class E> Shown show(const E& e, std::string title = {}) {
    xt::xarray<double> values = e;
    return Shown(std::move(values), std::move(title));
}

namespace detail {
// Parses an optional ".N" precision from a format spec such as "{:.2}".
struct PrecisionSpec {
    int decimals = -1;
    template <class ParseContext> constexpr auto parse(ParseContext& ctx) {
        auto it = ctx.begin();
        if (it != ctx.end() && *it == '.') {
            ++it;
            int d = 0;
            while (it != ctx.end() && *it >= '0' && *it <= '9') d = d * 10 + (*it++ - '0');
            decimals = d;
        }
        if (it != ctx.end() && *it != '}') throw fmt::format_error("wb: tensor format spec is {} or {:.N}");
        return it;
    }
};
}  // namespace detail

}  // namespace wb

template <> struct fmt::formatter<wb::Shown> : wb::detail::PrecisionSpec {
    template <class FormatContext> auto format(const wb::Shown& shown, FormatContext& ctx) const {
        wb::TableStyle style = shown.style();
        if (decimals >= 0) style.decimals = decimals;
        return fmt::format_to(ctx.out(), "{}", wb::render_tensor(shown.values(), style));
    }
};

template <class T, std::size_t N> struct fmt::formatter<xt::xtensor<T, N>> : wb::detail::PrecisionSpec {
    template <class FormatContext> auto format(const xt::xtensor<T, N>& t, FormatContext& ctx) const {
        wb::TableStyle style;
        if (decimals >= 0) style.decimals = decimals;
        xt::xarray<double> values = t;
        return fmt::format_to(ctx.out(), "{}", wb::render_tensor(values, style));
    }
};

template <class T> struct fmt::formatter<xt::xarray<T>> : wb::detail::PrecisionSpec {
    template <class FormatContext> auto format(const xt::xarray<T>& t, FormatContext& ctx) const {
        wb::TableStyle style;
        if (decimals >= 0) style.decimals = decimals;
        xt::xarray<double> values = t;
        return fmt::format_to(ctx.out(), "{}", wb::render_tensor(values, style));
    }
};
