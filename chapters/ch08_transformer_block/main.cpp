// Chapter 8 - the Transformer block, from the learner's own parts.
//
// Contract: shows, one printed step at a time, how a GPT-2 block is built and differentiated:
//   1. why positions: self-attention without them is permutation-equivariant ("dog bites man" and
//      "man bites dog" give the same vectors, permuted); learned, sinusoidal and rotary positions
//      side by side; RoPE's relative property at (m, n) = (3, 1), (10, 8), (100, 98); its two
//      pairings (adjacent, halves) giving different numbers, and equal ones after a fixed
//      permutation of the query and key weights;
//   2. LayerNorm forward, and its backward's three terms, checked by central differences;
//   3. GELU exact (erf) and tanh, their derivatives, and the MLP's backward;
//   4. one pre-norm block forward and backward, every parameter's gradient checked by central
//      differences, the attention weights as heatmaps, and the residual path's share of d_x;
//   5. a stack's parameter count (GPT-2 small: 163,009,536 untied, 124,412,160 tied), a tiny
//      stack's logits, its causality, and its backward (the one Chapter 9 trains with) checked.
// Every weight and input comes from the PyTorch-compatible generator in a stated order;
// docs/listings/ch08_pytorch.py builds the same modules from nn.LayerNorm, nn.Linear and nn.GELU
// and prints numbers that CI finds in this program's output.
// Options: --seed, --d-model, --heads, --layers, --positions learned|sinusoidal|rope, --svg DIR.
// Not here: training (Chapter 9), any code the exercises ask for (every computation of the
// chapter is a function of exercises/ch08/ch08.hpp or an earlier chapter's header; this file
// only arranges inputs, perturbs them for central differences, and prints).
//
// Shapes: T tokens, d = --d-model, H = --heads of hd = d / H columns, d_hidden = 4 d, V = the tiny
// stack's vocabulary. Steps 1-3 use d = 8 (fixed, to keep their tables narrow).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "ch06/ch06.hpp"
#include "ch08/ch08.hpp"
#include "wb/chapter.hpp"
#include "wb/example.hpp"
#include "wb/ops.hpp"
#include "wb/torch_rng.hpp"

