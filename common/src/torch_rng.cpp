// PyTorch-compatible draws: torch.rand, nn.Linear's default initialisation, nn.Dropout's mask.
// The rules (checked against Debian's python3-torch 1.13 by tests/torch/make_expected.py):
//   - torch.manual_seed(s) seeds a standard 32-bit Mersenne Twister (std::mt19937).
//   - a float32 uniform takes one 32-bit word: (word & 0xFFFFFF) / 2^24, then from + u * (to - from)
//     computed in double and rounded to float.
//   - dropout's Bernoulli takes two words: ((a << 32) | b) & (2^53 - 1), over 2^53, kept if < 1 - p;
//     p = 0 and p = 1 take no words at all (PyTorch short-cuts them).
#include "wb/torch_rng.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace wb {

TorchGenerator::TorchGenerator(std::uint64_t seed)
    : engine_(static_cast<std::mt19937::result_type>(seed & 0xFFFFFFFFu)) {}

float TorchGenerator::uniform_float_(float low, float high) {
    const std::uint32_t word = static_cast<std::uint32_t>(engine_());
    const double u = static_cast<double>(word & 0xFFFFFFu) * std::ldexp(1.0, -24);
    return static_cast<float>(u * static_cast<double>(high - low) + static_cast<double>(low));
}

double TorchGenerator::uniform() {
    return uniform_float_(0.0f, 1.0f);
}

double TorchGenerator::uniform53() {
    const std::uint64_t a = engine_();
    const std::uint64_t b = engine_();
    const std::uint64_t bits = ((a << 32) | b) & ((std::uint64_t{1} << 53) - 1);
    return static_cast<double>(bits) * std::ldexp(1.0, -53);
}

Vector TorchGenerator::exponential(std::size_t n) {
    Vector out = xt::zeros<double>({n});  // (n)
    for (double& x : out) x = -std::log(1.0 - uniform53());
    return out;
}

Vector TorchGenerator::rand(std::size_t n) {
    Vector out = xt::zeros<double>({n});
    for (double& x : out) x = uniform();
    return out;
}

Matrix TorchGenerator::rand(std::size_t rows, std::size_t cols) {
    Matrix out = xt::zeros<double>({rows, cols});
    for (double& x : out) x = uniform();  // row-major, as torch fills a contiguous tensor
    return out;
}

Tensor3 TorchGenerator::rand(std::size_t d0, std::size_t d1, std::size_t d2) {
    Tensor3 out = xt::zeros<double>({d0, d1, d2});
    for (double& x : out) x = uniform();
    return out;
}

Vector TorchGenerator::uniform(std::size_t n, double low, double high) {
    Vector out = xt::zeros<double>({n});
    for (double& x : out) x = uniform_float_(static_cast<float>(low), static_cast<float>(high));
    return out;
}

Matrix TorchGenerator::uniform(std::size_t rows, std::size_t cols, double low, double high) {
    Matrix out = xt::zeros<double>({rows, cols});  // row-major, as torch fills a contiguous tensor
    for (double& x : out) x = uniform_float_(static_cast<float>(low), static_cast<float>(high));
    return out;
}

namespace {
float linear_bound(std::size_t in_features) {
    if (in_features == 0) throw std::invalid_argument("nn.Linear needs in_features >= 1");
    // PyTorch computes 1/sqrt(fan_in) in double (Python's math.sqrt), then passes it as float.
    return static_cast<float>(1.0 / std::sqrt(static_cast<double>(in_features)));
}
}  // namespace

Matrix TorchGenerator::linear_weight(std::size_t in_features, std::size_t out_features) {
    const float k = linear_bound(in_features);
    Matrix weight = xt::zeros<double>({out_features, in_features});  // (out, in)
    for (double& w : weight) w = uniform_float_(-k, k);
    return weight;
}

Vector TorchGenerator::linear_bias(std::size_t in_features, std::size_t out_features) {
    const float k = linear_bound(in_features);
    Vector bias = xt::zeros<double>({out_features});  // (out)
    for (double& b : bias) b = uniform_float_(-k, k);
    return bias;
}

namespace {
void check_dropout_p(double p) {
    if (!(p >= 0.0 && p <= 1.0))
        throw std::invalid_argument(fmt::format("dropout probability has to be between 0 and 1, but got {}", p));
}

// nn.Dropout draws nothing for p = 0 (it returns its input) or p = 1 (it multiplies by zero); only
// 0 < p < 1 draws a Bernoulli(1 - p) per element. Keeping that makes the draws after it line up.
template <class T> void fill_keep_mask(T& keep, double p, TorchGenerator& gen) {
    if (p == 0.0 || p == 1.0) {
        keep.fill(p == 0.0 ? 1.0 : 0.0);
        return;
    }
    for (double& k : keep) k = gen.uniform53() < 1.0 - p ? 1.0 : 0.0;
}
}  // namespace

Matrix TorchGenerator::dropout_keep_mask(std::size_t rows, std::size_t cols, double p) {
    check_dropout_p(p);
    Matrix keep = xt::zeros<double>({rows, cols});  // (rows, cols)
    fill_keep_mask(keep, p, *this);
    return keep;
}

Tensor3 TorchGenerator::dropout_keep_mask(std::size_t d0, std::size_t d1, std::size_t d2, double p) {
    check_dropout_p(p);
    Tensor3 keep = xt::zeros<double>({d0, d1, d2});
    fill_keep_mask(keep, p, *this);
    return keep;
}

}  // namespace wb
