// Chapter 2 - self-attention with trainable weights: queries, keys and values.
//
// Contract: walks the learner through one idea at a time and prints every intermediate tensor
// with a sentence of explanation:
//   1. the three trainable weight matrices W_query, W_key, W_value, drawn as PyTorch draws them;
//   2. for one query: its query vector, every key and value, one score, all its scores, the
//      weights scaled by 1/sqrt(d_k), and its context vector;
//   3. every token at once (Q K^T, the scaled row softmax, weights @ V) and a heatmap;
//   4. why the scale: the variance of q.k grows with d_k, and a softmax of large logits turns
//      nearly one-hot;
//   5. the two compact modules, V1 (raw matrices, x @ W) and V2 (linear layers, x @ W^T + b), and
//      the transfer of V2's weights into V1 so both print the same contexts;
//   6. permutation equivariance: shuffle the tokens and the outputs shuffle alike.
// Each step is checked against the one before it and the check is printed ([ok]) with its tolerance.
// The maths the learner writes lives in the exercises (exercises/ch02/ch02.hpp); this program is
// linked against the reference solutions, so it shows what the exercises should compute.
// Not here: masks (Chapter 3), heads (Chapter 4), training (the weights stay as drawn).
//
// Shapes: T tokens, d_in embedding size, d_out the size of queries, keys and values (d_k = d_out).
// inputs (T, d_in), W_* (d_in, d_out), queries/keys/values (T, d_out), scores and weights (T, T),
// contexts (T, d_out).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "ch02/ch02.hpp"
#include "wb/chapter.hpp"
#include "wb/example.hpp"
#include "wb/ops.hpp"
#include "wb/text.hpp"
#include "wb/torch_rng.hpp"