namespace {

using wb::Matrix;
using wb::max_abs_difference;
using wb::Vector;

constexpr std::size_t d_small = 8;  // the width of steps 1-3
constexpr double fd_step = 1e-5;    // central differences: (L(p + h) - L(p - h)) / 2h
constexpr double fd_tolerance = 1e-7;
// A tensor whose gradients are all tiny (LayerNorm with d = 2 passes almost nothing) is compared
// against this instead: rounding in the loss, about 1e-11 after dividing by 2h, is no error.
constexpr double error_floor = 0.01;

// torch.rand(rows, cols) * scale + shift, from `gen` (held exactly in doubles, as .double() does).
Matrix rand_matrix(wb::TorchGenerator& gen, std::size_t rows, std::size_t cols, double scale = 2.0,
                   double shift = -1.0) {
    Matrix m = gen.rand(rows, cols) * scale + shift;
    return m;
}

Matrix transpose(const Matrix& m) {
    Matrix t = xt::transpose(m);
    return t;
}

// x W^T: an nn.Linear without bias. x (N, d_in), W (d_out, d_in) -> (N, d_out).
Matrix project(const Matrix& x, const Matrix& W) {
    return wb::matmul(x, transpose(W));
}

double sum_of_products(const Matrix& a, const Matrix& b) {
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a.data()[i] * b.data()[i];
    return s;
}

double frobenius(const Matrix& m) {
    return std::sqrt(sum_of_products(m, m));
}

Matrix rows_of(const Matrix& m, const std::vector<std::size_t>& rows) {
    Matrix out = xt::zeros<double>({rows.size(), m.shape(1)});
    for (std::size_t i = 0; i < rows.size(); ++i) xt::view(out, i, xt::all()) = xt::view(m, rows[i], xt::all());
    return out;
}

Matrix columns(const Matrix& m, std::size_t from, std::size_t count) {
    Matrix out = xt::view(m, xt::all(), xt::range(from, from + count));
    return out;
}

std::string with_commas(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// ---- central differences over named tensors --------------------------------------------------

// What checking one parameter tensor found.
struct TensorCheck {
    std::string name;
    std::vector<std::size_t> shape;
    double largest_gradient = 0.0;  // max |analytic|
    std::size_t checked = 0;        // entries perturbed
    std::size_t size = 0;
    double error = 0.0;  // max |analytic - numerical| / max(max |analytic|, max |numerical|, error_floor)
};

// Perturbs up to `most` entries of each tensor (evenly spaced, the first and last included) by
// +-fd_step and compares (L(+) - L(-)) / 2h with the analytic gradient. `params` and `grads` list
// the same tensors in the same order (named_parameters of a struct and of its gradient).
std::vector<TensorCheck> check_tensors(const std::vector<ch08::NamedTensor>& params,
                                       const std::vector<ch08::NamedTensor>& grads, const std::function<double()>& loss,
                                       std::size_t most) {
    std::vector<TensorCheck> out;
    for (std::size_t t = 0; t < params.size(); ++t) {
        const ch08::NamedTensor& p = params[t];
        const ch08::NamedTensor& g = grads[t];
        TensorCheck c{p.name, p.shape, 0.0, 0, p.size, 0.0};
        if (g.size != p.size) {
            c.error = INFINITY;
            out.push_back(c);
            continue;
        }
        for (std::size_t i = 0; i < g.size; ++i)
            c.largest_gradient = std::max(c.largest_gradient, std::fabs(g.data[i]));
        std::vector<std::size_t> entries;
        if (p.size <= most) {
            for (std::size_t i = 0; i < p.size; ++i) entries.push_back(i);
        } else {
            for (std::size_t k = 0; k < most; ++k) entries.push_back(k * (p.size - 1) / (most - 1));
        }
        double worst = 0.0, largest = c.largest_gradient;
        std::vector<double> numerical;
        for (std::size_t i : entries) {
            const double saved = p.data[i];
            p.data[i] = saved + fd_step;
            const double up = loss();
            p.data[i] = saved - fd_step;
            const double down = loss();
            p.data[i] = saved;
            numerical.push_back((up - down) / (2 * fd_step));
            largest = std::max(largest, std::fabs(numerical.back()));
        }
        for (std::size_t k = 0; k < entries.size(); ++k)
            worst = std::max(worst, std::fabs(g.data[entries[k]] - numerical[k]));
        c.checked = entries.size();
        c.error = worst / std::max(largest, error_floor);
        out.push_back(c);
    }
    return out;
}

// A matrix seen as one named tensor (for check_tensors).
ch08::NamedTensor as_named(const std::string& name, Matrix& m) {
    return ch08::NamedTensor{name, {m.shape(0), m.shape(1)}, m.data(), m.size()};
}
ch08::NamedTensor as_named(const std::string& name, Vector& v) {
    return ch08::NamedTensor{name, {v.size()}, v.data(), v.size()};
}

// The table of a gradient check; returns the worst error.
double show_checks(const wb::Narrator& say, const std::vector<TensorCheck>& checks) {
    say.line(fmt::format("    {:<26} {:>9}  {:>13}  {:>12}", "tensor", "shape", "largest |grad|", "entries"));
    double worst = 0.0;
    for (const TensorCheck& c : checks) {
        say.line(fmt::format("    {:<26} {:>9}  {:>13}  {:>12}", c.name, wb::shape_string(c.shape),
                             wb::format_number(c.largest_gradient, 4),
                             c.checked == c.size ? fmt::format("all {}", c.size)
                                                 : fmt::format("{} of {}", c.checked, c.size)));
        worst = std::max(worst, c.error);
    }
    say.line("");
    return worst;
}

// ---- step 1: positions ---------------------------------------------------------------------------

enum class Scheme { none, learned, sinusoidal, rope };

// Unmasked single-head self-attention (Chapter 2) on x (T, d) with positions by `scheme`.
Matrix attend(const Matrix& x, Scheme scheme, const Matrix& W_query, const Matrix& W_key, const Matrix& W_value,
              const Matrix& learned_table) {
    Matrix inputs = x;  // (T, d)
    const std::size_t T = x.shape(0), d = x.shape(1);
    if (scheme == Scheme::learned) inputs = x + Matrix(xt::view(learned_table, xt::range(0, T), xt::all()));
    if (scheme == Scheme::sinusoidal) inputs = x + ch08::sinusoidal_positions(T, d);
    Matrix queries = project(inputs, W_query), keys = project(inputs, W_key);  // (T, d)
    const Matrix values = project(inputs, W_value);                            // (T, d)
    if (scheme == Scheme::rope) {
        queries = ch08::rotary_embedding(queries, 0);
        keys = ch08::rotary_embedding(keys, 0);
    }
    return ch06::attention_forward(queries, keys, values, false).output;  // (T, d)
}

// Scores (T, T) of head h, unmasked and scaled, with one RoPE pairing or the other.
Matrix head_scores(const Matrix& x, const Matrix& W_query, const Matrix& W_key, std::size_t heads, std::size_t h,
                   bool halves) {
    const std::size_t hd = W_query.shape(0) / heads;
    Matrix queries = columns(project(x, W_query), h * hd, hd), keys = columns(project(x, W_key), h * hd, hd);
    queries = halves ? ch08::rotary_embedding_halves(queries, 0) : ch08::rotary_embedding(queries, 0);
    keys = halves ? ch08::rotary_embedding_halves(keys, 0) : ch08::rotary_embedding(keys, 0);
    Matrix scores = wb::matmul(queries, transpose(keys)) / std::sqrt(static_cast<double>(hd));
    return scores;
}

void step_positions(const wb::Narrator& say, std::uint64_t seed) {
    say.step("1", "Why positions");
    say.say(
        fmt::format("A vocabulary of three words with embeddings torch.rand(3, {0}) after torch.manual_seed({1}), and "
                    "one head of unmasked self-attention (Chapter 2) whose W_query, W_key, W_value are "
                    "nn.Linear({0}, {0}, bias=False) after torch.manual_seed({2}). The same three words in two "
                    "orders:",
                    d_small, seed, seed + 1));
    const std::vector<std::string> vocabulary{"dog", "bites", "man"};
    wb::TorchGenerator gen_words(seed);
    const Matrix embedding = gen_words.rand(3, d_small);  // (3, d)
    wb::TorchGenerator gen_layer(seed + 1);
    const Matrix W_query = gen_layer.linear_weight(d_small, d_small);  // (d, d)
    const Matrix W_key = gen_layer.linear_weight(d_small, d_small);
    const Matrix W_value = gen_layer.linear_weight(d_small, d_small);
    const Matrix learned = rand_matrix(gen_layer, 3, d_small);  // (T_max = 3, d), as if learned
    const std::vector<std::size_t> dog_bites_man{0, 1, 2}, man_bites_dog{2, 1, 0};
    const std::vector<std::string> words_a{"dog", "bites", "man"}, words_b{"man", "bites", "dog"};
    const Matrix x_a = rows_of(embedding, dog_bites_man), x_b = rows_of(embedding, man_bites_dog);  // (3, d)
    const std::vector<std::string> dims = wb::numbered_labels("", d_small);

    say.step("1.1", "Without positions, order is invisible");
    const Matrix out_a = attend(x_a, Scheme::none, W_query, W_key, W_value, learned);
    const Matrix out_b = attend(x_b, Scheme::none, W_query, W_key, W_value, learned);
    say.show(wb::show(out_a, "outputs for \"dog bites man\" (T, d)").rows(words_a).cols(dims));
    say.show(wb::show(out_b, "outputs for \"man bites dog\" (T, d)").rows(words_b).cols(dims));
    say.check("the same three vectors, permuted: each word's output is the same in both sentences "
              "(up to rounding, below 1e-14)",
              max_abs_difference(out_a, rows_of(out_b, {2, 1, 0})) < 1e-14);
    say.say("The dog is the biter in one sentence and the bitten in the other, and its vector cannot "
            "tell. Permuting the rows permutes the queries, keys and values alike, so every weighted "
            "sum is the same sum in another order: self-attention is permutation-equivariant. "
            "LayerNorm and the MLP work row by row, so a whole block without a causal mask is too. (With "
            "the mask, row t averages over t + 1 rows, which leaks a little about position: not enough "
            "to rely on.)");

    say.step("1.2", "Three ways to put the order back");
    say.say(fmt::format("Learned positions (GPT-2): a table (T_max, d) added to the embeddings; here "
                        "torch.rand(3, {}) * 2 - 1, drawn after the three weights, stands in for a trained "
                        "one. Sinusoidal (Vaswani et al. 2017): a fixed table, P(t, 2i) = sin(t / "
                        "10000^(2i/d)), P(t, 2i+1) = cos(same), exercise 8.1:",
                        d_small));
    say.show(wb::show(ch08::sinusoidal_positions(6, d_small), "sinusoidal_positions(6, 8)")
                 .rows(wb::numbered_labels("t=", 6))
                 .cols(dims));
    say.say("RoPE (Su et al. 2021) adds nothing to the embeddings: it rotates every query and key by "
            "an angle proportional to its position (exercise 8.2). The output of \"dog\" in both "
            "sentences, under each scheme:");
    const std::vector<std::pair<Scheme, std::string>> schemes{{Scheme::none, "no positions"},
                                                              {Scheme::learned, "learned"},
                                                              {Scheme::sinusoidal, "sinusoidal"},
                                                              {Scheme::rope, "RoPE"}};
    Matrix dog_rows = xt::zeros<double>({std::size_t{8}, d_small});
    std::vector<std::string> dog_labels;
    std::vector<double> moved;
    for (std::size_t s = 0; s < schemes.size(); ++s) {
        const Matrix a = attend(x_a, schemes[s].first, W_query, W_key, W_value, learned);
        const Matrix b = attend(x_b, schemes[s].first, W_query, W_key, W_value, learned);
        xt::view(dog_rows, 2 * s, xt::all()) = xt::view(a, 0, xt::all());
        xt::view(dog_rows, 2 * s + 1, xt::all()) = xt::view(b, 2, xt::all());
        dog_labels.push_back(schemes[s].second + ", dog bites");
        dog_labels.push_back(schemes[s].second + ", bites dog");
        moved.push_back(max_abs_difference(xt::view(a, 0, xt::all()), xt::view(b, 2, xt::all())));
    }
    say.show(wb::show(dog_rows, "the output of \"dog\"").rows(dog_labels).cols(dims));
    say.check("without positions the two rows are equal (below 1e-14)", moved[0] < 1e-14);
    say.check("with learned, sinusoidal or rotary positions they differ (by more than 1e-6)",
              moved[1] > 1e-6 && moved[2] > 1e-6 && moved[3] > 1e-6);
    say.say("What each buys. The learned table has T_max rows (GPT-2: 1024): position 1024 has no "
            "vector at all. The sinusoidal table is defined for every position (row 5000 exists), "
            "though a model rarely uses positions it never saw well. RoPE ties nothing to absolute "
            "positions: a score sees only the distance between query and key, which the next step "
            "checks.");
    const Matrix far = ch08::sinusoidal_positions(5001, d_small);
    say.show(wb::show(Matrix(xt::view(far, xt::range(5000, 5001), xt::all())), "sinusoidal row t = 5000")
                 .rows({"t=5000"})
                 .cols(dims));

    say.step("1.3", "RoPE: the score depends only on m - n");
    wb::TorchGenerator gen_rope(seed + 2);
    const Matrix qk = rand_matrix(gen_rope, 2, d_small);  // (2, d): a query and a key
    const Matrix q = xt::view(qk, xt::range(0, 1), xt::all()), k = xt::view(qk, xt::range(1, 2), xt::all());
    say.say(fmt::format("A query q and a key k, torch.rand(2, {}) * 2 - 1 after torch.manual_seed({}), "
                        "rotated as if q stood at position m and k at position n, then q . k:",
                        d_small, seed + 2));
    const auto score = [&](std::size_t m, std::size_t n, bool halves) {
        const Matrix qm = halves ? ch08::rotary_embedding_halves(q, m) : ch08::rotary_embedding(q, m);
        const Matrix kn = halves ? ch08::rotary_embedding_halves(k, n) : ch08::rotary_embedding(k, n);
        return sum_of_products(qm, kn);
    };
    const std::vector<std::pair<std::size_t, std::size_t>> pairs{{3, 1}, {10, 8}, {100, 98}, {3, 2}, {0, 0}};
    Matrix table = xt::zeros<double>({pairs.size(), std::size_t{3}});
    std::vector<std::string> pair_labels;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        const auto [m, n] = pairs[i];
        table(i, 0) = static_cast<double>(m) - static_cast<double>(n);
        table(i, 1) = score(m, n, false);
        table(i, 2) = score(m, n, true);
        pair_labels.push_back(fmt::format("(m, n) = ({}, {})", m, n));
    }
    say.show(wb::show(table, "q_m . k_n").rows(pair_labels).cols({"m - n", "adjacent", "halves"}));
    const double unrotated = sum_of_products(q, k);
    say.line(fmt::format("    q . k without rotation: {}", wb::format_number(unrotated, 4)));
    say.line("");
    say.check("(3, 1), (10, 8) and (100, 98) give the same score (within 1e-12), in both pairings",
              std::fabs(table(0, 1) - table(1, 1)) < 1e-12 && std::fabs(table(0, 1) - table(2, 1)) < 1e-12 &&
                  std::fabs(table(0, 2) - table(1, 2)) < 1e-12 && std::fabs(table(0, 2) - table(2, 2)) < 1e-12);
    say.check("(3, 2) gives another score: the distance matters", std::fabs(table(3, 1) - table(0, 1)) > 1e-3);
    say.check("(0, 0) is the unrotated q . k (within 1e-15)", std::fabs(table(4, 1) - unrotated) < 1e-15);
    const Matrix q100 = ch08::rotary_embedding(q, 100);
    say.check("rotation keeps lengths: |q rotated to m = 100| = |q| (within 1e-14)",
              std::fabs(frobenius(q100) - frobenius(q)) < 1e-14);

    say.step("1.4", "RoPE's two pairings, and the permutation between them");
    say.say(
        fmt::format("Adjacent pairs (2i, 2i+1), as the RoFormer paper and the original Llama code rotate, and the "
                    "two halves (i, i + hd/2), as GPT-NeoX and the Hugging Face code do. Same inputs, same weights: "
                    "x = torch.rand(4, {0}) * 2 - 1, then W_query and W_key nn.Linear({0}, {0}, bias=False), "
                    "continuing after q and k; 2 heads of hd = 4. Head 0's scores:",
                    d_small));
    const Matrix x4 = rand_matrix(gen_rope, 4, d_small);         // (4, d)
    const Matrix Wq = gen_rope.linear_weight(d_small, d_small);  // (d, d)
    const Matrix Wk = gen_rope.linear_weight(d_small, d_small);  // (d, d)
    const std::vector<std::string> qs = wb::numbered_labels("q", 4), ks = wb::numbered_labels("k", 4);
    const Matrix adjacent = head_scores(x4, Wq, Wk, 2, 0, false);
    const Matrix halves = head_scores(x4, Wq, Wk, 2, 0, true);
    say.show(wb::show(adjacent, "adjacent pairs, head 0 (T, T)").rows(qs).cols(ks));
    say.show(wb::show(halves, "halves, same weights, head 0 (T, T)").rows(qs).cols(ks));
    const std::vector<std::size_t> order = ch08::rope_halves_order(d_small, 2);
    std::string order_text;
    for (std::size_t i : order) order_text += fmt::format("{} ", i);
    say.say(fmt::format("The permutation, head by head: each head's even rows, then its odd rows: "
                        "rows {}of W_query and of W_key (W_value is not rotated and stays). Halves "
                        "with the permuted weights:",
                        order_text));
    const Matrix Wq_perm = ch08::permute_rows(Wq, order), Wk_perm = ch08::permute_rows(Wk, order);
    const Matrix permuted = head_scores(x4, Wq_perm, Wk_perm, 2, 0, true);
    say.show(wb::show(permuted, "halves, permuted weights, head 0 (T, T)").rows(qs).cols(ks));
    double differ = 0.0, agree = 0.0;
    for (std::size_t h = 0; h < 2; ++h) {
        differ = std::max(
            differ, max_abs_difference(head_scores(x4, Wq, Wk, 2, h, false), head_scores(x4, Wq, Wk, 2, h, true)));
        agree = std::max(agree, max_abs_difference(head_scores(x4, Wq, Wk, 2, h, false),
                                                   head_scores(x4, Wq_perm, Wk_perm, 2, h, true)));
    }
    say.check("the two pairings give different scores for the same weights (by more than 0.01)", differ > 0.01);
    say.check("after the permutation every score of both heads agrees (within 1e-14)", agree < 1e-14);
    say.say("So a checkpoint trained with one pairing runs, silently wrong, in code written for the "
            "other; converting it means permuting the rows of W_query and W_key.");
}

// ---- step 2: LayerNorm ---------------------------------------------------------------------------

void step_layer_norm(const wb::Narrator& say, std::uint64_t seed) {
    say.step("2", "LayerNorm, forward and backward");
    wb::TorchGenerator gen(seed + 3);
    const Matrix x_const = rand_matrix(gen, 4, d_small, 4.0, -2.0);  // (N, d)
    Vector weight = gen.rand(d_small) + 0.5;                         // (d) gamma
    Vector bias = gen.rand(d_small) - 0.5;                           // (d) beta
    const Matrix d_output = rand_matrix(gen, 4, d_small);            // (N, d)
    Matrix x = x_const;
    say.say(fmt::format("After torch.manual_seed({}): x = torch.rand(4, {}) * 4 - 2, weight = torch.rand({}) "
                        "+ 0.5, bias = torch.rand({}) - 0.5, and a gradient from above, d_output = "
                        "torch.rand(4, {}) * 2 - 1 (L = sum(output * d_output)). Each row is normalised "
                        "on its own: mean and biased variance over its {} values, eps = 1e-5 inside the "
                        "square root (exercise 8.3).",
                        seed + 3, d_small, d_small, d_small, d_small, d_small));
    const std::vector<std::string> rows = wb::numbered_labels("row ", 4), dims = wb::numbered_labels("", d_small);
    say.show(wb::show(x, "x (N, d)").rows(rows).cols(dims));
    const ch08::LayerNormForward f = ch08::layer_norm_forward(x, weight, bias);
    Matrix stats = xt::zeros<double>({std::size_t{4}, std::size_t{2}});
    for (std::size_t i = 0; i < 4; ++i) stats(i, 0) = f.mean(i), stats(i, 1) = f.rstd(i);
    say.show(wb::show(stats, "what the forward keeps").rows(rows).cols({"mean", "rstd"}));
    say.show(wb::show(f.output, "output = weight * (x - mean) * rstd + bias").rows(rows).cols(dims));
    Matrix x_hat = xt::zeros<double>({std::size_t{4}, d_small});  // (N, d) before the affine part
    for (std::size_t i = 0; i < 4; ++i)
        for (std::size_t j = 0; j < d_small; ++j) x_hat(i, j) = (x(i, j) - f.mean(i)) * f.rstd(i);
    double worst_mean = 0.0, worst_var = 0.0;
    for (std::size_t i = 0; i < 4; ++i) {
        double m = 0.0, v = 0.0;
        for (std::size_t j = 0; j < d_small; ++j) m += x_hat(i, j) / d_small;
        for (std::size_t j = 0; j < d_small; ++j) v += (x_hat(i, j) - m) * (x_hat(i, j) - m) / d_small;
        worst_mean = std::max(worst_mean, std::fabs(m));
        worst_var = std::max(worst_var, std::fabs(v - 1.0));
    }
    say.check("before weight and bias, every row has mean 0 (within 1e-15)", worst_mean < 1e-15);
    say.check("and variance 1 up to eps (within 1e-4: it is var / (var + eps))", worst_var < 1e-4);

    say.say("The backward (exercise 8.4). With g = d_output * weight and x_hat = (x - mean) * rstd, "
            "d_input = rstd * (g - mean(g) - x_hat * mean(g * x_hat)): the direct path, the path "
            "through the mean and the path through the variance. Row 0's three terms:");
    const ch08::LayerNormBackward b = ch08::layer_norm_backward(x, weight, f.mean, f.rstd, d_output);
    Matrix terms = xt::zeros<double>({std::size_t{4}, d_small});
    {
        double mean_g = 0.0, mean_gx = 0.0;
        for (std::size_t j = 0; j < d_small; ++j) {
            mean_g += d_output(0, j) * weight(j) / d_small;
            mean_gx += d_output(0, j) * weight(j) * x_hat(0, j) / d_small;
        }
        for (std::size_t j = 0; j < d_small; ++j) {
            terms(0, j) = f.rstd(0) * d_output(0, j) * weight(j);
            terms(1, j) = -f.rstd(0) * mean_g;
            terms(2, j) = -f.rstd(0) * x_hat(0, j) * mean_gx;
            terms(3, j) = b.d_input(0, j);
        }
    }
    say.show(wb::show(terms, "row 0 of d_input, term by term")
                 .rows({"rstd * g", "- rstd * mean(g)", "- rstd * x_hat * m(g x_hat)", "d_input (8.4)"})
                 .cols(dims));
    say.show(wb::show(b.d_input, "d_input (N, d)").rows(rows).cols(dims));
    say.show(wb::show(xt::xtensor<double, 2>(xt::stack(xt::xtuple(b.d_weight, b.d_bias))), "parameter gradients")
                 .rows({"d_weight", "d_bias"})
                 .cols(dims));
    Vector d_input_rows = xt::sum(b.d_input, {1});  // (N)
    say.check("the three terms add up to row 0 of d_input (within 1e-15)",
              max_abs_difference(xt::view(terms, 0, xt::all()) + xt::view(terms, 1, xt::all()) +
                                     xt::view(terms, 2, xt::all()),
                                 xt::view(b.d_input, 0, xt::all())) < 1e-15);
    say.check("every row of d_input sums to 0 (within 1e-14): shifting a row changes nothing",
              xt::amax(xt::abs(d_input_rows))() < 1e-14);
    Matrix dx = b.d_input;
    Vector dw = b.d_weight, db = b.d_bias;
    const auto loss = [&] { return sum_of_products(ch08::layer_norm_forward(x, weight, bias).output, d_output); };
    const std::vector<TensorCheck> checks =
        check_tensors({as_named("x", x), as_named("weight", weight), as_named("bias", bias)},
                      {as_named("d_input", dx), as_named("d_weight", dw), as_named("d_bias", db)}, loss, 64);
    double worst = 0.0;
    for (const TensorCheck& c : checks) worst = std::max(worst, c.error);
    say.check("d_input, d_weight and d_bias agree with central differences (relative error below 1e-7)",
              worst < fd_tolerance);
    say.say("Pre-norm (GPT-2) normalises the copy each sub-layer reads, x + F(LN(x)), and leaves the "
            "stream itself alone; post-norm (the original Transformer) normalised the stream after each "
            "add, LN(x + F(x)), which puts a LayerNorm's backward on every path down the stack.");
}

// ---- step 3: GELU and the MLP ----------------------------------------------------------------

void step_mlp(const wb::Narrator& say, std::uint64_t seed) {
    say.step("3", "GELU and the MLP");
    const Vector points = {-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0};
    Matrix x = xt::zeros<double>({points.size(), std::size_t{1}});
    for (std::size_t i = 0; i < points.size(); ++i) x(i, 0) = points(i);
    const Matrix ones = xt::ones<double>({points.size(), std::size_t{1}});
    const Matrix exact = ch08::gelu(x, ch08::Gelu::exact), tanh = ch08::gelu(x, ch08::Gelu::tanh);
    const Matrix d_exact = ch08::gelu_backward(x, ones, ch08::Gelu::exact);
    const Matrix d_tanh = ch08::gelu_backward(x, ones, ch08::Gelu::tanh);
    Matrix table = xt::zeros<double>({points.size(), std::size_t{4}});
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < points.size(); ++i) {
        table(i, 0) = exact(i, 0), table(i, 1) = tanh(i, 0), table(i, 2) = d_exact(i, 0), table(i, 3) = d_tanh(i, 0);
        labels.push_back(fmt::format("x = {}", points(i)));
    }
    say.say("GELU(x) = x Phi(x), Phi the standard normal CDF: exactly, with erf (nn.GELU(), the "
            "default), or by GPT-2's tanh approximation (nn.GELU(approximate='tanh')); exercises 8.5 "
            "and 8.6:");
    say.show(wb::show(table, "GELU and its derivative").rows(labels).cols({"exact", "tanh", "exact'", "tanh'"}));
    double largest = 0.0, where = 0.0;
    Matrix grid = xt::zeros<double>({std::size_t{12001}, std::size_t{1}});
    for (std::size_t i = 0; i < grid.shape(0); ++i) grid(i, 0) = -6.0 + 0.001 * static_cast<double>(i);
    const Matrix grid_exact = ch08::gelu(grid, ch08::Gelu::exact), grid_tanh = ch08::gelu(grid, ch08::Gelu::tanh);
    for (std::size_t i = 0; i < grid.shape(0); ++i)
        if (std::fabs(grid_exact(i, 0) - grid_tanh(i, 0)) > largest + 1e-15)
            largest = std::fabs(grid_exact(i, 0) - grid_tanh(i, 0)), where = grid(i, 0);
    say.line(
        fmt::format("    largest |exact - tanh| on [-6, 6] (steps of 0.001): {:.2e} at x = {:.2f}", largest, where));
    say.line("");
    say.say("Small, and far above the 1e-9 the tests allow: the two are different functions, and "
            "nn.GELU() is the exact one.");
    double worst = 0.0;
    for (const ch08::Gelu kind : {ch08::Gelu::exact, ch08::Gelu::tanh}) {
        for (std::size_t i = 0; i < points.size(); ++i) {
            const Matrix up = ch08::gelu(Matrix{{points(i) + fd_step}}, kind);
            const Matrix down = ch08::gelu(Matrix{{points(i) - fd_step}}, kind);
            const double numerical = (up(0, 0) - down(0, 0)) / (2 * fd_step);
            const double analytic = kind == ch08::Gelu::exact ? d_exact(i, 0) : d_tanh(i, 0);
            worst = std::max(worst, std::fabs(numerical - analytic) / std::max(std::fabs(analytic), 1e-3));
        }
    }
    say.check("both derivatives agree with central differences (relative error below 1e-7)", worst < fd_tolerance);

