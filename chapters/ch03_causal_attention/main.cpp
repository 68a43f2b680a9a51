// Chapter 3 - causal attention: self-attention that cannot see the future, with dropout and batches.
//
// Contract: walks the learner through one idea at a time and prints every intermediate tensor
// with a sentence of explanation:
//   1. queries, keys, values and scaled scores of the sentence with Chapter 2's weights (seed 789);
//   2. the causal mask; masking two ways (softmax then zero and renormalise; -inf then softmax),
//      checked equal, and the mistake of filling with 0; a heatmap of the causal weights;
//   3. the context vectors, and a check that changing a later token leaves earlier outputs alone;
//   4. uniform causal attention is the running mean of the tokens;
//   5. dropout on the weights (training versus evaluation mode), with PyTorch's mask at a seed;
//   6. a batch of two sequences through a compact CausalAttention module (B, T, d_in) -> (B, T, d_out);
//   7. the edge cases: a query that may see nothing, and padding masks for sequences of different
//      lengths in one batch.
// Each step is checked against another way of computing it and the check is printed ([ok]) with
// its tolerance. The maths lives in the exercises' declarations (exercises/ch03/ch03.hpp); this
// program is linked against the reference solutions.
// Not here: several heads (Chapter 4), training the weights, positional information.
//
// Shapes: B sequences, T tokens, d_in embedding size, d_out query/key/value size.
// inputs (T, d_in), W_* (d_out, d_in), queries/keys/values (T, d_out), scores and weights (T, T),
// contexts (T, d_out); batched: (B, T, d_in) -> (B, T, d_out), masks and weights (B, T, T).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <xtensor/xbuilder.hpp>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "ch03/ch03.hpp"
#include "wb/chapter.hpp"
#include "wb/example.hpp"
#include "wb/ops.hpp"
#include "wb/text.hpp"
#include "wb/torch_rng.hpp"

