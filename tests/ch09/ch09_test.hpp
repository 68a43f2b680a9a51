// tests/ch09/ch09_test.hpp - what every Chapter 9 test file shares.
//
// Each test file checks one exercise, tagged [ch09][9.N]: against the stored PyTorch outputs
// (tests/expected/ch09.json, made by tests/torch/ch09.py with F.cross_entropy, clip_grad_norm_,
// torch.optim.AdamW, torch.multinomial and autograd) and against properties on random inputs
// (ln V for uniform logits, a clipped gradient's direction, Chapter 6's Adam, sampling
// frequencies). Token ids are stored as float64 whole numbers.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "support/catch.hpp"

#include <xtensor/xview.hpp>

#include "ch09/ch09.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/expected.hpp"

namespace ch09_test {

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch09");
    return outputs;
}

using wb::test::Equals;
using wb::test::Says;

// PyTorch's numbers to 1e-9 relative (and 1e-12 absolute, for values near 0).
inline wb::test::TensorMatcher Torch(const xt::xarray<double>& e) {
    return Equals(e, 1e-12, 1e-9);
}

inline wb::Matrix mat(const std::string& name) {
    return expected().tensor<2>(name);
}

inline wb::Vector vec(const std::string& name) {
    return expected().tensor<1>(name);
}

inline double scalar(const std::string& name) {
    return vec(name)(0);
}

// A stored vector of whole numbers as token ids (or positions).
inline std::vector<std::size_t> ids(const wb::Vector& v) {
    std::vector<std::size_t> out;
    for (double x : v) out.push_back(static_cast<std::size_t>(x));
    return out;
}

inline std::vector<std::size_t> ids(const std::string& name) {
    return ids(vec(name));
}

// A stored (B, T) matrix of token ids as a batch.
inline ch09::TokenBatch batch(const std::string& name) {
    const wb::Matrix m = mat(name);
    ch09::TokenBatch out(m.shape(0));
    for (std::size_t b = 0; b < m.shape(0); ++b)
        for (std::size_t t = 0; t < m.shape(1); ++t) out[b].push_back(static_cast<std::size_t>(m(b, t)));
    return out;
}

// Tensors that own their values, seen as a list of ch08::NamedTensor (what 9.3 and 9.4 take).
struct OwnedTensors {
    std::vector<std::string> names;
    std::vector<xt::xarray<double>> values;

    void add(const std::string& name, const xt::xarray<double>& value) {
        names.push_back(name);
        values.push_back(value);
    }
    std::vector<ch08::NamedTensor> list() {
        std::vector<ch08::NamedTensor> out;
        for (std::size_t i = 0; i < names.size(); ++i) {
            std::vector<std::size_t> shape(values[i].shape().begin(), values[i].shape().end());
            out.push_back(ch08::NamedTensor{names[i], shape, values[i].data(), values[i].size()});
        }
        return out;
    }
};

// A causal softmax pattern (T, T) of random scores.
inline wb::Matrix random_pattern(std::uint64_t seed, std::size_t T) {
    const wb::Matrix scores = wb::ref::random_matrix(seed, T, T, -2.0, 2.0);
    wb::Matrix w = xt::zeros<double>({T, T});
    for (std::size_t t = 0; t < T; ++t) {
        double sum = 0.0;
        for (std::size_t j = 0; j <= t; ++j) sum += w(t, j) = std::exp(scores(t, j));
        for (std::size_t j = 0; j <= t; ++j) w(t, j) /= sum;
    }
    return w;
}

// Chapter 8's tiny model, as tests/torch/ch09.py builds it (GEN).
inline ch08::GptConfig tiny_gpt(ch08::Positions positions) {
    ch08::GptConfig c;
    c.vocab = 11;
    c.context = 8;
    c.d_model = 8;
    c.heads = 2;
    c.layers = 2;
    c.d_hidden = 32;
    c.positions = positions;
    return c;
}

// True when two generators are in the same state (their next draws agree).
inline bool same_state(wb::TorchGenerator a, wb::TorchGenerator b) {
    for (int i = 0; i < 4; ++i)
        if (a.uniform53() != b.uniform53()) return false;
    return true;
}

}  // namespace ch09_test