    wb::TorchGenerator gen(seed + 4);
    ch08::MlpParams mlp;
    mlp.fc.weight = gen.linear_weight(d_small, 4 * d_small);
    mlp.fc.bias = gen.linear_bias(d_small, 4 * d_small);
    mlp.proj.weight = gen.linear_weight(4 * d_small, d_small);
    mlp.proj.bias = gen.linear_bias(4 * d_small, d_small);
    Matrix input = rand_matrix(gen, 4, d_small);
    const Matrix d_output = rand_matrix(gen, 4, d_small);
    say.say(fmt::format("The MLP: fc = nn.Linear({0}, {1}), GELU (tanh, as GPT-2), proj = nn.Linear({1}, {0}), "
                        "drawn in that order after torch.manual_seed({2}); then x = torch.rand(4, {0}) * 2 - 1 "
                        "and d_output = torch.rand(4, {0}) * 2 - 1. It works on each row alone: the same "
                        "function of one token's vector, whatever the other tokens are.",
                        d_small, 4 * d_small, seed + 4));
    const ch08::MlpForward f = ch08::mlp_forward(mlp, input, ch08::Gelu::tanh);
    const std::vector<std::string> rows = wb::numbered_labels("row ", 4), dims = wb::numbered_labels("", d_small);
    say.show(wb::show(f.output, "mlp(x) (N, d)").rows(rows).cols(dims));
    ch08::MlpBackward b = ch08::mlp_backward(mlp, input, f, d_output, ch08::Gelu::tanh);
    say.show(wb::show(b.d_input, "d_input (N, d), exercise 8.7").rows(rows).cols(dims));
    const auto loss = [&] { return sum_of_products(ch08::mlp_forward(mlp, input, ch08::Gelu::tanh).output, d_output); };
    const std::vector<TensorCheck> checks = check_tensors(
        {as_named("x", input), as_named("fc.weight", mlp.fc.weight), as_named("fc.bias", mlp.fc.bias),
         as_named("proj.weight", mlp.proj.weight), as_named("proj.bias", mlp.proj.bias)},
        {as_named("d_input", b.d_input), as_named("fc.weight", b.grads.fc.weight), as_named("fc.bias", b.grads.fc.bias),
         as_named("proj.weight", b.grads.proj.weight), as_named("proj.bias", b.grads.proj.bias)},
        loss, 1000);
    double mlp_worst = 0.0;
    for (const TensorCheck& c : checks) mlp_worst = std::max(mlp_worst, c.error);
    say.check("d_input and the gradients of fc and proj agree with central differences, every entry "
              "(relative error below 1e-7)",
              mlp_worst < fd_tolerance);
}