namespace {

using wb::Example;
using wb::max_abs_difference;
using wb::the_books_sentence;

using wb::Matrix;
using wb::Tensor3;
using wb::Vector;

constexpr std::size_t max_tokens = 16;  // (T, T) tables wider than this stop fitting a terminal
constexpr std::size_t d_in = 3;
constexpr std::size_t d_out = 2;
constexpr std::uint32_t weights_seed = 789;  // Chapter 2's "V2" weights
constexpr std::uint32_t text_seed = 123;     // --text embeddings, as Chapter 1 draws them
constexpr std::size_t expectation_draws = 10000;

Matrix first_rows(const Matrix& m, std::size_t n) {
    Matrix out = xt::view(m, xt::range(0, n), xt::all());  // (n, cols)
    return out;
}

// The largest weight above the diagonal: 0 for a causal matrix.
double largest_future_weight(const Matrix& weights) {
    double worst = 0.0;
    for (std::size_t i = 0; i < weights.shape(0); ++i)
        for (std::size_t j = i + 1; j < weights.shape(1); ++j) worst = std::max(worst, std::fabs(weights(i, j)));
    return worst;
}

// One sequence's causal self-attention weights, step by step with the chapter's exercises.
Matrix causal_weights(const Matrix& inputs, const ch03::AttentionWeights& w) {
    const Matrix queries = ch03::linear(inputs, w.W_query);                                               // (T, d_out)
    const Matrix keys = ch03::linear(inputs, w.W_key);                                                    // (T, d_out)
    return ch03::masked_softmax(ch03::scaled_scores(queries, keys), ch03::causal_mask(inputs.shape(0)));  // (T, T)
}

wb::HeatmapStyle heatmap_style(const std::string& title, const std::vector<std::string>& tokens) {
    wb::HeatmapStyle style;
    style.title = title;
    style.row_labels = tokens;
    style.col_labels = tokens;
    return style;
}

struct Options {
    std::uint32_t seed = 123;
    double dropout = 0.5;
};

int run(const Example& ex, const Options& opt, const wb::ChapterCli& cli) {
    const wb::Narrator say(cli.color());
    const std::vector<std::string>& tokens = ex.tokens;
    const Matrix& inputs = ex.inputs;  // (T, d_in)
    const std::size_t T = inputs.shape(0);
    const double p = opt.dropout;
    const auto write_svg = [&](const std::string& file, const Matrix& weights, const wb::HeatmapStyle& style) {
        if (cli.svg_dir().empty()) return;
        const std::string path = wb::write_heatmap_svg(cli.svg_dir(), file, weights, style);
        say.say(fmt::format("Wrote the heatmap to {} (open it in a browser).", path));
    };

    say.chapter("Chapter 3 - Causal attention");
    say.say("A language model writes text one token at a time: at position t it predicts token t+1 "
            "from tokens 1..t. Trained on whole sentences at once, its attention must therefore never "
            "look ahead, or it would learn to copy the answer instead of predicting it. Causal "
            "attention is self-attention with the future masked out.");
    say.say(fmt::format("The input: {} tokens, each a {}-d embedding (row i is token i+1).", T, d_in));
    if (!ex.source.empty()) {
        say.line(fmt::format("    embeddings drawn as in PyTorch: {}", ex.source));
        say.line("");
    }
    say.show(wb::show(inputs, "inputs  X").rows(tokens).cols(wb::numbered_labels("dim ", d_in)));

    // ---- Step 1: queries, keys, values, scores ---------------------------------------------------
    say.step("1", "Queries, keys, values and scores (Chapter 2's weights, seed 789)");
    say.say(fmt::format("Three nn.Linear({}, {}, bias=False) layers built after torch.manual_seed({}), in the "
                        "order W_query, W_key, W_value. Each weight is (d_out, d_in) = ({}, {}); a layer "
                        "computes x W^T.",
                        d_in, d_out, weights_seed, d_out, d_in));
    wb::TorchGenerator weight_gen(weights_seed);
    ch03::AttentionWeights w;
    w.W_query = weight_gen.linear_weight(d_in, d_out);  // (d_out, d_in)
    w.W_key = weight_gen.linear_weight(d_in, d_out);    // (d_out, d_in)
    w.W_value = weight_gen.linear_weight(d_in, d_out);  // (d_out, d_in)
    say.show(wb::show(w.W_query, "W_query").cols(wb::numbered_labels("dim ", d_in)));
    say.show(wb::show(w.W_key, "W_key").cols(wb::numbered_labels("dim ", d_in)));
    say.show(wb::show(w.W_value, "W_value").cols(wb::numbered_labels("dim ", d_in)));
    const Matrix queries = ch03::linear(inputs, w.W_query);  // (T, d_out)
    const Matrix keys = ch03::linear(inputs, w.W_key);       // (T, d_out)
    const Matrix values = ch03::linear(inputs, w.W_value);   // (T, d_out)
    say.show(wb::show(queries, "queries  Q = X W_query^T").rows(tokens).cols(wb::numbered_labels("dim ", d_out)));
    say.show(wb::show(keys, "keys  K = X W_key^T").rows(tokens).cols(wb::numbered_labels("dim ", d_out)));
    say.show(wb::show(values, "values  V = X W_value^T").rows(tokens).cols(wb::numbered_labels("dim ", d_out)));
    say.say(fmt::format("The scaled scores, Q K^T / sqrt(d_out) with d_out = {}: row i is query i against "
                        "every key, including the ones after it.",
                        d_out));
    const Matrix scores = ch03::scaled_scores(queries, keys);  // (T, T)
    say.show(wb::show(scores, "scores  Q K^T / sqrt(d_out)").rows(tokens).cols(tokens));
    const Matrix weights_unmasked = wb::softmax_rows(scores);  // (T, T)
    say.say("Their softmax, row by row, is Chapter 2's attention: every query still sees every key.");
    say.show(wb::show(weights_unmasked, "weights without a mask  softmax(scores)").rows(tokens).cols(tokens));

    // ---- Step 2: the causal mask -------------------------------------------------------------------
    say.step("2", "The causal mask");
    say.say("Query i may attend to keys 1..i: itself and the tokens before it. As a matrix that is "
            "the lower triangle with its diagonal, 1 for allowed and 0 for the future (torch.tril of "
            "ones).");
    const Matrix mask = ch03::causal_mask(T);  // (T, T)
    say.show(wb::show(mask, "causal mask  M (1 = may attend)").rows(tokens).cols(tokens).decimals(0));

    // ---- Step 3: way 1, mask after the softmax ---------------------------------------------------
    say.step("3", "Way 1: softmax, zero the future, renormalise");
    say.say("Multiply the weights by the mask. The future is gone, but the rows no longer sum to 1:");
    const Matrix zeroed = weights_unmasked * mask;  // (T, T)
    say.show(wb::show(zeroed, "weights * M").rows(tokens).cols(tokens));
    const Vector zeroed_sums = xt::sum(zeroed, {1});  // (T)
    say.show(wb::show(zeroed_sums, "row sums of weights * M").cols(tokens));
    say.say("Divide each row by its sum, and each row is a weighted average again:");
    const Matrix weights_way1 = ch03::mask_and_renormalise(weights_unmasked, mask);  // (T, T)
    say.show(wb::show(weights_way1, "causal weights, way 1").rows(tokens).cols(tokens));

    // ---- Step 4: way 2, -inf before the softmax ----------------------------------------------------
    say.step("4", "Way 2: -inf above the diagonal, then softmax");
    say.say("Set the future scores to -inf. exp(-inf) = 0, so the softmax gives them weight 0 and "
            "shares each row among the allowed keys only:");
    Matrix scores_masked = scores;  // (T, T)
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = i + 1; j < T; ++j) scores_masked(i, j) = -std::numeric_limits<double>::infinity();
    say.show(wb::show(scores_masked, "scores with the future at -inf").rows(tokens).cols(tokens));
    const Matrix weights = ch03::masked_softmax(scores, mask);  // (T, T)
    say.show(wb::show(weights, "causal weights, way 2").rows(tokens).cols(tokens));
    say.check("the two ways agree (every difference below 1e-12)", max_abs_difference(weights, weights_way1) < 1e-12);
    say.check("no weight above the diagonal (all exactly 0)", largest_future_weight(weights) == 0.0);
    const Vector row_sums = xt::sum(weights, {1});  // (T)
    say.check("every row sums to 1 (within 1e-12)", max_abs_difference(row_sums, xt::ones<double>({T})) < 1e-12);
    say.say("Why they agree: write s_ij for the scores, Z_i for the sum of exp(s_ij) over every key of "
            "row i (the softmax's denominator) and Z'_i for the sum over its allowed keys only. Way 1 "
            "gives exp(s_ij)/Z_i, renormalised by Z'_i/Z_i, which is exp(s_ij)/Z'_i; way 2 gives "
            "exp(s_ij)/Z'_i directly. Way 2 is what models use: one pass, and no division by a sum that "
            "can round to 0 while a key is still allowed.");
    say.say("The tempting mistake, filling the future with 0 instead of -inf: exp(0) = 1, so every "
            "future key still gets weight, as much as a key whose score is 0.");
    Matrix scores_zero_filled = scores * mask;                          // (T, T)
    const Matrix weights_leaky = wb::softmax_rows(scores_zero_filled);  // (T, T)
    say.show(wb::show(weights_leaky, "WRONG: future filled with 0, then softmax").rows(tokens).cols(tokens));
    say.say(fmt::format("The first query, which should see only itself, gives {:.4f} of its weight to the "
                        "future.",
                        1.0 - weights_leaky(0, 0)));
    say.say("The causal weights as a heatmap: rows are queries, columns keys; the upper triangle is empty.");
    const wb::HeatmapStyle causal_style = heatmap_style("causal attention weights", tokens);
    say.heatmap(weights, causal_style);
    write_svg("ch03-causal-weights.svg", weights, causal_style);

