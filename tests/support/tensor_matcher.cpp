// The tensor matcher's comparison, diagnoses and report.
#include "support/tensor_matcher.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
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

std::vector<std::size_t> shape_vector(const xt::xarray<double>& t) {
    return std::vector<std::size_t>(t.shape().begin(), t.shape().end());
}

// What actual = c * expected says, after `said` ("actual is expected times 2 in every value"): the
// sign flipped, a known factor misapplied, or only that every value is off by the same factor.
std::string factor_line(const std::string& said, double c, const std::vector<KnownFactor>& factors,
                        const std::string& unit = "value") {
    const auto near = [](double x, double y) { return std::fabs(x - y) <= 1e-6 * std::fabs(y); };
    if (near(c, -1.0)) return said + ": the sign is flipped?";
    for (const KnownFactor& f : factors) {
        const int first = f.of_size ? 2 : 0, last = f.of_size ? 4096 : 0;
        for (const auto& [how, power] : {std::pair{"forgotten", -1.0}, std::pair{"applied twice", 1.0}})
            for (int n = first; n <= last; ++n) {
                const double v = f.of_size ? f.of_size(n) : f.value;
                if (v == 0.0 || !near(c, std::pow(v, power))) continue;
                const std::string size = f.of_size ? fmt::format(" ({} = {})", f.size, n) : std::string();
                return fmt::format("{}: the factor {}{} {}?", said, f.name, size, how);
            }
    }
    return said + ": every " + unit + " off by the same factor";
}

// The tensor as rows along its last axis: rows() x cols() values, row-major.
struct Rows {
    const xt::xarray<double>& t;
    std::vector<std::size_t> shape;
    std::size_t cols() const { return shape.empty() ? 1 : shape.back(); }
    std::size_t rows() const { return cols() == 0 ? 0 : t.size() / cols(); }
    double at(std::size_t r, std::size_t c) const { return t.data()[r * cols() + c]; }
    std::string name(std::size_t r) const {
        if (shape.size() <= 2) return std::to_string(r);
        return index_string(unravel_index(r, std::vector<std::size_t>(shape.begin(), shape.end() - 1)));
    }
};

bool rows_close(const Rows& x, std::size_t i, const Rows& y, std::size_t j, double abs_tol, double rel_tol) {
    for (std::size_t c = 0; c < x.cols(); ++c)
        if (!close(y.at(j, c), x.at(i, c), abs_tol, rel_tol)) return false;
    return true;
}

std::string sums_text(const std::vector<double>& sums) {
    std::string s;
    const std::size_t shown = std::min<std::size_t>(sums.size(), 8);
    for (std::size_t i = 0; i < shown; ++i) s += (i ? ", " : "") + format_number(sums[i], 4);
    if (sums.size() > shown) s += fmt::format(", ... ({} rows)", sums.size());
    return s;
}

// A constant c with actual = c * expected in every value (least squares, then checked), if any.
std::optional<double> constant_factor(const std::vector<double>& e, const std::vector<double>& a, double abs_tol,
                                      double rel_tol) {
    double ea = 0.0, ee = 0.0;
    for (std::size_t k = 0; k < e.size(); ++k) {
        if (!std::isfinite(e[k]) || !std::isfinite(a[k])) return std::nullopt;
        ea += e[k] * a[k];
        ee += e[k] * e[k];
    }
    if (ee == 0.0) return std::nullopt;
    const double c = ea / ee;
    if (close(1.0, c, 1e-9, 1e-9) || std::fabs(c) < 1e-12) return std::nullopt;
    for (std::size_t k = 0; k < e.size(); ++k)
        if (!close(c * e[k], a[k], std::max(abs_tol, 1e-12), std::max(rel_tol, 1e-9))) return std::nullopt;
    return c;
}

}  // namespace

KnownFactor inverse_sqrt_factor(const std::string& size) {
    KnownFactor f;
    f.name = "1/sqrt(" + size + ")";
    f.size = size;
    f.of_size = [](double n) { return 1.0 / std::sqrt(n); };
    return f;
}

