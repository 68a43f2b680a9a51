// tests/ch08/ch08_test.hpp - what every Chapter 8 test file shares.
//
// Each test file checks one exercise, tagged [ch08][8.N]: against the stored PyTorch outputs
// (tests/expected/ch08.json, made by tests/torch/ch08.py with nn.LayerNorm, nn.Linear, nn.GELU
// and autograd) and against properties on random inputs (finite differences, rows that sum to 0,
// norms a rotation keeps). Parameters and gradients are compared tensor by tensor, by the names
// PyTorch's named_parameters() gives them, so a failure names the tensor.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "support/catch.hpp"

#include <xtensor/xview.hpp>

#include "ch08/ch08.hpp"
#include "support/reference.hpp"
#include "support/tensor_matcher.hpp"
#include "wb/expected.hpp"

namespace ch08_test {

inline const wb::ExpectedOutputs& expected() {
    static const wb::ExpectedOutputs outputs = wb::ExpectedOutputs::load("ch08");
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

// A parameter list's tensor as an array of its own shape.
inline xt::xarray<double> values_of(const ch08::NamedTensor& t) {
    xt::xarray<double> a = xt::zeros<double>(t.shape);
    std::copy(t.data, t.data + t.size, a.begin());
    return a;
}

// Every tensor of `grads` against "<prefix>/grad/<name>", one CHECK each: every wrong gradient is named.
inline void require_gradients(std::vector<ch08::NamedTensor> grads, const std::string& prefix) {
    for (const ch08::NamedTensor& g : grads) {
        const std::string name = prefix + "/grad/" + g.name;
        CAPTURE(name);
        CHECK_THAT(values_of(g), Torch(expected().array(name)));
    }
}

// Sets every tensor of `params` from "<prefix>/param/<name>".
inline void load_parameters(std::vector<ch08::NamedTensor> params, const std::string& prefix) {
    for (const ch08::NamedTensor& p : params) {
        const xt::xarray<double> a = expected().array(prefix + "/param/" + p.name);
        REQUIRE(a.size() == p.size);
        std::copy(a.begin(), a.end(), p.data);
    }
}

// An MLP's parameters by name (the MLP alone, as PyTorch names its own module's parameters).
inline std::vector<ch08::NamedTensor> named(ch08::MlpParams& p) {
    auto add = [](std::vector<ch08::NamedTensor>& list, const std::string& name, wb::Matrix& m) {
        list.push_back(ch08::NamedTensor{name, {m.shape(0), m.shape(1)}, m.data(), m.size()});
    };
    auto add_vector = [](std::vector<ch08::NamedTensor>& list, const std::string& name, wb::Vector& v) {
        list.push_back(ch08::NamedTensor{name, {v.shape(0)}, v.data(), v.size()});
    };
    std::vector<ch08::NamedTensor> list;
    add(list, "fc.weight", p.fc.weight);
    add_vector(list, "fc.bias", p.fc.bias);
    add(list, "proj.weight", p.proj.weight);
    add_vector(list, "proj.bias", p.proj.bias);
    return list;
}

// An MLP of the given sizes, all zeros (shapes right), to be loaded.
inline ch08::MlpParams empty_mlp(std::size_t d, std::size_t d_hidden) {
    ch08::MlpParams p;
    p.fc.weight = xt::zeros<double>({d_hidden, d});
    p.fc.bias = xt::zeros<double>({d_hidden});
    p.proj.weight = xt::zeros<double>({d, d_hidden});
    p.proj.bias = xt::zeros<double>({d});
    return p;
}

// One of the stored block cases: its parameters drawn by block_init from the stored seed (the
// draw order under test), then every parameter loaded from the stored file; and its config.
struct BlockCase {
    ch08::BlockParams params;
    ch08::BlockConfig config;
    wb::Matrix x, d_output;
};

inline BlockCase block_case(const std::string& name, bool load_all = true) {
    const wb::Vector cfg = vec(name + "/config");  // seed, heads, d_hidden, rope
    BlockCase c;
    c.x = mat(name + "/x");
    c.d_output = mat(name + "/d_output");
    wb::TorchGenerator generator(static_cast<std::uint64_t>(cfg(0)));
    c.params = ch08::block_init(c.x.shape(1), static_cast<std::size_t>(cfg(2)), generator);
    c.config.heads = static_cast<std::size_t>(cfg(1));
    c.config.rope = cfg(3) != 0.0;
    c.config.gelu = name.find("exact") != std::string::npos ? ch08::Gelu::exact : ch08::Gelu::tanh;
    if (load_all) {
        load_parameters(ch08::named_parameters(c.params), name);
    } else {  // only the LayerNorms, which the stored case sets away from 1 and 0
        for (ch08::NamedTensor p : ch08::named_parameters(c.params))
            if (p.name.rfind("ln_", 0) == 0) load_parameters({p}, name);
    }
    return c;
}

inline const std::vector<std::string>& block_cases() {
    static const std::vector<std::string> names = {"block/main", "block/rope", "block/exact_one_head_one_token",
                                                   "block/d2"};
    return names;
}

// LayerNorm by the most literal loops (biased variance, eps inside the root), for finite differences.
inline wb::Matrix loop_layer_norm(const wb::Matrix& x, const wb::Vector& w, const wb::Vector& b, double eps) {
    const std::size_t N = x.shape(0), d = x.shape(1);
    wb::Matrix y = xt::zeros<double>({N, d});
    for (std::size_t n = 0; n < N; ++n) {
        double mean = 0, var = 0;
        for (std::size_t k = 0; k < d; ++k) mean += x(n, k) / static_cast<double>(d);
        for (std::size_t k = 0; k < d; ++k) var += (x(n, k) - mean) * (x(n, k) - mean) / static_cast<double>(d);
        for (std::size_t k = 0; k < d; ++k) y(n, k) = w(k) * (x(n, k) - mean) / std::sqrt(var + eps) + b(k);
    }
    return y;
}

// The central difference of f at x along every element: (f(x + h e) - f(x - h e)) / 2h.
inline wb::Matrix numerical_gradient(const std::function<double(const wb::Matrix&)>& f, const wb::Matrix& x,
                                     double h = 1e-6) {
    wb::Matrix g = xt::zeros<double>({x.shape(0), x.shape(1)});
    for (std::size_t i = 0; i < x.shape(0); ++i)
        for (std::size_t j = 0; j < x.shape(1); ++j) {
            wb::Matrix up = x, down = x;
            up(i, j) += h;
            down(i, j) -= h;
            g(i, j) = (f(up) - f(down)) / (2 * h);
        }
    return g;
}

inline double inner(const wb::Matrix& a, const wb::Matrix& b) {
    double s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a.data()[i] * b.data()[i];
    return s;
}

inline double max_abs(const xt::xarray<double>& a) {
    double m = 0.0;
    for (double x : a) m = std::max(m, std::fabs(x));
    return m;
}

}  // namespace ch08_test