    // ---- Step 5: context vectors and causality ------------------------------------------------------
    say.step("5", "Context vectors, and what causality guarantees");
    const Matrix contexts = wb::matmul(weights, values);  // (T, d_out)
    say.say("Each context vector is its row of weights times the values: (T, T) times (T, d_out).");
    say.show(wb::show(contexts, "context vectors  Z = A V").rows(tokens).cols(wb::numbered_labels("dim ", d_out)));
    say.say(fmt::format("Causality, tested: replace the last token, \"{}\", by the embedding [9, -9, 9]. "
                        "Only the last context vector may change.",
                        tokens.back()));
    Matrix changed_inputs = inputs;  // (T, d_in)
    xt::view(changed_inputs, T - 1, xt::all()) = Vector{9.0, -9.0, 9.0};
    const Matrix changed_contexts =
        wb::matmul(causal_weights(changed_inputs, w), ch03::linear(changed_inputs, w.W_value));
    say.show(wb::show(changed_contexts, "context vectors with the last token replaced")
                 .rows(tokens)
                 .cols(wb::numbered_labels("dim ", d_out)));
    say.check(fmt::format("the first {} context vectors are unchanged (every difference below 1e-12)", T - 1),
              max_abs_difference(first_rows(changed_contexts, T - 1), first_rows(contexts, T - 1)) < 1e-12);