std::vector<KnownFactor>& chapter_factors() {
    static std::vector<KnownFactor> factors;
    return factors;
}

std::size_t report_columns() {
    std::size_t columns = console_width;
    if (const char* env = std::getenv("WB_COLUMNS")) {
        char* end = nullptr;
        const long value = std::strtol(env, &end, 10);
        if (end != env && *end == '\0' && value >= 20) columns = std::min<std::size_t>(value, console_width);
    }
    return columns;
}

bool has_nan(const xt::xarray<double>&, const xt::xarray<double>& actual) {
    return std::any_of(actual.begin(), actual.end(), [](double x) { return std::isnan(x); });
}

bool has_non_finite(const xt::xarray<double>&, const xt::xarray<double>& actual) {
    return std::any_of(actual.begin(), actual.end(), [](double x) { return !std::isfinite(x); });
}

bool rows_sum_to_one(const xt::xarray<double>&, const xt::xarray<double>& actual) {
    const xt::xarray<double> a = actual;
    const Rows r{a, shape_vector(a)};
    for (std::size_t i = 0; i < r.rows(); ++i) {
        double sum = 0.0;
        for (std::size_t c = 0; c < r.cols(); ++c) sum += r.at(i, c);
        if (!(std::fabs(sum - 1.0) <= 1e-9)) return false;
    }
    return true;
}

