// The running example and the chapter programs' small helpers (wb/example.hpp).
#include "wb/example.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "wb/print.hpp"
#include "wb/torch_rng.hpp"

namespace wb {

Example the_books_sentence() {
    Example ex;
    ex.tokens = {"Your", "journey", "starts", "with", "one", "step"};
    ex.inputs = Matrix{{0.43, 0.15, 0.89},   // Your     (x^1)
                       {0.55, 0.87, 0.66},   // journey  (x^2)
                       {0.57, 0.85, 0.64},   // starts   (x^3)
                       {0.22, 0.58, 0.33},   // with     (x^4)
                       {0.77, 0.25, 0.10},   // one      (x^5)
                       {0.05, 0.80, 0.55}};  // step     (x^6)
    return ex;
}

Example random_embeddings(const std::vector<std::string>& tokens, std::uint32_t seed, std::size_t dim) {
    Example ex;
    ex.tokens = tokens;
    TorchGenerator gen(seed);
    ex.inputs = gen.rand(tokens.size(), dim);  // (T, dim), as torch.manual_seed(seed); torch.rand(T, dim)
    ex.source = fmt::format("torch.manual_seed({}); torch.rand({}, {})", seed, tokens.size(), dim);
    return ex;
}

double max_abs_difference(const xt::xarray<double>& a, const xt::xarray<double>& b) {
    if (a.shape() != b.shape()) return std::numeric_limits<double>::infinity();
    double worst = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k) {
        const double d = std::fabs(a.data()[k] - b.data()[k]);
        if (std::isnan(d)) return std::numeric_limits<double>::infinity();
        worst = std::max(worst, d);
    }
    return worst;
}

std::vector<std::string> numbered_labels(const std::string& prefix, std::size_t n, std::size_t from) {
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < n; ++k) labels.push_back(fmt::format("{}{}", prefix, k + from));
    return labels;
}

Matrix batch_item(const Tensor3& batch, std::size_t b) {
    Matrix item = xt::view(batch, b, xt::all(), xt::all());  // (T, n)
    return item;
}

Tensor3 stack_batch(const std::vector<Matrix>& items) {
    if (items.empty()) throw std::invalid_argument("stack_batch: no items to stack");
    Tensor3 batch = xt::zeros<double>({items.size(), items[0].shape(0), items[0].shape(1)});  // (B, T, n)
    for (std::size_t b = 0; b < items.size(); ++b) {
        if (items[b].shape() != items[0].shape())
            throw std::invalid_argument(fmt::format("stack_batch: item {} has shape {}, item 0 has {}", b,
                                                    shape_of(items[b]), shape_of(items[0])));
        xt::view(batch, b, xt::all(), xt::all()) = items[b];
    }
    return batch;
}

}  // namespace wb