// ---- step 4: one block -------------------------------------------------------------------------

struct Options {
    std::uint64_t seed = 123;
    std::size_t d_model = 8;
    std::size_t heads = 2;
    std::size_t layers = 2;
    ch08::Positions positions = ch08::Positions::learned;
};

const char* positions_name(ch08::Positions p) {
    return p == ch08::Positions::learned ? "learned" : p == ch08::Positions::sinusoidal ? "sinusoidal" : "rope";
}

constexpr std::size_t block_T = 5;
constexpr std::size_t most_checked = 24;  // entries per tensor in the big central-difference checks

void step_block(const wb::Narrator& say, const wb::ChapterCli& cli, const Options& o) {
    say.step("4", "One block, forward and backward");
    const std::size_t d = o.d_model, T = block_T;
    ch08::BlockConfig config;
    config.heads = o.heads;
    config.gelu = ch08::Gelu::tanh;
    config.rope = o.positions == ch08::Positions::rope;
    wb::TorchGenerator gen(o.seed + 5);
    ch08::BlockParams params = ch08::block_init(d, 4 * d, gen);
    Matrix x = rand_matrix(gen, T, d);
    const Matrix d_output = rand_matrix(gen, T, d);
    say.say(fmt::format("GPT-2's pre-norm block with d = {0}, {1} head{2} of hd = {3}, d_hidden = {4}, GELU tanh{5}: "
                        "1. a = ln_1(x); 2. attn(a), causal; 3. h = x + attn(a); 4. b = ln_2(h); 5. mlp(b); "
                        "6. y = h + mlp(b) (exercise 8.8). After torch.manual_seed({6}): W_query, W_key, W_value "
                        "(nn.Linear({0}, {0}, bias=False)), out_proj, fc and proj (nn.Linear) in that order, the "
                        "LayerNorms at weight 1 and bias 0 (they draw nothing); then x = torch.rand({7}, {0}) * 2 - 1 "
                        "and d_output = torch.rand({7}, {0}) * 2 - 1.",
                        d, o.heads, o.heads == 1 ? "" : "s", d / o.heads, 4 * d,
                        config.rope ? ", and RoPE on every head's queries and keys" : "", o.seed + 5, T));
    const std::vector<std::string> tokens = wb::numbered_labels("t", T), dims = wb::numbered_labels("", d);
    const ch08::BlockForward f = ch08::block_forward(params, x, config);
    say.show(wb::show(f.ln_1.output, "1. a = ln_1(x) (T, d)").rows(tokens).cols(dims));
    for (std::size_t h = 0; h < o.heads && h < f.attn.heads.size(); ++h) {
        wb::HeatmapStyle style;
        style.title = fmt::format("2. attention weights, head {} (T, T)", h);
        style.row_labels = tokens;
        style.col_labels = tokens;
        say.heatmap(f.attn.heads[h].weights, style);
        if (!cli.svg_dir().empty())
            say.say(
                fmt::format("Wrote {}.", wb::write_heatmap_svg(cli.svg_dir(), fmt::format("ch08-block-head-{}.svg", h),
                                                               f.attn.heads[h].weights, style)));
    }
    say.show(wb::show(f.residual, "3. h = x + attn(a) (T, d)").rows(tokens).cols(dims));
    say.show(wb::show(f.output, "6. y = h + mlp(ln_2(h)) (T, d)").rows(tokens).cols(dims));

    say.say("The backward (exercise 8.9) walks steps 6 to 1 in reverse; where the forward added, the "
            "gradient goes into both terms. With L = sum(y * d_output):");
    ch08::BlockBackward b = ch08::block_backward(params, f, d_output, config);
    say.show(wb::show(b.d_input, "d_x (T, d)").rows(tokens).cols(dims));
    say.show(wb::show(b.grads.ln_1.weight, "d ln_1.weight (d)"));
    say.show(wb::show(b.grads.attn.out_proj.bias, "d attn.out_proj.bias (d)"));
    say.show(wb::show(b.grads.mlp.proj.bias, "d mlp.proj.bias (d)"));
    say.say(fmt::format("Every parameter's gradient against central differences (at most {} entries of "
                        "each tensor, evenly spaced; the error is the largest difference divided by the "
                        "tensor's largest gradient, or by 0.01 if that is smaller):",
                        most_checked));
    std::vector<ch08::NamedTensor> named = ch08::named_parameters(params);
    std::vector<ch08::NamedTensor> named_grads = ch08::named_parameters(b.grads);
    named.insert(named.begin(), as_named("x", x));
    named_grads.insert(named_grads.begin(), as_named("x", b.d_input));
    const auto loss = [&] { return sum_of_products(ch08::block_forward(params, x, config).output, d_output); };
    const double worst = show_checks(say, check_tensors(named, named_grads, loss, most_checked));
    say.check("every gradient agrees with central differences (relative error below 1e-7)", worst < fd_tolerance);

    // The residual path: d_h = d_y + (the MLP branch's share); d_x = d_h + (the attention branch's).
    const ch08::MlpBackward mb = ch08::mlp_backward(params.mlp, f.ln_2.output, f.mlp, d_output, config.gelu);
    const ch08::LayerNormBackward lb =
        ch08::layer_norm_backward(f.residual, params.ln_2.weight, f.ln_2.mean, f.ln_2.rstd, mb.d_input);
    const Matrix d_h = d_output + lb.d_input;
    const Matrix through_attention = b.d_input - d_h, through_mlp = lb.d_input;
    say.say("Why the residual makes the backward easy: d_x = d_output + (what came back through the MLP "
            "branch) + (what came back through the attention branch). The first term arrives unchanged, "
            "through nothing but two additions. Their sizes (Frobenius norms):");
    say.line(fmt::format("    |d_output|, the identity path:    {}", wb::format_number(frobenius(d_output), 4)));
    say.line(fmt::format("    through ln_2 and the MLP:          {}", wb::format_number(frobenius(through_mlp), 4)));
    say.line(
        fmt::format("    through ln_1 and the attention:    {}", wb::format_number(frobenius(through_attention), 4)));
    say.line(fmt::format("    |d_x|:                             {}", wb::format_number(frobenius(b.d_input), 4)));
    say.line("");
    say.say("In a stack of N blocks the identity path runs from the loss to the embedding through N "
            "such additions and no multiplication, so the gradient reaches the bottom however deep the "
            "stack is (He et al. 2016); each block's branches add their share on top.");
}

