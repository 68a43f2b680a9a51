// Plain loops, one per formula: the oracles the property tests compare against.
#include "support/reference.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace wb::ref {

Matrix matmul(const Matrix& a, const Matrix& b) {
    const std::size_t n = a.shape(0), k = a.shape(1), m = b.shape(1);
    Matrix out = xt::zeros<double>({n, m});
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < m; ++j)
            for (std::size_t p = 0; p < k; ++p) out(i, j) += a(i, p) * b(p, j);
    return out;
}

Matrix transpose(const Matrix& a) {
    Matrix out = xt::zeros<double>({a.shape(1), a.shape(0)});
    for (std::size_t i = 0; i < a.shape(0); ++i)
        for (std::size_t j = 0; j < a.shape(1); ++j) out(j, i) = a(i, j);
    return out;
}

double dot(const Matrix& a, std::size_t row_a, const Matrix& b, std::size_t row_b) {
    double s = 0.0;
    for (std::size_t k = 0; k < a.shape(1); ++k) s += a(row_a, k) * b(row_b, k);
    return s;
}

Vector softmax(const Vector& scores) {
    double largest = -std::numeric_limits<double>::infinity();
    for (double s : scores) largest = std::max(largest, s);
    Vector out = xt::zeros<double>({scores.size()});
    double total = 0.0;
    for (std::size_t j = 0; j < scores.size(); ++j) total += (out(j) = std::exp(scores(j) - largest));
    for (double& w : out) w /= total;
    return out;
}

Vector row(const Matrix& m, std::size_t i) {
    Vector out = xt::zeros<double>({m.shape(1)});
    for (std::size_t j = 0; j < m.shape(1); ++j) out(j) = m(i, j);
    return out;
}

Matrix softmax_rows(const Matrix& scores) {
    Matrix out = xt::zeros<double>({scores.shape(0), scores.shape(1)});
    for (std::size_t i = 0; i < scores.shape(0); ++i) {
        const Vector w = softmax(row(scores, i));
        for (std::size_t j = 0; j < scores.shape(1); ++j) out(i, j) = w(j);
    }
    return out;
}

Vector column_sums(const Matrix& m) {
    Vector out = xt::zeros<double>({m.shape(1)});
    for (std::size_t i = 0; i < m.shape(0); ++i)
        for (std::size_t j = 0; j < m.shape(1); ++j) out(j) += m(i, j);
    return out;
}

Vector row_sums(const Matrix& m) {
    Vector out = xt::zeros<double>({m.shape(0)});
    for (std::size_t i = 0; i < m.shape(0); ++i)
        for (std::size_t j = 0; j < m.shape(1); ++j) out(i) += m(i, j);
    return out;
}

Matrix random_matrix(std::uint64_t seed, std::size_t rows, std::size_t cols, double low, double high) {
    TorchGenerator gen(seed);
    Matrix u = gen.rand(rows, cols);
    Matrix out = low + (high - low) * u;
    return out;
}

Vector random_vector(std::uint64_t seed, std::size_t n, double low, double high) {
    TorchGenerator gen(seed);
    Vector u = gen.rand(n);
    Vector out = low + (high - low) * u;
    return out;
}

std::vector<std::size_t> random_permutation(std::uint64_t seed, std::size_t n) {
    TorchGenerator gen(seed);
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    for (std::size_t i = n; i-- > 1;) {  // Fisher-Yates
        const auto j = static_cast<std::size_t>(gen.uniform() * static_cast<double>(i + 1));
        std::swap(order[i], order[std::min(j, i)]);
    }
    return order;
}

Matrix permute_rows(const Matrix& m, const std::vector<std::size_t>& order) {
    Matrix out = xt::zeros<double>({order.size(), m.shape(1)});
    for (std::size_t i = 0; i < order.size(); ++i)
        for (std::size_t j = 0; j < m.shape(1); ++j) out(i, j) = m(order[i], j);
    return out;
}

Matrix permute_columns(const Matrix& m, const std::vector<std::size_t>& order) {
    Matrix out = xt::zeros<double>({m.shape(0), order.size()});
    for (std::size_t i = 0; i < m.shape(0); ++i)
        for (std::size_t j = 0; j < order.size(); ++j) out(i, j) = m(i, order[j]);
    return out;
}

std::size_t random_size(std::uint64_t seed, std::uint64_t salt, std::size_t low, std::size_t high) {
    TorchGenerator gen(seed * 1000003u + salt);
    return low + static_cast<std::size_t>(gen.uniform() * static_cast<double>(high - low + 1));
}

}  // namespace wb::ref