    // ---- Step 6: uniform causal attention is the running mean ---------------------------------------
    say.step("6", "Uniform causal attention is the running mean");
    say.say("If every score is equal, the masked softmax spreads each row evenly over the visible "
            "keys: 1 for the first query, 1/2 each for the second, and so on.");
    const Matrix uniform = ch03::masked_softmax(xt::zeros<double>({T, T}), mask);  // (T, T)
    say.show(wb::show(uniform, "masked softmax of all-zero scores").rows(tokens).cols(tokens));
    const Matrix averaged = wb::matmul(uniform, inputs);  // (T, d_in)
    Matrix running_mean = xt::zeros<double>({T, d_in});   // (T, d_in), by a loop
    Vector running_sum = xt::zeros<double>({d_in});
    for (std::size_t i = 0; i < T; ++i) {
        running_sum += xt::view(inputs, i, xt::all());
        xt::view(running_mean, i, xt::all()) = running_sum / static_cast<double>(i + 1);
    }
    Matrix tril_rows = mask;  // (T, T): the causal mask with each row divided by its number of ones
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = 0; j < T; ++j) tril_rows(i, j) /= static_cast<double>(i + 1);
    const Matrix by_matmul = wb::matmul(tril_rows, inputs);  // (T, d_in)
    say.show(
        wb::show(running_mean, "running mean of X, by a loop").rows(tokens).cols(wb::numbered_labels("dim ", d_in)));
    say.say("Three routes lead to the same numbers: the loop above; the product of the row-normalised "
            "mask with X, (M / rowsum(M)) X; and the masked softmax of equal scores times X, shown here:");
    say.show(wb::show(averaged, "uniform causal weights times X").rows(tokens).cols(wb::numbered_labels("dim ", d_in)));
    say.check("the loop and (M / rowsum(M)) X agree (every difference below 1e-12)",
              max_abs_difference(by_matmul, running_mean) < 1e-12);
    say.check("uniform causal attention equals the running mean (every difference below 1e-12)",
              max_abs_difference(averaged, running_mean) < 1e-12);
    say.say("So causal attention is a running average whose weights are learnt: a check that the mask "
            "machinery is right, and the reason a causal layer can summarise \"everything so far\".");

    // ---- Step 7: dropout ---------------------------------------------------------------------------------
    say.step("7", fmt::format("Dropout on the attention weights (p = {:g}, seed {})", p, opt.seed));
    say.say(fmt::format("In training, dropout zeroes each weight with probability p and multiplies the "
                        "survivors by 1/(1-p) = {:.4f}, so every weight keeps its expected value. The model "
                        "cannot rely on any single connection, which fights overfitting. In evaluation "
                        "mode dropout does nothing.",
                        1.0 / (1.0 - p)));
    say.say(fmt::format("The mask is PyTorch's: torch.manual_seed({}); torch.nn.Dropout({:g}) draws two 32-bit "
                        "numbers per element (exercise 3.8 draws them the same way). Applied to a matrix of "
                        "ones it shows the mask and the scale:",
                        opt.seed, p));
    std::mt19937 dropout_engine(opt.seed);                                 // torch.manual_seed(seed)
    const Matrix keep = ch03::dropout_keep_mask(dropout_engine, T, T, p);  // (T, T), 1 = kept
    say.show(wb::show(ch03::dropout_weights(xt::ones<double>({T, T}), keep, p), "dropout of a matrix of ones")
                 .rows(tokens)
                 .cols(tokens));
    const Matrix weights_dropped = ch03::dropout_weights(weights, keep, p);  // (T, T)
    say.say("The same mask on the causal weights (dropout comes after the softmax, on the weights, "
            "never on the scores):");
    say.show(wb::show(weights_dropped, "causal weights after dropout (training mode)").rows(tokens).cols(tokens));
    const Vector dropped_sums = xt::sum(weights_dropped, {1});  // (T)
    say.show(wb::show(dropped_sums, "row sums after dropout").cols(tokens));
    if (p > 0.0)
        say.say("The rows no longer sum to 1: that is expected. Only on average over masks is each weight "
                "what it was.");
    else
        say.say("With p = 0 nothing is dropped and nothing is scaled: PyTorch draws no numbers at all then.");
    Matrix total = xt::zeros<double>({T, T});  // (T, T)
    for (std::size_t k = 0; k < expectation_draws; ++k)
        total += ch03::dropout_weights(weights, ch03::dropout_keep_mask(dropout_engine, T, T, p), p);
    const Matrix mean = total / static_cast<double>(expectation_draws);  // (T, T)
    // Each mean has standard deviation w sqrt(p / (1 - p)) / sqrt(draws); allow five of those.
    const double tolerance = 5.0 * std::sqrt(p / (1.0 - p) / static_cast<double>(expectation_draws)) + 1e-12;
    say.check(fmt::format("the mean of {} more masks is within {:.4f} of every weight", expectation_draws, tolerance),
              max_abs_difference(mean, weights) <= tolerance);
    ch03::Dropout eval_mode;  // evaluation: training = false
    const Tensor3 eval_contexts = ch03::causal_attention(wb::stack_batch({inputs}), w, eval_mode);  // (1, T, d_out)
    say.check("evaluation mode applies no dropout: contexts equal step 5's (within 1e-12)",
              max_abs_difference(wb::batch_item(eval_contexts, 0), contexts) < 1e-12);
    say.say("Masks come from PyTorch's default CPU path. PyTorch builds for other platforms (MKL, CUDA) "
            "may draw other masks from the same seed; the rule - drop, then scale by 1/(1-p) - is the same.");
    wb::HeatmapStyle dropout_style = heatmap_style("causal weights after dropout", tokens);
    dropout_style.scale_to_max = true;
    say.heatmap(weights_dropped, dropout_style);
    write_svg("ch03-dropout-weights.svg", weights_dropped, dropout_style);

    // ---- Step 8: batches and a module ----------------------------------------------------------------
    say.step("8", "A batch through a compact CausalAttention module");
    const Tensor3 batch = wb::stack_batch({inputs, inputs});  // (B, T, d_in) = (2, T, 3)
    say.say(fmt::format("Models process several sequences at once. A batch of two copies of the sentence, "
                        "shape (B, T, d_in) = (2, {}, {}):",
                        T, d_in));
    say.show(wb::show(batch, "batch").rows(tokens).cols(wb::numbered_labels("dim ", d_in)));
    say.say(fmt::format("The module: torch.manual_seed({}) and then nn.Linear({}, {}, bias=False) for W_query, "
                        "W_key and W_value, a Dropout and the causal mask (which draws nothing).",
                        opt.seed, d_in, d_out));
    wb::TorchGenerator module_gen(opt.seed);
    ch03::AttentionWeights module;
    module.W_query = module_gen.linear_weight(d_in, d_out);  // (d_out, d_in)
    module.W_key = module_gen.linear_weight(d_in, d_out);    // (d_out, d_in)
    module.W_value = module_gen.linear_weight(d_in, d_out);  // (d_out, d_in)
    say.show(wb::show(module.W_query, "module W_query").cols(wb::numbered_labels("dim ", d_in)));
    say.show(wb::show(module.W_key, "module W_key").cols(wb::numbered_labels("dim ", d_in)));
    say.show(wb::show(module.W_value, "module W_value").cols(wb::numbered_labels("dim ", d_in)));
    const Tensor3 batch_contexts = ch03::causal_attention(batch, module, eval_mode);  // (B, T, d_out)
    say.say(fmt::format("With dropout 0 (or in evaluation mode), the output has shape (B, T, d_out) = (2, {}, {}):", T,
                        d_out));
    say.show(
        wb::show(batch_contexts, "context vectors of the batch").rows(tokens).cols(wb::numbered_labels("dim ", d_out)));
    const Matrix single = wb::matmul(causal_weights(inputs, module), ch03::linear(inputs, module.W_value));
    say.check("each row of the batch equals the sequence computed alone (within 1e-12)",
              max_abs_difference(wb::batch_item(batch_contexts, 0), single) < 1e-12 &&
                  max_abs_difference(wb::batch_item(batch_contexts, 1), single) < 1e-12);
    std::mt19937 module_engine(opt.seed);  // the same stream: the weights took one word per value
    module_engine.discard(3 * d_out * d_in);
    const Matrix module_keep = ch03::dropout_keep_mask(module_engine, 2 * T, T, p);  // (B T, T)
    Tensor3 batch_keep = xt::zeros<double>({std::size_t{2}, T, T});                  // (B, T, T)
    for (std::size_t b = 0; b < 2; ++b)
        xt::view(batch_keep, b, xt::all(), xt::all()) = xt::view(module_keep, xt::range(b * T, (b + 1) * T), xt::all());
    ch03::Dropout training{p, true, batch_keep};
    const Tensor3 batch_training = ch03::causal_attention(batch, module, training);  // (B, T, d_out)
    say.say(fmt::format("In training mode with Dropout({:g}), the forward pass draws a (2, {}, {}) mask right "
                        "after the weights (which took {} words of the generator), so the two copies now get "
                        "different outputs:",
                        p, T, T, 3 * d_out * d_in));
    say.show(wb::show(batch_training, "context vectors of the batch, training mode")
                 .rows(tokens)
                 .cols(wb::numbered_labels("dim ", d_out)));

    // ---- Step 9: edge cases --------------------------------------------------------------------------
    say.step("9", "Edge cases: a query that sees nothing, and padding");
    say.say("If every key of a row is masked, the softmax has nothing to normalise: all scores are "
            "-inf and exp gives 0 / 0. torch.softmax (and wb::softmax_rows) return NaN there, and one "
            "NaN spreads through every later layer. This workbook's masked softmax returns a row of "
            "zeros instead, so that query's context vector is the zero vector. Row 2 below has no "
            "allowed key:");
    const Matrix demo_scores{{0.5, 1.0, -0.3}, {0.2, 0.4, 0.9}, {1.5, -1.0, 0.0}};  // (3, 3)
    const Matrix demo_mask{{1, 1, 0}, {0, 0, 0}, {1, 1, 1}};                        // (3, 3)
    Matrix demo_filled = demo_scores;
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 3; ++j)
            if (demo_mask(i, j) == 0.0) demo_filled(i, j) = -std::numeric_limits<double>::infinity();
    say.show(wb::show(wb::softmax_rows(demo_filled), "softmax of the -inf-filled scores (NaN row)"));
    const Matrix demo_weights = ch03::masked_softmax(demo_scores, demo_mask);  // (3, 3)
    say.show(wb::show(demo_weights, "masked_softmax: the row with no key is zeros"));
    say.check("the row with no allowed key is exactly zeros, the others sum to 1",
              demo_weights(1, 0) == 0.0 && demo_weights(1, 1) == 0.0 && demo_weights(1, 2) == 0.0 &&
                  std::fabs(demo_weights(0, 0) + demo_weights(0, 1) - 1.0) < 1e-12);

    const std::size_t short_length = T == 1 ? 1 : std::max<std::size_t>(1, T - 2);  // sequence 2's real tokens
    const std::vector<std::size_t> lengths{T, short_length};
    std::vector<std::string> short_tokens(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(short_length));
    std::string short_text;
    for (const std::string& t : short_tokens) short_text += (short_text.empty() ? "" : " ") + t;
    say.say(fmt::format("Sequences of different lengths share a batch by padding the shorter ones to T. "
                        "Here the second sequence is \"{}\" ({} tokens) followed by {} padding rows of zeros. "
                        "Padding keys must be masked for every query, on top of the causal mask:",
                        short_text, short_length, T - short_length));
    Matrix short_padded = xt::zeros<double>({T, d_in});  // (T, d_in)
    xt::view(short_padded, xt::range(0, short_length), xt::all()) =
        xt::view(inputs, xt::range(0, short_length), xt::all());
    const Tensor3 padded_batch = wb::stack_batch({inputs, short_padded});  // (2, T, d_in)
    const Tensor3 padding_mask = ch03::padding_causal_mask(lengths, T);    // (2, T, T)
    std::vector<std::string> padded_labels = short_tokens;
    while (padded_labels.size() < T) padded_labels.push_back("<pad>");
    say.show(wb::show(wb::batch_item(padding_mask, 1), "padding and causal mask of sequence 2")
                 .rows(padded_labels)
                 .cols(padded_labels)
                 .decimals(0));
    const Tensor3 padded_contexts = ch03::masked_attention(padded_batch, module, padding_mask);  // (2, T, d_out)
    std::vector<std::string> positions;
    for (std::size_t i = 0; i < T; ++i) positions.push_back(fmt::format("t = {}", i + 1));
    say.show(wb::show(padded_contexts, "context vectors of the padded batch")
                 .rows(positions)
                 .cols(wb::numbered_labels("dim ", d_out)));
    const Matrix short_alone = xt::view(inputs, xt::range(0, short_length), xt::all());               // (n, d_in)
    const Tensor3 alone = ch03::causal_attention(wb::stack_batch({short_alone}), module, eval_mode);  // (1, n, d_out)
    say.check(fmt::format("the {} real tokens of sequence 2 get what the short sequence gets alone (within 1e-12)",
                          short_length),
              max_abs_difference(first_rows(wb::batch_item(padded_contexts, 1), short_length),
                                 wb::batch_item(alone, 0)) < 1e-12);
    say.check("sequence 1, with no padding, is unchanged (within 1e-12)",
              max_abs_difference(wb::batch_item(padded_contexts, 0), single) < 1e-12);
    say.say("The outputs at the padding positions are computed but meaningless; a model ignores them "
            "(the loss skips them). Padding at the start instead (left padding) makes the first "
            "queries see no real key at all - the all-masked row of above:");
    const std::size_t pads = T - short_length;
    Matrix left_padded = xt::zeros<double>({T, d_in});  // (T, d_in)
    xt::view(left_padded, xt::range(pads, T), xt::all()) = short_alone;
    Matrix left_mask = mask;  // (T, T): causal, and no padding key
    for (std::size_t i = 0; i < T; ++i)
        for (std::size_t j = 0; j < pads; ++j) left_mask(i, j) = 0.0;
    const Tensor3 left_contexts =
        ch03::masked_attention(wb::stack_batch({left_padded}), module, wb::stack_batch({left_mask}));
    std::vector<std::string> left_labels(pads, "<pad>");
    left_labels.insert(left_labels.end(), short_tokens.begin(), short_tokens.end());
    say.show(wb::show(wb::batch_item(left_contexts, 0), "context vectors, left padding")
                 .rows(left_labels)
                 .cols(wb::numbered_labels("dim ", d_out)));
    say.check("the real tokens get what the short sequence gets alone, the padding queries zeros",
              max_abs_difference(xt::view(wb::batch_item(left_contexts, 0), xt::range(pads, T), xt::all()),
                                 wb::batch_item(alone, 0)) < 1e-12 &&
                  max_abs_difference(first_rows(wb::batch_item(left_contexts, 0), pads),
                                     xt::zeros<double>({pads, d_out})) == 0.0);
    const Matrix padded_weights = ch03::masked_softmax(
        ch03::scaled_scores(ch03::linear(short_padded, module.W_query), ch03::linear(short_padded, module.W_key)),
        wb::batch_item(padding_mask, 1));  // (T, T)
    wb::HeatmapStyle padding_style = heatmap_style("weights of the padded sequence 2", padded_labels);
    say.heatmap(padded_weights, padding_style);
    write_svg("ch03-padding-weights.svg", padded_weights, padding_style);

    say.say("Next: the exercises. Run `./workbook` to start them (it watches the current exercise and "
            "re-checks it on every save), or check one of them with `./workbook check 3.1`. Chapter 4 runs "
            "several causal heads side by side.");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    wb::ChapterCli cli("ch03_causal_attention",
                       "Chapter 3: causal attention. Masks the future two ways, shows dropout on the "
                       "attention weights, a batched module and padding, for \"Your journey starts with "
                       "one step\" or your own sentence.");
    Options opt;
    std::string text;
    CLI::App& app = cli.app();
    app.add_option("--seed", opt.seed,
                   "Seed for steps 7-9: the dropout mask and the module's weights, as torch.manual_seed "
                   "(default 123)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--dropout", opt.dropout, "Dropout probability p, at least 0 and below 1 (default 0.5)")
        ->type_name("P");
    app.add_option("--text", text,
                   "Use your own sentence, split on whitespace (1 to 16 tokens); embeddings as "
                   "torch.manual_seed(123); torch.rand(T, 3)")
        ->type_name("TEXT");
    if (auto status = cli.parse(argc, argv)) return *status;

    // Each way out of [0, 1) gets its own reason.
    if (std::isnan(opt.dropout)) return cli.usage_error("--dropout nan is not a number: p is a probability in [0, 1)");
    if (opt.dropout < 0.0)
        return cli.usage_error(
            fmt::format("--dropout {} is negative: p is a probability in [0, 1), at least 0", opt.dropout));
    if (opt.dropout >= 1.0)
        return cli.usage_error(
            fmt::format("--dropout {} is not below 1: p = 1 would drop every weight (and p > 1 is not a probability)",
                        opt.dropout));
    Example ex;
    if (app.count("--text") == 0) {
        ex = the_books_sentence();
    } else {
        if (const std::string why = wb::text_problem(text, max_tokens); !why.empty()) return cli.usage_error(why);
        const std::vector<std::string> tokens = wb::split_words(text);
        ex = wb::random_embeddings(tokens, text_seed, d_in);
    }
    return wb::run_chapter([&] { return run(ex, opt, cli); });
}