namespace {

using wb::Example;
using wb::the_books_sentence;

using wb::Matrix;
using wb::Vector;

constexpr std::size_t max_tokens = 32;  // wider tables stop fitting a terminal
constexpr std::size_t max_dim = 64;

struct Settings {
    std::uint32_t seed = 123;         // V1's weights: torch.manual_seed(seed), three torch.rand(d_in, d_out)
    std::uint32_t linear_seed = 789;  // V2's layers: torch.manual_seed(linear_seed), three nn.Linear
    std::size_t d_out = 2;
    std::size_t query = 1;  // 0-based
};

// The largest difference, relative to the size of the numbers: |a - b| / (1 + |b|). Checks state
// a tolerance on it, not the exact difference: the last bits of a floating-point result depend on
// the BLAS and libm a machine has (and scores grow large with --dim 64), and the output must not.
double max_difference(const xt::xarray<double>& a, const xt::xarray<double>& b) {
    if (a.shape() != b.shape()) return INFINITY;
    double worst = 0.0;
    for (std::size_t k = 0; k < a.size(); ++k)
        worst = std::max(worst, std::fabs(a.data()[k] - b.data()[k]) / (1.0 + std::fabs(b.data()[k])));
    return worst;
}

std::vector<std::string> dimension_labels(std::size_t d, const char* word = "dim") {
    std::vector<std::string> labels;
    for (std::size_t k = 0; k < d; ++k) labels.push_back(fmt::format("{} {}", word, k));
    return labels;
}

std::string vector_string(const Vector& v) {
    std::string s = "[";
    for (std::size_t k = 0; k < v.size(); ++k) s += fmt::format("{}{:.4f}", k ? ", " : "", v(k));
    return s + "]";
}

Vector row(const Matrix& m, std::size_t i) {
    Vector r = xt::view(m, i, xt::all());  // (cols)
    return r;
}

// "a0*b0 + a1*b1 + ..." for a worked dot product, with `decimals` digits per factor.
std::string worked_dot(const Vector& a, const Vector& b, int decimals) {
    std::string s;
    for (std::size_t k = 0; k < a.size(); ++k)
        s += fmt::format("{}{:.{}f}*{:.{}f}", k ? " + " : "", a(k), decimals, b(k), decimals);
    return s;
}

// Why scale, part (a): for each d_k, draw n query and n key vectors with independent components of
// mean 0 and variance 1 (uniform on [-sqrt(3), sqrt(3))), and measure the mean and variance of q.k,
// before and after dividing by sqrt(d_k). Rows: one per d_k; columns: mean, var, var scaled.
Matrix dot_product_statistics(const std::vector<std::size_t>& dims, std::size_t n) {
    const double a = std::sqrt(3.0);
    wb::TorchGenerator gen(123);                                      // torch.manual_seed(123), then per d_k: q, then k
    Matrix stats = xt::zeros<double>({dims.size(), std::size_t{3}});  // (len(dims), 3)
    for (std::size_t r = 0; r < dims.size(); ++r) {
        const std::size_t d_k = dims[r];
        const Matrix q = gen.uniform(n, d_k, -a, a);  // (n, d_k)
        const Matrix k = gen.uniform(n, d_k, -a, a);  // (n, d_k)
        std::vector<double> dots(n, 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t c = 0; c < d_k; ++c) dots[i] += q(i, c) * k(i, c);
        double mean = 0.0;
        for (double d : dots) mean += d;
        mean /= static_cast<double>(n);
        double var = 0.0;
        for (double d : dots) var += (d - mean) * (d - mean);
        var /= static_cast<double>(n - 1);  // unbiased, as torch.var
        stats(r, 0) = mean;
        stats(r, 1) = var;
        stats(r, 2) = var / static_cast<double>(d_k);  // var(x / c) = var(x) / c^2, c = sqrt(d_k)
    }
    return stats;
}

int run(const Example& ex, const Settings& s, const wb::ChapterCli& cli) {
    const wb::Narrator say(cli.color());
    const std::vector<std::string>& tokens = ex.tokens;
    const Matrix& inputs = ex.inputs;  // (T, d_in)
    const std::size_t T = inputs.shape(0), d_in = inputs.shape(1), d_out = s.d_out, q = s.query;
    const std::size_t d_k = d_out;
    const std::string qn = std::to_string(q + 1);  // the docs count from 1
    const std::vector<std::string> in_dims = dimension_labels(d_in), out_dims = dimension_labels(d_out);
    // A weight's rows and columns: which input component, which output component.
    const std::vector<std::string> w_in = dimension_labels(d_in, "in"), w_out = dimension_labels(d_out, "out");
    const bool small = d_in <= 6 && d_out <= 6;  // worked sums fit on a line

    say.chapter("Chapter 2 - Self-attention with trainable weights");
    say.say("Chapter 1 let each embedding play query, key and value at once. Here each role gets its "
            "own weight matrix: a token asks with its query, is matched by its key, and hands over "
            "its value. The matrices are trainable: drawn at random now, changed by training later.");
    say.say(fmt::format("The input: {} tokens, each a {}-d embedding (d_in = {}). Row i is x^(i+1).", T, d_in, d_in));
    if (!ex.source.empty()) {
        say.line(fmt::format("    embeddings drawn as in PyTorch: {}", ex.source));
        say.line("");
    }
    say.show(wb::show(inputs, "inputs  X").rows(tokens).cols(in_dims));

    // ---- Step 1: the weights ----------------------------------------------------------------
    say.step("1", "The trainable weights W_query, W_key, W_value");
    say.say(fmt::format("Each is a (d_in, d_out) = ({}, {}) matrix that maps a {}-d embedding to a {}-d "
                        "query, key or value. Drawn as in PyTorch: torch.manual_seed({}), then "
                        "torch.rand({}, {}) three times, in this order:",
                        d_in, d_out, d_in, d_out, s.seed, d_in, d_out));
    wb::TorchGenerator gen(s.seed);
    const ch02::SelfAttentionV1 module = ch02::make_self_attention_v1(gen, d_in, d_out);
    say.show(wb::show(module.W_query, "W_query").rows(w_in).cols(w_out));
    say.show(wb::show(module.W_key, "W_key").rows(w_in).cols(w_out));
    say.show(wb::show(module.W_value, "W_value").rows(w_in).cols(w_out));
    say.say("\"Trainable\" means only that training would change these numbers to lower a loss; "
            "nothing here trains them, so they are random and the attention below means nothing "
            "yet. What matters is the mechanics, which are exactly those of a trained model.");

    // ---- Step 2: query, keys, values --------------------------------------------------------
    say.step("2", fmt::format("Query {} (\"{}\"), and every key and value", qn, tokens[q]));
    const Vector x_q = row(inputs, q);            // (d_in)
    Vector query_q = xt::zeros<double>({d_out});  // (d_out), by a loop
    for (std::size_t c = 0; c < d_out; ++c)
        for (std::size_t k = 0; k < d_in; ++k) query_q(c) += x_q(k) * module.W_query(k, c);
    say.say(fmt::format("The query of token {} is its embedding times W_query: q^({}) = x^({}) W_query, "
                        "a ({},) vector{}",
                        qn, qn, qn, d_out, small ? ". Column by column:" : ":"));
    if (small) {
        for (std::size_t c = 0; c < d_out; ++c)
            say.hang(
                fmt::format("    q^({})[{}] = ", qn, c),
                fmt::format("{} = {:.4f}", worked_dot(x_q, xt::view(module.W_query, xt::all(), c), 4), query_q(c)));
        say.line("");
    }
    say.show(wb::show(query_q, fmt::format("query q^({})", qn)).cols(out_dims));
    const Matrix queries = ch02::project(inputs, module.W_query);  // (T, d_out)
    const Matrix keys = ch02::project(inputs, module.W_key);       // (T, d_out)
    const Matrix values = ch02::project(inputs, module.W_value);   // (T, d_out)
    say.say("Every token gets a key and a value the same way, all at once as matrix products "
            "K = X W_key and V = X W_value:");
    say.line(
        fmt::format("    (T, d_in) @ (d_in, d_out) = ({}, {}) @ ({}, {}) = ({}, {})", T, d_in, d_in, d_out, T, d_out));
    say.line("");
    say.show(wb::show(keys, "keys  K = X W_key").rows(tokens).cols(out_dims));
    say.show(wb::show(values, "values  V = X W_value").rows(tokens).cols(out_dims));
    say.check(fmt::format("the loop's q^({}) equals row {} of Q = X W_query (to 1e-9)", qn, qn),
              max_difference(query_q, row(queries, q)) < 1e-9);

    // ---- Step 3: scores of the query --------------------------------------------------------
    say.step("3", fmt::format("The attention scores of query {}", qn));
    const Vector key_q = row(keys, q);  // (d_out)
    double score_qq = 0.0;
    for (std::size_t c = 0; c < d_out; ++c) score_qq += query_q(c) * key_q(c);
    say.say(fmt::format("A score is now a query against a key, not an embedding against an embedding. "
                        "Query {} with key {} (its own):",
                        qn, qn));
    if (small)
        say.hang(fmt::format("    omega_{}{} = q^({}) . k^({}) = ", qn, qn, qn, qn),
                 fmt::format("{} = {:.4f}", worked_dot(query_q, key_q, 4), score_qq));
    else
        say.line(fmt::format("    omega_{}{} = q^({}) . k^({}) = {:.4f}", qn, qn, qn, qn, score_qq));
    say.line("");
    Vector scores_q = xt::zeros<double>({T});  // (T), one dot product per key
    for (std::size_t j = 0; j < T; ++j)
        for (std::size_t c = 0; c < d_out; ++c) scores_q(j) += query_q(c) * keys(j, c);
    say.say("One dot product per key gives all the scores of this query:");
    say.show(wb::show(scores_q, fmt::format("scores of query {}  omega_{}j", qn, qn)).cols(tokens));
    say.check(fmt::format("entry {} equals omega_{}{} above (to 1e-9)", qn, qn, qn),
              std::fabs(scores_q(q) - score_qq) < 1e-9 * (1.0 + std::fabs(score_qq)));

    // ---- Step 4: scaled weights -------------------------------------------------------------
    say.step("4", "Scaled attention weights");
    say.say(fmt::format("Before the softmax the scores are divided by sqrt(d_k), where d_k = {} is the "
                        "size of a key (d_out, not d_in). Step 7 shows why. Scaled scores, then their "
                        "softmax:",
                        d_k));
    const Matrix scores_q_row = xt::reshape_view(scores_q, {std::size_t{1}, T});  // (1, T)
    const Vector scaled_q = scores_q / std::sqrt(static_cast<double>(d_k));       // (T)
    const Vector weights_q = row(ch02::attention_weights(scores_q_row, d_k), 0);  // (T)
    const Vector unscaled_q = row(wb::softmax_rows(scores_q_row), 0);             // (T)
    say.show(wb::show(scaled_q, fmt::format("scaled scores  omega_{}j / sqrt({})", qn, d_k)).cols(tokens));
    say.show(wb::show(weights_q, fmt::format("attention weights of query {}  alpha_{}j", qn, qn)).cols(tokens));
    say.say("Without the scale the same scores give sharper weights:");
    say.show(wb::show(unscaled_q, "softmax of the unscaled scores (for comparison)").cols(tokens));
    say.check(fmt::format("the weights sum to 1 ({:.6f}, off by less than 1e-9)", xt::sum(weights_q)()),
              std::fabs(xt::sum(weights_q)() - 1.0) < 1e-9);
    say.check("the scaled weights equal the softmax of the scaled scores (to 1e-9)",
              max_difference(weights_q, row(wb::softmax_rows(xt::reshape_view(scaled_q, {std::size_t{1}, T})), 0)) <
                  1e-9);

    // ---- Step 5: the context vector ---------------------------------------------------------
    say.step("5", fmt::format("The context vector of query {}", qn));
    say.say(fmt::format("The context vector z^({}) is the weighted sum of the values (not of the "
                        "embeddings, as in Chapter 1): alpha_{}1 v^(1) + ... + alpha_{}{} v^({}). "
                        "Token by token:",
                        qn, qn, qn, T, T));
    Vector running = xt::zeros<double>({d_out});  // (d_out)
    for (std::size_t j = 0; j < T; ++j) {
        running += weights_q(j) * row(values, j);
        if (T <= 12 && d_out <= 6)
            say.hang(fmt::format("    + {:.4f} * v^({}) {}  ->  ", weights_q(j), j + 1, wb::pad_right(tokens[j], 8)),
                     vector_string(running));
    }
    if (T <= 12 && d_out <= 6) say.line("");
    const Matrix weights_q_row = xt::reshape_view(weights_q, {std::size_t{1}, T});  // (1, T)
    const Vector context_q = row(wb::matmul(weights_q_row, values), 0);             // (d_out)
    say.show(wb::show(context_q, fmt::format("context vector z^({})", qn)).cols(out_dims));
    say.check("the loop above and weights @ V agree (to 1e-9)", max_difference(running, context_q) < 1e-9);
    say.check("steps 2 to 5 in one call, context_for_query (exercise 2.8), agree (to 1e-9)",
              max_difference(ch02::context_for_query(module, inputs, q), context_q) < 1e-9);

    // ---- Step 6: every token at once --------------------------------------------------------
    say.step("6", "Every token at once");
    say.say("The same steps for every query at once are four matrix lines:");
    say.line("    Q = X W_query                              (T, d_out)");
    say.line("    scores = Q K^T                             (T, T)");
    say.line("    weights = softmax_rows(scores / sqrt(d_k)) (T, T)");
    say.line("    contexts = weights V                       (T, d_out)");
    say.line("");
    say.show(wb::show(queries, "queries  Q = X W_query").rows(tokens).cols(out_dims));
    const Matrix scores = ch02::attention_scores(queries, keys);  // (T, T)
    say.show(wb::show(scores, "scores  Q K^T").rows(tokens).cols(tokens));
    say.check(fmt::format("row {} equals the scores of step 3 (to 1e-9)", qn),
              max_difference(row(scores, q), scores_q) < 1e-9);
    const Matrix weights = ch02::attention_weights(scores, d_k);  // (T, T)
    say.show(wb::show(weights, fmt::format("attention weights  A = softmax_rows(Q K^T / sqrt({}))", d_k))
                 .rows(tokens)
                 .cols(tokens));
    const Vector row_sums = xt::sum(weights, {1});  // (T)
    say.check("every row sums to 1 (to 1e-9): the softmax ran over the keys",
              max_difference(row_sums, xt::ones<double>({T})) < 1e-9);
    say.check(fmt::format("row {} equals the weights of step 4 (to 1e-9)", qn),
              max_difference(row(weights, q), weights_q) < 1e-9);
    const Matrix contexts = wb::matmul(weights, values);  // (T, d_out)
    say.show(wb::show(contexts, "context vectors  Z = A V").rows(tokens).cols(out_dims));
    say.check(fmt::format("row {} equals the context vector of step 5 (to 1e-9)", qn),
              max_difference(row(contexts, q), context_q) < 1e-9);

    say.say("The weights as a heatmap: rows are queries, columns keys; darker means more weight. "
            "The colours run from 0 to the largest weight.");
    wb::HeatmapStyle style;
    style.title = "attention weights (scaled)";
    style.scale_to_max = true;
    style.row_labels = tokens;
    style.col_labels = tokens;
    say.heatmap(weights, style);
    if (!cli.svg_dir().empty()) {
        const std::string path = wb::write_heatmap_svg(cli.svg_dir(), "ch02-attention-weights.svg", weights, style);
        say.say(fmt::format("Wrote the heatmap to {} (open it in a browser).", path));
    }

    // ---- Step 7: why scale ------------------------------------------------------------------
    say.step("7", "Why divide by sqrt(d_k)");
    const std::vector<std::size_t> dims{1, 4, 16, 64, 256};
    const std::size_t n = 5000;
    say.say(fmt::format("(a) Take queries and keys whose components are independent, with mean 0 and "
                        "variance 1 (here uniform on [-sqrt(3), sqrt(3)), drawn after "
                        "torch.manual_seed(123)). Then q.k is a sum of d_k terms of variance 1, so its "
                        "variance is d_k. Measured on {} pairs for each d_k:",
                        n));
    const Matrix stats = dot_product_statistics(dims, n);  // (5, 3)
    std::vector<std::string> dim_labels;
    for (std::size_t d : dims) dim_labels.push_back(fmt::format("d_k = {}", d));
    say.show(wb::show(stats, "q.k by key size").rows(dim_labels).cols({"mean", "variance", "var / d_k"}));
    bool linear_growth = true;
    for (std::size_t r = 0; r < dims.size(); ++r) linear_growth = linear_growth && std::fabs(stats(r, 2) - 1.0) < 0.15;
    say.check("the variance grows like d_k: divided by d_k it is 1 within 0.15 for every d_k", linear_growth);
    say.say("Dividing q.k by sqrt(d_k) divides its variance by d_k: the last column is the variance "
            "of the scaled scores, about 1 whatever d_k is.");

    say.say("(b) Why a large spread hurts: the softmax depends on differences between scores, and "
            "large differences make it nearly one-hot. The same logits, and the logits times 8 "
            "(the spread of unscaled scores at d_k = 64, since sqrt(64) = 8):");
    const Matrix logits{{0.2, -0.4, 0.6, 0.1, -0.3}};                    // (1, 5)
    const Matrix logits_x8 = 8.0 * logits;                               // (1, 5)
    Matrix sharp = xt::zeros<double>({std::size_t{2}, std::size_t{5}});  // (2, 5)
    xt::view(sharp, 0, xt::all()) = row(wb::softmax_rows(logits), 0);
    xt::view(sharp, 1, xt::all()) = row(wb::softmax_rows(logits_x8), 0);
    say.show(wb::show(logits, "logits z"));
    say.show(wb::show(sharp, "softmax").rows({"softmax(z)", "softmax(8 z)"}));
    double slope = 0.0, slope_x8 = 0.0;  // the largest entry of the softmax's Jacobian, max alpha_i (1 - alpha_i)
    for (std::size_t j = 0; j < 5; ++j) {
        slope = std::max(slope, sharp(0, j) * (1.0 - sharp(0, j)));
        slope_x8 = std::max(slope_x8, sharp(1, j) * (1.0 - sharp(1, j)));
    }
    say.say(fmt::format("The largest weight goes from {:.4f} to {:.4f}. The softmax's slope "
                        "d alpha_i / d z_i = alpha_i (1 - alpha_i) is at most {:.4f} for z but {:.4f} for "
                        "8 z: a saturated softmax passes back almost no gradient, and learning stalls.",
                        xt::amax(xt::view(sharp, 0, xt::all()))(), xt::amax(xt::view(sharp, 1, xt::all()))(), slope,
                        slope_x8));
    say.check("attention_weights(8 z, d_k = 64) equals softmax(z): the scale undoes the growth (to 1e-9)",
              max_difference(ch02::attention_weights(logits_x8, 64), wb::softmax_rows(logits)) < 1e-9);

    // ---- Step 8: the two modules ------------------------------------------------------------
    say.step("8", "Two compact modules: V1 (x @ W) and V2 (linear layers, x @ W^T + b)");
    say.say("SelfAttentionV1 holds the three matrices of step 1 and computes everything above in "
            "one call:");
    const Matrix contexts_v1 = ch02::self_attention_v1(module, inputs);  // (T, d_out)
    say.show(wb::show(contexts_v1, "SelfAttentionV1 contexts").rows(tokens).cols(out_dims));
    say.check("V1 equals the context vectors of step 6 (to 1e-9)", max_difference(contexts_v1, contexts) < 1e-9);

    say.say(fmt::format("SelfAttentionV2 holds three linear layers, as nn.Linear({}, {}, bias=False). "
                        "A layer stores its weight as (d_out, d_in) = ({}, {}), one row per output, and "
                        "computes x @ W^T + b. Drawn as PyTorch's default initialisation after "
                        "torch.manual_seed({}): uniform on [-1/sqrt({}), 1/sqrt({})], W_query first:",
                        d_in, d_out, d_out, d_in, s.linear_seed, d_in, d_in));
    wb::TorchGenerator linear_gen(s.linear_seed);
    const ch02::SelfAttentionV2 module_v2 = ch02::make_self_attention_v2(linear_gen, d_in, d_out, false);
    say.show(wb::show(module_v2.W_query.weight, "W_query.weight").rows(w_out).cols(w_in));
    say.show(wb::show(module_v2.W_key.weight, "W_key.weight").rows(w_out).cols(w_in));
    say.show(wb::show(module_v2.W_value.weight, "W_value.weight").rows(w_out).cols(w_in));
    const Matrix contexts_v2 = ch02::self_attention_v2(module_v2, inputs);  // (T, d_out)
    say.show(wb::show(contexts_v2, "SelfAttentionV2 contexts").rows(tokens).cols(out_dims));
    say.say("The two modules print different numbers only because their weights differ. Transfer "
            "V2's weights into V1 (each transposed to (d_in, d_out)) and V1 prints what V2 prints:");
    const ch02::SelfAttentionV1 transferred = ch02::transfer_v2_to_v1(module_v2);
    say.show(wb::show(transferred.W_query, "V1's W_query = V2's W_query.weight^T").rows(w_in).cols(w_out));
    const Matrix contexts_transferred = ch02::self_attention_v1(transferred, inputs);  // (T, d_out)
    say.show(wb::show(contexts_transferred, "SelfAttentionV1 contexts with V2's weights").rows(tokens).cols(out_dims));
    say.check("V1 with the transferred weights equals V2 (to 1e-9)",
              max_difference(contexts_transferred, contexts_v2) < 1e-9);
    const ch02::SelfAttentionV1 untransposed{module_v2.W_query.weight, module_v2.W_key.weight,
                                             module_v2.W_value.weight};
    if (d_in != d_out) {
        try {
            ch02::self_attention_v1(untransposed, inputs);
            say.check("copying the weights without the transpose is refused", false);
        } catch (const std::invalid_argument& e) {
            say.say(fmt::format("Copying the weights without the transpose does not even fit: {}", e.what()));
        }
    } else {
        const Matrix wrong = ch02::self_attention_v1(untransposed, inputs);  // (T, d_out)
        double off = 0.0;
        for (std::size_t k = 0; k < wrong.size(); ++k)
            off = std::max(off, std::fabs(wrong.data()[k] - contexts_v2.data()[k]));
        say.say(fmt::format("With d_in = d_out, copying the weights without the transpose fits the "
                            "shapes and silently gives other numbers: they differ from V2 by up to {:.4f}.",
                            off));
    }

    say.say(fmt::format("With biases: nn.Linear({}, {}, bias=True) computes x @ W^T + b. Built after the "
                        "same torch.manual_seed({}), each bias is drawn right after its weight, so "
                        "W_query.weight is the same as above and everything after it moves along the "
                        "stream:",
                        d_in, d_out, s.linear_seed));
    wb::TorchGenerator bias_gen(s.linear_seed);
    const ch02::SelfAttentionV2 module_v2b = ch02::make_self_attention_v2(bias_gen, d_in, d_out, true);
    say.show(wb::show(module_v2b.W_query.bias, "W_query.bias").cols(out_dims));
    const Matrix contexts_v2b = ch02::self_attention_v2(module_v2b, inputs);  // (T, d_out)
    say.show(wb::show(contexts_v2b, "SelfAttentionV2 contexts, with biases").rows(tokens).cols(out_dims));
    const Matrix queries_v2b = ch02::linear(module_v2b.W_query, inputs);  // (T, d_out), x W^T + b
    const Matrix queries_v2 = ch02::linear(module_v2.W_query, inputs);    // (T, d_out), x W^T
    Matrix queries_v2b_minus_bias = queries_v2b;                          // (T, d_out)
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t c = 0; c < d_out; ++c) queries_v2b_minus_bias(i, c) -= module_v2b.W_query.bias(c);
    say.check("its queries minus W_query.bias are the bias-free queries (to 1e-9)",
              max_difference(queries_v2b_minus_bias, queries_v2) < 1e-9);
    try {
        ch02::transfer_v2_to_v1(module_v2b);
        say.check("transfer_v2_to_v1 refuses layers with a bias", false);
    } catch (const std::invalid_argument& e) {
        say.say(fmt::format("V1 has no biases, so the transfer refuses this module: {}", e.what()));
    }