// ---- step 5: a stack ---------------------------------------------------------------------------

void step_stack(const wb::Narrator& say, const Options& o) {
    say.step("5", "A stack, and its parameter count");
    ch08::GptConfig gpt2;
    gpt2.vocab = 50257, gpt2.context = 1024, gpt2.d_model = 768, gpt2.heads = 12, gpt2.layers = 12;
    gpt2.d_hidden = 3072;
    gpt2.tied = false;
    const std::size_t untied = ch08::parameter_count(gpt2);
    gpt2.tied = true;
    const std::size_t tied = ch08::parameter_count(gpt2);
    ch08::GptConfig bare = gpt2;
    bare.layers = 0;
    const std::size_t without_blocks = ch08::parameter_count(bare);
    bare.layers = 1;
    const std::size_t one_block = ch08::parameter_count(bare) - without_blocks;
    say.say("GPT-2 small: V = 50257, T_max = 1024, d = 768, 12 heads, 12 blocks, d_hidden = 3072, no "
            "bias on W_query, W_key, W_value (exercise 8.10):");
    say.line(fmt::format("    one block:                               {:>13}", with_commas(one_block)));
    say.line(fmt::format("    embedding, positions, final LayerNorm:   {:>13}", with_commas(without_blocks)));
    say.line(fmt::format("    the whole model, head tied to embedding: {:>13}", with_commas(tied)));
    say.line(fmt::format("    the whole model, separate head (V, d):   {:>13}", with_commas(untied)));
    say.line("");
    say.check("untied: 163,009,536, the count of the book's GPTModel", untied == 163009536);
    say.check("tied: 124,412,160, GPT-2's \"124M\"", tied == 124412160);
    say.check("the difference is one (V, d) matrix: 50257 * 768 = 38,597,376", untied - tied == 50257u * 768u);

    ch08::GptConfig tiny;
    tiny.vocab = 16, tiny.context = 16, tiny.d_model = o.d_model, tiny.heads = o.heads, tiny.layers = o.layers;
    tiny.d_hidden = 4 * o.d_model;
    tiny.positions = o.positions;
    tiny.tied = true;
    ch08::GptParams params = ch08::gpt_init(tiny, o.seed + 6);
    std::size_t listed = 0;
    const std::vector<ch08::NamedTensor> named = ch08::named_parameters(params);
    for (const ch08::NamedTensor& t : named) listed += t.size;
    say.say(fmt::format("A tiny stack of the kind Chapter 9 trains: V = {}, T_max = {}, d = {}, {} head{}, {} block{}, "
                        "d_hidden = {}, {} positions, tied head. gpt_init after torch.manual_seed({}): tok_emb (V, d) "
                        "uniform_(-0.1, 0.1){}, then each block as in step 4: {} parameters in {} tensors.",
                        tiny.vocab, tiny.context, tiny.d_model, tiny.heads, tiny.heads == 1 ? "" : "s", tiny.layers,
                        tiny.layers == 1 ? "" : "s", tiny.d_hidden, positions_name(tiny.positions), o.seed + 6,
                        tiny.positions == ch08::Positions::learned ? ", pos_emb (T_max, d) uniform_(-0.1, 0.1)" : "",
                        with_commas(listed), named.size()));
    say.check("parameter_count (8.10) equals the sizes of the named tensors", ch08::parameter_count(tiny) == listed);
    const std::vector<std::size_t> tokens{3, 1, 4, 1, 5, 9};
    std::vector<std::string> token_labels;
    for (std::size_t t : tokens) token_labels.push_back(fmt::format("token {}", t));
    const ch08::GptForward f = ch08::gpt_forward(params, tiny, tokens);
    say.say("Its next-token logits for the tokens 3 1 4 1 5 9 (row t: the scores of every vocabulary "
            "entry as the token after position t):");
    say.show(wb::show(f.logits, "logits (T, V)").rows(token_labels).cols(wb::numbered_labels("", tiny.vocab)));
    std::vector<std::size_t> changed = tokens;
    changed.back() = 7;
    const ch08::GptForward g = ch08::gpt_forward(params, tiny, changed);
    say.check("causal: changing the last token changes no earlier row of the logits (within 1e-15)",
              max_abs_difference(xt::view(f.logits, xt::range(0, tokens.size() - 1), xt::all()),
                                 xt::view(g.logits, xt::range(0, tokens.size() - 1), xt::all())) < 1e-15);
    say.check("and does change the last row", max_abs_difference(f.logits, g.logits) > 1e-6);

    wb::TorchGenerator gen(o.seed + 7);
    const Matrix d_logits = rand_matrix(gen, tokens.size(), tiny.vocab);
    ch08::GptParams grads = ch08::gpt_backward(params, tiny, f, d_logits);
    const auto loss = [&] { return sum_of_products(ch08::gpt_forward(params, tiny, tokens).logits, d_logits); };
    // Central differences cost two forward passes of the whole stack per entry: a deep stack checks
    // its first and last blocks (the middle ones run the same code) and fewer entries per tensor.
    const bool deep = tiny.layers > 2;
    const std::size_t entries = deep ? 4 : 8;
    std::vector<ch08::NamedTensor> named_params, named_grads;
    const std::vector<ch08::NamedTensor> all_params = ch08::named_parameters(params);
    const std::vector<ch08::NamedTensor> all_grads = ch08::named_parameters(grads);
    for (std::size_t i = 0; i < all_params.size(); ++i) {
        bool middle = false;
        for (std::size_t k = 1; k + 1 < tiny.layers; ++k)
            middle = middle || all_params[i].name.rfind(fmt::format("blocks.{}.", k), 0) == 0;
        if (middle) continue;
        named_params.push_back(all_params[i]);
        named_grads.push_back(all_grads[i]);
    }
    const std::vector<TensorCheck> checks = check_tensors(named_params, named_grads, loss, entries);
    double worst = 0.0;
    for (const TensorCheck& c : checks) worst = std::max(worst, c.error);
    say.say(fmt::format("The stack's backward, from d_logits = torch.rand({}, {}) * 2 - 1 after "
                        "torch.manual_seed({}), is what Chapter 9 trains with: the blocks' backward in "
                        "reverse, and the tied tok_emb collecting both of its uses (the head and the "
                        "lookup).",
                        tokens.size(), tiny.vocab, o.seed + 7));
    say.check(fmt::format("the gradients of {} tensors{} agree with central differences ({} entries "
                          "each, relative error below 1e-7)",
                          checks.size(), deep ? " (all but the middle blocks')" : "", entries),
              worst < fd_tolerance);
}