std::vector<std::string> diagnose(const xt::xarray<double>& expected, const xt::xarray<double>& actual,
                                  const MatchOptions& options) {
    std::vector<std::string> lines;
    const double abs_tol = options.abs_tolerance, rel_tol = options.rel_tolerance;
    const std::vector<std::size_t> shape = shape_vector(expected);
    if (shape != shape_vector(actual)) {
        std::vector<std::size_t> swapped = shape;
        if (swapped.size() >= 2 && swapped[swapped.size() - 1] != swapped[swapped.size() - 2]) {
            std::swap(swapped[swapped.size() - 1], swapped[swapped.size() - 2]);
            if (swapped == shape_vector(actual))
                lines.push_back("actual has the shape of expected with its last two axes swapped: transposed, or "
                                "the operands of a product in the wrong order?");
        }
        return lines;
    }
    const xt::xarray<double> e = expected, a = actual;  // row-major copies
    const std::size_t n = e.size();
    bool equal = true;
    for (std::size_t k = 0; k < n && equal; ++k) equal = close(e.data()[k], a.data()[k], abs_tol, rel_tol);
    if (equal) return lines;

    for (const auto& [message, when] : options.hints)
        if (when(e, a)) lines.push_back(message);

    // NaN or inf where expected has a number.
    std::size_t nans = 0, infs = 0, first_nan = n, first_inf = n;
    for (std::size_t k = 0; k < n; ++k) {
        const double x = a.data()[k], y = e.data()[k];
        if (std::isnan(x) && !std::isnan(y) && nans++ == 0) first_nan = k;
        if (std::isinf(x) && std::isfinite(y) && infs++ == 0) first_inf = k;
    }
    if (nans > 0)
        lines.push_back(fmt::format("NaN in {} of {} values (the first at {}) where expected has numbers: 0/0, "
                                    "inf - inf or inf/inf somewhere, as when exp() overflows to inf?",
                                    nans, n, index_string(unravel_index(first_nan, shape))));
    if (infs > 0)
        lines.push_back(fmt::format("inf in {} of {} values (the first at {}) where expected is finite: an exp() "
                                    "or a division that overflowed?",
                                    infs, n, index_string(unravel_index(first_inf, shape))));

    // The transpose of expected.
    const std::size_t rank = shape.size();
    if (rank >= 2 && shape[rank - 1] == shape[rank - 2] && shape[rank - 1] >= 2) {
        const std::size_t d = shape[rank - 1], block = d * d;
        bool transposed = true;
        for (std::size_t base = 0; base < n && transposed; base += block)
            for (std::size_t i = 0; i < d && transposed; ++i)
                for (std::size_t j = 0; j < d && transposed; ++j)
                    transposed = close(e.data()[base + j * d + i], a.data()[base + i * d + j], abs_tol, rel_tol);
        if (transposed)
            lines.push_back(options.weights
                                ? "actual is the transpose of expected (rows and columns swapped): normalised over "
                                  "the wrong axis?"
                                : "actual is the transpose of expected (rows and columns swapped): the operands of a "
                                  "product in the wrong order, or a reduction over the wrong axis?");
    }

    // One constant factor everywhere.
    const std::vector<double> ev(e.begin(), e.end()), av(a.begin(), a.end());
    if (const auto c = constant_factor(ev, av, abs_tol, rel_tol))
        lines.push_back(
            factor_line(fmt::format("actual is expected times {:.6g} in every value", *c), *c, options.factors));

    // Rows (along the last axis) that are another row of expected.
    const Rows er{e, shape}, ar{a, shape};
    if (rank >= 2 && er.cols() >= 2 && er.rows() <= 4096) {
        std::size_t moved = 0, wrong_rows = 0;
        std::size_t first_i = 0, first_j = 0;
        for (std::size_t i = 0; i < ar.rows(); ++i) {
            if (rows_close(ar, i, er, i, abs_tol, rel_tol)) continue;
            ++wrong_rows;
            for (std::size_t j = 0; j < er.rows(); ++j) {
                if (j == i || rows_close(er, i, er, j, abs_tol, rel_tol)) continue;
                if (rows_close(ar, i, er, j, abs_tol, rel_tol)) {
                    if (moved++ == 0) first_i = i, first_j = j;
                    break;
                }
            }
        }
        if (moved == wrong_rows && moved >= 2)
            lines.push_back(fmt::format("every wrong row of actual is another row of expected (row {} is expected's "
                                        "row {}, and {} more): the rows in the wrong order, or the wrong index?",
                                        ar.name(first_i), er.name(first_j), moved - 1));
        else if (moved > 0)
            lines.push_back(fmt::format("row {} of actual equals row {} of expected{}: computed for the wrong query "
                                        "(an index off by one?)",
                                        ar.name(first_i), er.name(first_j),
                                        moved > 1 ? fmt::format(", and {} more rows are another row's", moved - 1)
                                                  : std::string()));
    }

    // Columns (the last axis, over every leading index) that are another column of expected:
    // heads or features concatenated in the wrong order.
    if (rank >= 2 && er.cols() >= 2 && er.cols() <= 512 && er.rows() >= 2) {
        const std::size_t C = er.cols(), R = er.rows();
        const auto column_close = [&](const Rows& x, std::size_t i, const Rows& y, std::size_t j) {
            for (std::size_t r = 0; r < R; ++r)
                if (!close(y.at(r, j), x.at(r, i), abs_tol, rel_tol)) return false;
            return true;
        };
        std::size_t moved = 0, wrong_columns = 0, first_i = 0, first_j = 0;
        for (std::size_t i = 0; i < C; ++i) {
            if (column_close(ar, i, er, i)) continue;
            ++wrong_columns;
            for (std::size_t j = 0; j < C; ++j)
                if (j != i && !column_close(er, i, er, j) && column_close(ar, i, er, j)) {
                    if (moved++ == 0) first_i = i, first_j = j;
                    break;
                }
        }
        if (moved > 0)
            lines.push_back(fmt::format("column {} of actual (along the last axis) equals column {} of expected{}: "
                                        "heads or features concatenated in the wrong order, or an index off by one?",
                                        first_i, first_j,
                                        moved == wrong_columns && moved > 1
                                            ? fmt::format(", and every other wrong column is another column too")
                                            : std::string()));
    }

    if (options.weights && nans == 0 && infs == 0 && er.cols() >= 1) {
        // Rows of expected that sum to 1 must do so in actual (a fully masked row may be all 0).
        std::vector<double> sums(ar.rows(), 0.0);
        bool all_one = true;
        for (std::size_t i = 0; i < ar.rows(); ++i) {
            double expected_sum = 0.0;
            for (std::size_t c = 0; c < ar.cols(); ++c) sums[i] += ar.at(i, c), expected_sum += er.at(i, c);
            if (std::fabs(expected_sum - 1.0) <= 1e-6) all_one = all_one && std::fabs(sums[i] - 1.0) <= 1e-6;
        }
        if (!all_one) {
            std::string line = "rows of actual weights do not sum to 1: the sums are " + sums_text(sums);
            if (rank >= 2) {  // columns summing to 1 instead
                const std::size_t R = shape[rank - 2], C = shape[rank - 1];
                bool columns_one = R >= 2;
                for (std::size_t base = 0; base < n && columns_one; base += R * C)
                    for (std::size_t c = 0; c < C && columns_one; ++c) {
                        double s = 0.0;
                        for (std::size_t r = 0; r < R; ++r) s += a.data()[base + r * C + c];
                        columns_one = std::fabs(s - 1.0) <= 1e-6;
                    }
                if (columns_one) line += "; the columns sum to 1: normalised over the wrong axis?";
            }
            lines.push_back(line);
        } else if (ar.cols() >= 2) {
            // softmax(c * scores) in place of softmax(scores): over the weights that are not 0 (a
            // mask's zeros stay zeros), the logs centred per row differ by the factor c.
            std::vector<double> le, la;
            bool same_support = true;
            for (std::size_t i = 0; i < ar.rows() && same_support; ++i) {
                double me = 0.0, ma = 0.0;
                std::size_t count = 0;
                for (std::size_t c = 0; c < ar.cols(); ++c) {
                    const double x = er.at(i, c), y = ar.at(i, c);
                    if ((x > 0.0) != (y > 0.0) || x < 0.0 || y < 0.0) same_support = false;
                    if (x > 0.0 && y > 0.0) me += std::log(x), ma += std::log(y), ++count;
                }
                for (std::size_t c = 0; c < ar.cols() && same_support; ++c)
                    if (er.at(i, c) > 0.0) {
                        le.push_back(std::log(er.at(i, c)) - me / static_cast<double>(count));
                        la.push_back(std::log(ar.at(i, c)) - ma / static_cast<double>(count));
                    }
            }
            if (same_support)
                if (const auto c = constant_factor(le, la, 1e-7, 1e-6))
                    lines.push_back(factor_line(
                        fmt::format("actual is the softmax of the scores times {:.6g}, not of the scores", *c), *c,
                        options.factors, "score"));
        }
    }
    return lines;
}