    // ---- Step 9: permutation equivariance ---------------------------------------------------
    say.step("9", "Word order is invisible: permutation equivariance");
    say.say("Reverse the tokens and run V1 again. Nothing in the computation knows where a token "
            "stands, so each token gets the same context vector as before, in its new place:");
    std::vector<std::string> reversed_tokens(tokens.rbegin(), tokens.rend());
    const Matrix reversed = xt::flip(inputs, 0);                                 // (T, d_in)
    const Matrix contexts_reversed = ch02::self_attention_v1(module, reversed);  // (T, d_out)
    say.show(wb::show(contexts_reversed, "V1 contexts of the reversed sentence").rows(reversed_tokens).cols(out_dims));
    const Matrix contexts_flipped = xt::flip(contexts, 0);
    say.check("they are the contexts of step 6 in reverse order (to 1e-9)",
              max_difference(contexts_reversed, contexts_flipped) < 1e-9);
    say.say("So \"step one with starts journey Your\" gets the same vectors as the real sentence. "
            "That is why models add position information (positional encodings) to the embeddings "
            "before attention.");

    say.say("Next: the exercises. Run `./workbook` to start them (it watches the current exercise and "
            "re-checks it on every save), or check one of them with `./workbook check 2.1`. Chapter 3 hides "
            "the future from each token with a causal mask.");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    wb::ChapterCli cli("ch02_self_attention",
                       "Chapter 2: self-attention with trainable weights. Prints every step, from one "
                       "query vector to all context vectors, why scores are scaled, the V1 and V2 "
                       "modules, and permutation equivariance.");
    std::string text;
    std::uint32_t text_seed = 123;
    std::size_t dim = 3;
    std::size_t query = 2;
    Settings s;
    CLI::App& app = cli.app();
    app.add_option("--seed", s.seed, "Seed for W_query, W_key, W_value, as torch.manual_seed (default 123)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--linear-seed", s.linear_seed, "Seed for V2's nn.Linear layers (default 789)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--d-out", s.d_out, "Size of queries, keys and values, 1 to 64 (default 2)")
        ->type_name("N")
        ->check(CLI::Range(std::size_t{1}, max_dim).description(""))
        ->transform(wb::decimal_integer());
    app.add_option("--text", text, "Use your own sentence; tokens are split on whitespace (at most 32)")
        ->type_name("TEXT");
    auto* text_seed_opt = app.add_option("--text-seed", text_seed, "With --text: seed for the embeddings (default 123)")
                              ->type_name("N")
                              ->transform(wb::decimal_integer());
    auto* dim_opt = app.add_option("--dim", dim, "With --text: embedding size d_in, 1 to 64 (default 3)")
                        ->type_name("N")
                        ->check(CLI::Range(std::size_t{1}, max_dim).description(""))
                        ->transform(wb::decimal_integer());
    auto* query_opt = app.add_option("--query", query,
                                     "Which token is the query in steps 2-5, counting from 1 (default 2, or 1 for "
                                     "a one-word --text)")
                          ->type_name("N")
                          ->check(CLI::Range(std::size_t{1}, max_tokens).description(""))
                          ->transform(wb::decimal_integer());
    if (auto status = cli.parse(argc, argv)) return *status;

    Example ex;
    if (app.count("--text") == 0) {
        if (text_seed_opt->count() > 0 || dim_opt->count() > 0)
            return cli.usage_error("--text-seed and --dim choose random embeddings for --text; the example "
                                   "sentence has fixed embeddings");
        ex = the_books_sentence();
    } else {
        if (const std::string why = wb::text_problem(text, max_tokens); !why.empty()) return cli.usage_error(why);
        const std::vector<std::string> tokens = wb::split_words(text);
        ex = wb::random_embeddings(tokens, text_seed, dim);
    }
    const std::size_t T = ex.tokens.size();
    if (query_opt->count() == 0) query = std::min(query, T);  // the default, 2, needs two tokens
    if (query > T)
        return cli.usage_error(
            fmt::format("--query {} is outside 1..{} (the sentence has {} token{})", query, T, T, T == 1 ? "" : "s"));
    s.query = query - 1;
    return wb::run_chapter([&] { return run(ex, s, cli); });
}
