// wb/torch_rng.hpp - random numbers that match PyTorch's CPU generator draw for draw.
//
// Contract: TorchGenerator(seed) then rand(...) gives the same numbers as
//     torch.manual_seed(seed); torch.rand(...)
// and linear_weight / linear_bias give the same initial parameters as nn.Linear, drawn in
// construction order. dropout_keep_mask matches nn.Dropout(p) in training mode on PyTorch's default
// CPU path. Values are float32 in PyTorch; here they are the same float32 values held in doubles.
// See docs/rng.md for the rules, and tests/torch/make_expected.py for the check against PyTorch.
// Not here: any other distribution (randn, normal_, kaiming for convolutions ...).
// exponential() gives torch.Tensor.exponential_ (rate 1) on a float64 tensor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>

#include "wb/tensor.hpp"

namespace wb {

class TorchGenerator {
  public:
    explicit TorchGenerator(std::uint64_t seed = 123);  // torch.manual_seed(seed)

    // torch.rand(n): uniform on [0, 1), float32 resolution (24 bits).
    Vector rand(std::size_t n);                       // (n)
    Matrix rand(std::size_t rows, std::size_t cols);  // (rows, cols)
    Tensor3 rand(std::size_t d0, std::size_t d1, std::size_t d2);

    // nn.Linear(in_features, out_features).weight: shape (out, in), uniform on [-k, k],
    // k = 1/sqrt(in_features). Call linear_bias next if the layer has a bias.
    Matrix linear_weight(std::size_t in_features, std::size_t out_features);  // (out, in)
    Vector linear_bias(std::size_t in_features, std::size_t out_features);    // (out)

    // nn.Dropout(p) in training mode: 1 where an element survives (it is then scaled by 1/(1-p)),
    // 0 where it is dropped. Two 32-bit draws per element, except for p = 0 and p = 1, which
    // draw nothing (PyTorch returns early for those).
    Matrix dropout_keep_mask(std::size_t rows, std::size_t cols, double p);  // (rows, cols)
    Tensor3 dropout_keep_mask(std::size_t d0, std::size_t d1, std::size_t d2, double p);

    // tensor.uniform_(low, high) on a float32 tensor of that shape, as nn.RNN and nn.init.uniform_
    // initialise their parameters (nn.RNN: every weight and bias on [-k, k], k = 1/sqrt(hidden)).
    Vector uniform(std::size_t n, double low, double high);                       // (n)
    Matrix uniform(std::size_t rows, std::size_t cols, double low, double high);  // (rows, cols)
    // One float32-resolution uniform on [0, 1) (one 32-bit draw).
    double uniform();
    // One uniform on [0, 1) with double resolution (two 32-bit draws), as dropout uses.
    double uniform53();
    // torch.empty(n, dtype=torch.float64).exponential_(): n draws of -log(1 - u), u = uniform53()
    // each, in order. torch.multinomial(probs, 1) on the CPU draws exactly these for its V
    // probabilities and returns the argmax of probs / draws (Chapter 9, exercise 9.8).
    Vector exponential(std::size_t n);  // (n)

  private:
    float uniform_float_(float low, float high);
    std::mt19937 engine_;
};

}  // namespace wb
