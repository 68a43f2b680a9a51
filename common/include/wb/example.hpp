// wb/example.hpp - the running example every chapter program shares, and the small helpers they
// all need to print and check it.
//
// Contract: the_books_sentence() is "Your journey starts with one step" in d_in = 3, the same
// numbers as tests/torch/wbtorch.py; random_embeddings() is what a chapter's --text option uses,
// torch.manual_seed(seed); torch.rand(T, dim). max_abs_difference() is what the programs' [ok]
// checks compare with a stated tolerance.
// Not here: anything an exercise asks the learner to write.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <xtensor/xarray.hpp>

#include "wb/tensor.hpp"

namespace wb {

struct Example {
    std::vector<std::string> tokens;  // T labels
    Matrix inputs;                    // (T, d_in)
    std::string source;               // how the embeddings were made, for the reader ("" for the book's)
};

// "Your journey starts with one step": (T, d_in) = (6, 3). Row i is the docs' x^(i+1).
Example the_books_sentence();

// Embeddings for the learner's own tokens: torch.manual_seed(seed); torch.rand(T, dim).
Example random_embeddings(const std::vector<std::string>& tokens, std::uint32_t seed, std::size_t dim);

// The largest |a - b| over all elements. Infinity if the shapes differ or any difference is NaN,
// so a check built on it cannot pass by accident.
double max_abs_difference(const xt::xarray<double>& a, const xt::xarray<double>& b);

// Labels prefix+from, prefix+(from+1), ...: "dim 0", "dim 1", ... for table rows and columns.
std::vector<std::string> numbered_labels(const std::string& prefix, std::size_t n, std::size_t from = 0);

// One item of a batch: (B, T, n) -> (T, n).
Matrix batch_item(const Tensor3& batch, std::size_t b);

// Items of one shape stacked into a batch: B items (T, n) -> (B, T, n). No items, or items of
// different shapes, throw std::invalid_argument.
Tensor3 stack_batch(const std::vector<Matrix>& items);

}  // namespace wb