std::string compare_tensors(const xt::xarray<double>& expected, const xt::xarray<double>& actual,
                            const MatchOptions& options, bool* equal) {
    const double abs_tol = options.abs_tolerance, rel_tol = options.rel_tolerance;
    const std::size_t columns = options.columns > 0 ? options.columns : report_columns();
    const std::size_t budget = columns > 3 ? columns - 3 : 1;  // Catch indents by 2 and wraps at width - 1
    const std::vector<std::size_t> eshape = shape_vector(expected), ashape = shape_vector(actual);
    const std::string tolerance = fmt::format("abs {:g} + rel {:g}", abs_tol, rel_tol);
    std::string out;
    for (const std::string& line : diagnose(expected, actual, options)) out += wrap("likely mistake: " + line, budget);
    if (eshape != ashape) {
        *equal = false;
        return out + fmt::format("has the wrong shape: actual {}, expected {}", shape_string(ashape),
                                 shape_string(eshape));  // short: no wrapping, so it reads as one line
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
    out += wrap(fmt::format("differs from the expected tensor: shape {} matches, but {} of {} values are off "
                            "(tolerance {})",
                            shape_string(eshape), wrong, e.size(), tolerance),
                budget);
    const double we = e.data()[worst], wa = a.data()[worst];
    if (std::isfinite(worst_error))
        out += wrap(fmt::format("largest error {:.3g} at {}: expected {}, actual {}", worst_error,
                                index_string(worst_index), cell(we), cell(wa)),
                    budget);
    else  // NaN or inf: an "error" of inf says nothing
        out += wrap(fmt::format("actual is {} at {}: expected {}, actual {}",
                                std::isnan(wa) ? "NaN" : (std::isnan(we) ? "a number" : cell(wa)),
                                index_string(worst_index), cell(we), cell(wa)),
                    budget);

    // The 2-D slice (a 1-D tensor is one row) around the worst cell, at most 6 x 6, and fewer
    // columns when a stacked block would not fit otherwise.
    const std::size_t rank = eshape.size();
    const std::size_t rows = rank >= 2 ? eshape[rank - 2] : 1, cols = rank >= 1 ? eshape[rank - 1] : 1;
    const std::size_t wr = rank >= 2 ? worst_index[rank - 2] : 0, wc = rank >= 1 ? worst_index[rank - 1] : 0;
    const std::size_t slice_offset = worst - wr * cols - wc;
    const std::size_t max_show = 6;
    const std::size_t r0 = rows <= max_show ? 0 : std::min(wr >= max_show / 2 ? wr - max_show / 2 : 0, rows - max_show);
    const std::size_t r1 = std::min(rows, r0 + max_show);
    std::size_t width = 0;  // of a cell, over the rows shown and every column
    for (std::size_t r = r0; r < r1; ++r)
        for (std::size_t c = 0; c < cols; ++c) {
            const std::size_t k = slice_offset + r * cols + c;
            width = std::max({width, cell(e.data()[k]).size(), cell(a.data()[k]).size()});
        }
    std::size_t show = std::min(cols, max_show);
    const auto block_width = [&](std::size_t n) { return n * (width + 2); };
    const bool side_by_side = block_width(show) + 4 + block_width(show) <= budget;
    if (!side_by_side) show = std::max<std::size_t>(1, std::min(show, budget / (width + 2)));
    const std::size_t c0 = cols <= show ? 0 : std::min(wc >= show / 2 ? wc - show / 2 : 0, cols - show);
    const std::size_t c1 = std::min(cols, c0 + show);

    if (rank > 2) {
        std::vector<std::size_t> lead(worst_index.begin(), worst_index.end() - 2);
        std::string s = "[";
        for (std::size_t v : lead) s += std::to_string(v) + ", ";
        out += "slice " + s + ":, :]";
    }
    if (r0 > 0 || c0 > 0 || r1 < rows || c1 < cols)
        out += fmt::format("{}rows {}..{}, columns {}..{} shown", rank > 2 ? ", " : "", r0, r1 - 1, c0, c1 - 1);
    if (rank > 2 || r0 > 0 || c0 > 0 || r1 < rows || c1 < cols) out += "\n";

    const auto block_line = [&](const xt::xarray<double>& t, std::size_t r, bool mark) {
        std::string line;
        for (std::size_t c = c0; c < c1; ++c) {
            const std::size_t k = slice_offset + r * cols + c;
            const bool bad = !close(e.data()[k], a.data()[k], abs_tol, rel_tol);
            line += " " + pad_left(cell(t.data()[k]), width) + (mark && bad ? "*" : " ");
        }
        return line;
    };
    if (side_by_side) {
        out += pad_right("expected", block_width(c1 - c0)) + "   | actual (* = off)\n";
        for (std::size_t r = r0; r < r1; ++r) out += block_line(e, r, false) + "   |" + block_line(a, r, true) + "\n";
        return out;
    }
    out += "expected\n";
    for (std::size_t r = r0; r < r1; ++r) out += block_line(e, r, false) + "\n";
    out += "actual (* = off)\n";
    for (std::size_t r = r0; r < r1; ++r) out += block_line(a, r, true) + "\n";
    return out;
}

std::string compare_tensors(const xt::xarray<double>& expected, const xt::xarray<double>& actual, double abs_tol,
                            double rel_tol, bool* equal) {
    MatchOptions options;
    options.abs_tolerance = abs_tol;
    options.rel_tolerance = rel_tol;
    return compare_tensors(expected, actual, options, equal);
}

bool TensorMatcher::match(const xt::xarray<double>& actual) const {
    bool equal = false;
    report_ = compare_tensors(expected_, actual, options_, &equal);
    return equal;
}

std::string TensorMatcher::describe() const {
    return report_.empty() ? fmt::format("equals a tensor of shape {}", shape_of(expected_)) : "\n" + report_;
}

}  // namespace wb::test
