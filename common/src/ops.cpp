// The ready-made operations of wb/ops.hpp. Written as plain loops over rows: no lazy reductions,
// so none of xtensor's keep_dims pitfalls.
#include "wb/ops.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor-blas/xlinalg.hpp>
#include <xtensor/xbuilder.hpp>

#include "wb/print.hpp"

namespace wb {

Matrix matmul(const Matrix& a, const Matrix& b) {
    if (a.shape(1) != b.shape(0))
        throw std::invalid_argument(fmt::format("matmul: {} @ {}: inner sizes {} and {} differ", shape_of(a),
                                                shape_of(b), a.shape(1), b.shape(0)));
    if (a.size() == 0 || b.size() == 0) return xt::zeros<double>({a.shape(0), b.shape(1)});  // BLAS wants no empties
    Matrix product = xt::linalg::dot(a, b);                                                  // (n, m)
    return product;
}

namespace {

// Softmax of `rows` consecutive rows of length n, in place, in row-major storage.
void softmax_rows_in_place(double* data, std::size_t rows, std::size_t n) {
    if (n == 0) throw std::invalid_argument("softmax: the last axis is empty (no scores to normalise)");
    for (std::size_t r = 0; r < rows; ++r) {
        double* row = data + r * n;
        const double row_max = *std::max_element(row, row + n);
        double sum = 0.0;
        for (std::size_t j = 0; j < n; ++j) sum += (row[j] = std::exp(row[j] - row_max));
        for (std::size_t j = 0; j < n; ++j) row[j] /= sum;  // an all -inf row: nan / nan = nan
    }
}

template <class T> T softmax_last_axis(const T& scores) {
    T weights = scores;  // same shape; row-major, so each last-axis row is contiguous
    const std::size_t n = weights.shape(weights.dimension() - 1);
    softmax_rows_in_place(weights.data(), n == 0 ? 0 : weights.size() / n, n);
    return weights;
}

}  // namespace

Matrix softmax_rows(const Matrix& scores) {
    return softmax_last_axis(scores);
}
Tensor3 softmax_last(const Tensor3& scores) {
    return softmax_last_axis(scores);
}
Tensor4 softmax_last(const Tensor4& scores) {
    return softmax_last_axis(scores);
}

}  // namespace wb