int run(const Options& o, const wb::ChapterCli& cli) {
    const wb::Narrator say(cli.color());
    say.chapter("Chapter 8 - The Transformer block");
    say.say("Chapters 1-7 built attention alone. Here it takes its place inside GPT-2's block: positions "
            "so that order counts, LayerNorm, an MLP, and two residual additions, each with its backward "
            "pass by hand, checked by central differences (and, in tests/torch/ch08.py and the docs' "
            "listing, against PyTorch's nn.LayerNorm, nn.Linear and nn.GELU in float64).");
    step_positions(say, o.seed);
    step_layer_norm(say, o.seed);
    step_mlp(say, o.seed);
    step_block(say, cli, o);
    step_stack(say, o);
    say.say("Next: the exercises. Run `./workbook` to start them, or check one with `./workbook check 8.1`.");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    wb::ChapterCli cli("ch08_transformer_block",
                       "Chapter 8: positions, LayerNorm, GELU and the MLP, one pre-norm Transformer block forward "
                       "and backward, and a stack's parameter count and logits.");
    long long seed = 123, d_model = 8, heads = 2, layers = 2;
    std::string positions = "learned";
    CLI::App& app = cli.app();
    app.add_option("--seed", seed, "Seed of every weight and input, as torch.manual_seed (default 123)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--d-model", d_model,
                   "The width d of the block and the stack (steps 4 and 5), 2 to 64, a multiple of --heads "
                   "(default 8)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--heads", heads, "Attention heads, 1 to 16, dividing --d-model (default 2)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--layers", layers, "Blocks in the stack of step 5, 1 to 12 (default 2)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--positions", positions,
                   "learned, sinusoidal or rope: the positions of the block (rope) and the stack (default "
                   "learned)")
        ->type_name("KIND");
    if (auto status = cli.parse(argc, argv)) return *status;
    if (seed < 0 || seed > 4294967295LL)
        return cli.usage_error(fmt::format("--seed {} is outside 0..4294967295", seed));
    if (d_model < 2 || d_model > 64) return cli.usage_error(fmt::format("--d-model {} is outside 2..64", d_model));
    if (heads < 1 || heads > 16) return cli.usage_error(fmt::format("--heads {} is outside 1..16", heads));
    if (layers < 1 || layers > 12) return cli.usage_error(fmt::format("--layers {} is outside 1..12", layers));
    if (d_model % heads != 0)
        return cli.usage_error(fmt::format("--heads {} does not divide --d-model {}", heads, d_model));
    Options o;
    if (positions == "learned") {
        o.positions = ch08::Positions::learned;
    } else if (positions == "sinusoidal") {
        o.positions = ch08::Positions::sinusoidal;
    } else if (positions == "rope") {
        o.positions = ch08::Positions::rope;
    } else {
        return cli.usage_error(fmt::format("--positions {} is not one of learned, sinusoidal, rope",
                                           positions.empty() ? "''" : positions));
    }
    if (o.positions == ch08::Positions::rope && (d_model / heads) % 2 != 0)
        return cli.usage_error(fmt::format("--positions rope needs an even head size, and --d-model {} / --heads "
                                           "{} is {}: RoPE rotates pairs of columns",
                                           d_model, heads, d_model / heads));
    o.seed = static_cast<std::uint64_t>(seed);
    o.d_model = static_cast<std::size_t>(d_model);
    o.heads = static_cast<std::size_t>(heads);
    o.layers = static_cast<std::size_t>(layers);
    return wb::run_chapter([&] { return run(o, cli); });
}
