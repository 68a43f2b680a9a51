// tests/support/reference.hpp - plain-loop oracles and random inputs for property tests.
//
// Contract: each function here is the most literal loop for its formula, written independently
// of the exercises and solutions, so a test can check an exercise against it on random inputs.
// Random inputs come from the PyTorch-compatible generator with the seed the test names, so a
// failing case can be replayed (and reproduced in PyTorch with torch.manual_seed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "wb/tensor.hpp"
#include "wb/torch_rng.hpp"

namespace wb::ref {

Matrix matmul(const Matrix& a, const Matrix& b);  // (n, k) x (k, m) -> (n, m)
Matrix transpose(const Matrix& a);                // (n, m) -> (m, n)
double dot(const Matrix& a, std::size_t row_a, const Matrix& b, std::size_t row_b);
Vector softmax(const Vector& scores);        // stable; (T) -> (T)
Matrix softmax_rows(const Matrix& scores);   // row by row; (T_q, T_k)
Vector row(const Matrix& m, std::size_t i);  // (cols)
Vector column_sums(const Matrix& m);         // (cols)
Vector row_sums(const Matrix& m);            // (rows)

// Uniform values on [low, high) from torch.manual_seed(seed); torch.rand(rows, cols).
Matrix random_matrix(std::uint64_t seed, std::size_t rows, std::size_t cols, double low = -1.0, double high = 1.0);
Vector random_vector(std::uint64_t seed, std::size_t n, double low = -1.0, double high = 1.0);
// A random permutation of 0..n-1 (deterministic for a seed).
std::vector<std::size_t> random_permutation(std::uint64_t seed, std::size_t n);
Matrix permute_rows(const Matrix& m, const std::vector<std::size_t>& order);     // out[i] = m[order[i]]
Matrix permute_columns(const Matrix& m, const std::vector<std::size_t>& order);  // out[:, j] = m[:, order[j]]

// A whole number in [low, high], drawn deterministically from (seed, salt): random shapes.
std::size_t random_size(std::uint64_t seed, std::uint64_t salt, std::size_t low, std::size_t high);

}  // namespace wb::ref
