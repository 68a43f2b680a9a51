// Chapter 4 - multi-head attention: several causal heads, first side by side, then in one piece.
//
// Contract: walks the learner through one idea at a time and prints every intermediate tensor
// with a sentence of explanation:
//   1. the wrapper: H causal heads (Chapter 3's, ready-made) run on the same batch and their
//      outputs concatenated; then the same wrapper chosen to return 2-d context vectors;
//   2. the efficient version: one projection each for Q, K, V, split into heads by a reshape and a
//      transpose, a batched score product, a causal softmax per head (with heatmaps), a weighted
//      sum, the heads merged back, and the output projection;
//   3. the two agree when the efficient version gets the wrapper's weights stacked, and no
//      output projection;
//   4. the parameter count, for this module and for a GPT-2-small-sized one.
// Each step is checked against the one before it (loops against batched products, split against
// merge, step by step against the whole forward) and the check is printed ([ok]).
// Every weight is drawn as PyTorch draws it after torch.manual_seed(--seed), in construction
// order, so each printed number can be reproduced with docs/listings/ch04_pytorch.py.
// Not here: dropout (0 throughout; Chapter 3 taught it), training, cross-attention (Chapter 5).
//
// Shapes: B = 2 (two copies of the sentence), T tokens, d_in embedding size, d_out output size,
// H heads, hd = d_out / H. inputs (B, T, d_in), queries (B, T, d_out) -> (B, H, T, hd),
// scores and weights (B, H, T, T), context (B, T, d_out).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <xtensor/xmanipulation.hpp>
#include <xtensor/xview.hpp>

#include "ch04/ch04.hpp"
#include "wb/chapter.hpp"
#include "wb/example.hpp"
#include "wb/ops.hpp"
#include "wb/text.hpp"
#include "wb/torch_rng.hpp"

namespace {

using wb::max_abs_difference;

using wb::Matrix;
using wb::Tensor3;
using wb::Tensor4;
using wb::Vector;

constexpr long long max_tokens = 32;  // wider tables stop fitting a terminal
constexpr long long max_dim = 64;

struct Settings {
    std::vector<std::string> tokens;  // T labels
    Matrix inputs;                    // (T, d_in)
    std::string source;               // how the embeddings were made, empty for the book's sentence
    std::uint32_t seed = 123;
    std::size_t heads = 2;  // H
    std::size_t d_out = 2;  // the efficient version's d_out; each wrapper head's size
    std::size_t context_length = 6;
};

Matrix item(const Tensor3& t, std::size_t b) {
    return wb::batch_item(t, b);
}  // (B, T, n) -> (T, n)

Tensor3 item(const Tensor4& t, std::size_t b) {  // (B, H, T, n) -> (H, T, n)
    Tensor3 m = xt::view(t, b, xt::all(), xt::all(), xt::all());
    return m;
}

// Column labels of concatenated heads: "h1 c0", "h1 c1", "h2 c0", ...
std::vector<std::string> labels_per_head(std::size_t H, std::size_t hd) {
    std::vector<std::string> out;
    for (std::size_t h = 0; h < H; ++h)
        for (std::size_t k = 0; k < hd; ++k) out.push_back(fmt::format("h{} c{}", h, k));
    return out;
}

std::string head_name(std::size_t h) {
    return fmt::format("head {}", h);
}

int run(const Settings& s, const wb::ChapterCli& cli) {
    const wb::Narrator say(cli.color());
    const std::vector<std::string>& tokens = s.tokens;
    const std::size_t T = s.inputs.shape(0), d_in = s.inputs.shape(1), B = 2;
    const std::size_t H = s.heads, d_out = s.d_out, hd = d_out / H;
    const std::vector<std::string> in_cols = wb::numbered_labels("dim ", d_in);

    Tensor3 batch = xt::zeros<double>({B, T, d_in});  // (B, T, d_in): two copies of the sentence
    for (std::size_t b = 0; b < B; ++b) xt::view(batch, b, xt::all(), xt::all()) = s.inputs;

    say.chapter("Chapter 4 - Multi-head attention");
    say.say("One causal head (Chapter 3) gives every token one blend of the tokens before it. "
            "Multi-head attention runs several heads side by side, each with its own query, key "
            "and value weights, so each can attend by its own criterion, and joins their outputs.");
    say.say(fmt::format("The input is a batch of B = {} copies of the sentence: {} tokens of {} "
                        "numbers each, so inputs is (B, T, d_in) = ({}, {}, {}). Both batch items are "
                        "identical, so below each tensor is shown for batch item 0 only, and a check "
                        "confirms that item 1 agrees.",
                        B, T, d_in, B, T, d_in));
    if (!s.source.empty()) {
        say.line(fmt::format("    embeddings drawn as in PyTorch: {}", s.source));
        say.line("");
    }
    say.show(wb::show(s.inputs, "inputs, batch item 0  (T, d_in)").rows(tokens).cols(in_cols));

    // ---- Step 1: the wrapper ---------------------------------------------------------------
    say.step("1", fmt::format("The wrapper: {} causal head{} side by side", H, H == 1 ? "" : "s"));
    say.say(fmt::format("The simplest multi-head attention builds H = {} causal heads, one after the "
                        "other, each with its own W_query, W_key and W_value of shape (hd, d_in) = "
                        "({}, {}), runs each on the same inputs, and concatenates their outputs "
                        "along the last axis: {} heads of {} columns give (B, T, {}). Weights drawn "
                        "as torch.manual_seed({}) and then, per head, nn.Linear({}, {}, bias=False) "
                        "three times:",
                        H, d_out, d_in, H, d_out, H * d_out, s.seed, d_in, d_out));
    wb::TorchGenerator wrapper_gen(s.seed);
    const std::vector<ch04::CausalHead> heads =
        ch04::wrapper_heads_for_output(wrapper_gen, d_in, H * d_out, H);  // H heads of (d_out, d_in)
    for (std::size_t h = 0; h < H; ++h) {
        say.show(wb::show(heads[h].query.weight, fmt::format("{}: W_query  (hd, d_in)", head_name(h))).cols(in_cols));
        say.show(wb::show(heads[h].key.weight, fmt::format("{}: W_key  (hd, d_in)", head_name(h))).cols(in_cols));
        say.show(wb::show(heads[h].value.weight, fmt::format("{}: W_value  (hd, d_in)", head_name(h))).cols(in_cols));
    }
    say.say("Each head is Chapter 3's causal attention: its own scores, mask, softmax and values. "
            "Their outputs, one (T, hd) block per head:");
    std::vector<Tensor3> head_contexts;  // H of (B, T, hd)
    for (std::size_t h = 0; h < H; ++h) {
        head_contexts.push_back(ch04::causal_head_forward(batch, heads[h]));
        say.show(wb::show(item(head_contexts[h], 0), fmt::format("{}: context  (T, hd)", head_name(h)))
                     .rows(tokens)
                     .cols(wb::numbered_labels(fmt::format("h{} c", h), d_out)));
    }
    const Tensor3 wrapper_context = ch04::wrapper_forward(batch, heads);  // (B, T, H*d_out)
    const std::vector<std::string> concat_cols = labels_per_head(H, d_out);
    say.say("torch.cat(..., dim=-1) puts them side by side: head 0's columns first.");
    say.show(
        wb::show(item(wrapper_context, 0), "wrapper context, batch item 0  (T, H*hd)").rows(tokens).cols(concat_cols));
    bool columns_match = true;
    for (std::size_t h = 0; h < H; ++h) {
        const Tensor3 block = xt::view(wrapper_context, xt::all(), xt::all(), xt::range(h * d_out, (h + 1) * d_out));
        columns_match = columns_match && max_abs_difference(block, head_contexts[h]) == 0.0;
    }
    say.check(fmt::format("shape (B, T, H*hd) = ({}, {}, {})", B, T, H * d_out),
              wrapper_context.shape(0) == B && wrapper_context.shape(1) == T && wrapper_context.shape(2) == H * d_out);
    say.check("each block of columns is its head's output", columns_match);
    say.check("batch item 1 equals batch item 0 (the same sentence)",
              max_abs_difference(item(wrapper_context, 0), item(wrapper_context, 1)) == 0.0);

    // ---- Step 2: choosing the wrapper's arguments ------------------------------------------
    say.step("2", fmt::format("Choosing the arguments: {} heads, {} output column{} in all", H, H, H == 1 ? "" : "s"));
    say.say(fmt::format("The wrapper's width is H times each head's size. To keep H = {} heads and get "
                        "context vectors of size {}, each head must have hd = {} / {} = 1 column: the "
                        "same seed, heads drawn as nn.Linear({}, 1, bias=False):",
                        H, H, H, H, d_in));
    wb::TorchGenerator narrow_gen(s.seed);
    const std::vector<ch04::CausalHead> narrow_heads = ch04::wrapper_heads_for_output(narrow_gen, d_in, H, H);
    const Tensor3 narrow_context = ch04::wrapper_forward(batch, narrow_heads);  // (B, T, H)
    say.show(wb::show(item(narrow_context, 0), "wrapper context with hd = 1, batch item 0  (T, H)")
                 .rows(tokens)
                 .cols(labels_per_head(H, 1)));
    say.check(fmt::format("shape ({}, {}, {}): {}-d context vectors from {} heads", B, T, H, H, H),
              narrow_context.shape(2) == H);

    // ---- Step 3: the efficient version, projections and split ------------------------------
    say.step("3", "The efficient version: one projection each, split into heads");
    say.say(fmt::format("Instead of H small matrices per role, one (d_out, d_in) = ({}, {}) matrix each "
                        "for queries, keys and values, and an output projection nn.Linear({}, {}) with "
                        "bias. Drawn as torch.manual_seed({}) then W_query, W_key, W_value, out_proj:",
                        d_out, d_in, d_out, d_out, s.seed));
    wb::TorchGenerator mha_gen(s.seed);
    const ch04::MultiHeadWeights mha = ch04::draw_multi_head(mha_gen, d_in, d_out, H);
    const std::vector<std::string> out_cols = wb::numbered_labels("c", d_out);
    say.show(wb::show(mha.query.weight, "W_query  (d_out, d_in)").cols(in_cols));
    say.show(wb::show(mha.key.weight, "W_key  (d_out, d_in)").cols(in_cols));
    say.show(wb::show(mha.value.weight, "W_value  (d_out, d_in)").cols(in_cols));
    say.show(wb::show(mha.out_proj->weight, "out_proj weight  (d_out, d_out)").cols(out_cols));
    say.show(wb::show(mha.out_proj->bias, "out_proj bias  (d_out)").cols(out_cols));

    const Tensor3 queries = ch04::apply_linear(batch, mha.query);  // (B, T, d_out)
    const Tensor3 keys = ch04::apply_linear(batch, mha.key);       // (B, T, d_out)
    const Tensor3 values = ch04::apply_linear(batch, mha.value);   // (B, T, d_out)
    say.say("queries = inputs W_query^T, all heads at once:");
    say.show(wb::show(item(queries, 0), "queries, batch item 0  (T, d_out)").rows(tokens).cols(out_cols));
    say.say(fmt::format("Head h owns columns h*hd .. h*hd+hd-1, hd = d_out / H = {} / {} = {}. To give "
                        "each head its own (T, hd) matrix, reshape (B, T, d_out) to (B, T, H, hd) = "
                        "({}, {}, {}, {}), which only relabels the columns, then swap the T and H axes: "
                        "(B, H, T, hd).",
                        d_out, H, hd, B, T, H, hd));
    const Tensor4 queries_bhtd = ch04::split_heads(queries, H);  // (B, H, T, hd)
    const Tensor4 keys_bhtd = ch04::split_heads(keys, H);        // (B, H, T, hd)
    const Tensor4 values_bhtd = ch04::split_heads(values, H);    // (B, H, T, hd)
    say.show(wb::show(item(queries_bhtd, 0), "queries split, batch item 0  (H, T, hd): one slice per head")
                 .rows(tokens)
                 .cols(wb::numbered_labels("k", hd)));
    bool split_by_loop = true;
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t t = 0; t < T; ++t)
                for (std::size_t k = 0; k < hd; ++k)
                    split_by_loop = split_by_loop && queries_bhtd(b, h, t, k) == queries(b, t, h * hd + k);
    say.check("split element (b, h, t, k) is queries (b, t, h*hd + k), checked by a loop", split_by_loop);
    say.check("merging the heads back gives the queries exactly",
              max_abs_difference(ch04::merge_heads(queries_bhtd), queries) == 0.0);
    if (H > 1 && T > 1) {
        const Tensor4 wrong = xt::reshape_view(queries, std::vector<std::size_t>{B, H, T, hd});  // (B, H, T, hd)
        say.say("Why not reshape straight to (B, H, T, hd)? The shape is right but the numbers are "
                "not: row-major order fills head 0 with the first T*hd numbers, which are the first "
                "tokens' columns of every head, not head 0's column of every token:");
        say.show(wb::show(xt::view(wrong, 0, 0, xt::all(), xt::all()), "WRONG: straight reshape, head 0  (T, hd)")
                     .rows(tokens)
                     .cols(wb::numbered_labels("k", hd)));
    }

    // ---- Step 4: scores and causal weights per head ----------------------------------------
    say.step("4", "Scores and causal weights, every head at once");
    say.say("scores = Q K^T for every batch item and head: (B, H, T, hd) times (B, H, hd, T) gives "
            "(B, H, T, T). It is H independent matrix products; no head sees another's columns.");
    const Tensor4 scores = ch04::head_scores(queries_bhtd, keys_bhtd);  // (B, H, T, T)
    say.show(wb::show(item(scores, 0), "scores, batch item 0  (H, T, T)").rows(tokens).cols(tokens));
    Tensor4 scores_loop = xt::zeros<double>({B, H, T, T});  // (B, H, T, T), head by head
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h) {
            const Matrix q_bh = xt::view(queries, b, xt::all(), xt::range(h * hd, (h + 1) * hd));  // (T, hd)
            const Matrix k_bh = xt::view(keys, b, xt::all(), xt::range(h * hd, (h + 1) * hd));     // (T, hd)
            xt::view(scores_loop, b, h, xt::all(), xt::all()) = wb::matmul(q_bh, xt::transpose(k_bh));
        }
    say.check("a loop over heads, each its own columns of Q and K, agrees (every difference below 1e-12)",
              max_abs_difference(scores, scores_loop) < 1e-12);

    say.say(fmt::format("Each head's scores are divided by sqrt(hd) = sqrt({}) = {:.4f} - the size of "
                        "ONE head, because each score is a dot product of hd numbers - then every key "
                        "after its query is set to -inf and each row goes through a softmax over the "
                        "keys. (The mask is built once for --context-length = {} tokens, a ({}, {}) "
                        "matrix, and its top-left (T, T) corner is used.)",
                        hd, std::sqrt(static_cast<double>(hd)), s.context_length, s.context_length, s.context_length));
    const Tensor4 weights = ch04::causal_weights_per_head(scores, hd);  // (B, H, T, T)
    say.show(wb::show(item(weights, 0), "attention weights, batch item 0  (H, T, T)").rows(tokens).cols(tokens));
    bool rows_sum_to_one = true, future_is_zero = true;
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h)
            for (std::size_t i = 0; i < T; ++i) {
                double sum = 0.0;
                for (std::size_t j = 0; j < T; ++j) {
                    sum += weights(b, h, i, j);
                    if (j > i) future_is_zero = future_is_zero && weights(b, h, i, j) == 0.0;
                }
                rows_sum_to_one = rows_sum_to_one && std::fabs(sum - 1.0) < 1e-12;
            }
    say.check("every row of every head sums to 1 (within 1e-12)", rows_sum_to_one);
    say.check("every weight above the diagonal is 0: no token sees a later one", future_is_zero);

    say.say("Per-head heatmaps of batch item 0. With random weights the heads differ only by "
            "chance; a trained model's heads learn different patterns.");
    for (std::size_t h = 0; h < H; ++h) {
        const Matrix w_h = xt::view(weights, 0, h, xt::all(), xt::all());  // (T, T)
        wb::HeatmapStyle style;
        style.title = fmt::format("attention weights, {}", head_name(h));
        style.row_labels = tokens;
        style.col_labels = tokens;
        say.heatmap(w_h, style);
        if (!cli.svg_dir().empty()) {
            const std::string path =
                wb::write_heatmap_svg(cli.svg_dir(), fmt::format("ch04-head-{}-weights.svg", h), w_h, style);
            say.say(fmt::format("Wrote the heatmap to {} (open it in a browser).", path));
        }
    }

    // ---- Step 5: context, merge, output projection -----------------------------------------
    say.step("5", "Weighted sum, merge, output projection");
    say.say("Each head's weights times that head's values: (B, H, T, T) times (B, H, T, hd) gives "
            "(B, H, T, hd).");
    Tensor4 context_bhtd = xt::zeros<double>({B, H, T, hd});  // (B, H, T, hd)
    for (std::size_t b = 0; b < B; ++b)
        for (std::size_t h = 0; h < H; ++h) {
            const Matrix w_bh = xt::view(weights, b, h, xt::all(), xt::all());      // (T, T)
            const Matrix v_bh = xt::view(values_bhtd, b, h, xt::all(), xt::all());  // (T, hd)
            xt::view(context_bhtd, b, h, xt::all(), xt::all()) = wb::matmul(w_bh, v_bh);
        }
    say.show(wb::show(item(context_bhtd, 0), "context per head, batch item 0  (H, T, hd)")
                 .rows(tokens)
                 .cols(wb::numbered_labels("k", hd)));
    say.say("Merging is the split backwards: swap H and T again, (B, T, H, hd), then reshape to "
            "(B, T, d_out), head 0's columns first - the same layout as the wrapper's concatenation.");
    const Tensor3 merged = ch04::merge_heads(context_bhtd);  // (B, T, d_out)
    say.show(wb::show(item(merged, 0), "merged context, batch item 0  (T, d_out)").rows(tokens).cols(out_cols));
    say.say("Finally out_proj, a linear layer with bias, mixes the heads' columns: context W_out^T + b.");
    const Tensor3 projected = ch04::apply_linear(merged, *mha.out_proj);  // (B, T, d_out)
    say.show(wb::show(item(projected, 0), "output, batch item 0  (T, d_out)").rows(tokens).cols(out_cols));
    const Tensor3 forward = ch04::multi_head_forward(batch, mha);  // (B, T, d_out)
    say.check("multi_head_forward gives the same output as the steps above (every difference below 1e-12)",
              max_abs_difference(forward, projected) < 1e-12);
    say.check(fmt::format("shape (B, T, d_out) = ({}, {}, {})", B, T, d_out),
              forward.shape(0) == B && forward.shape(1) == T && forward.shape(2) == d_out);
    say.check("batch item 1 equals batch item 0", max_abs_difference(item(forward, 0), item(forward, 1)) == 0.0);
    Tensor3 changed = batch;
    for (std::size_t k = 0; k < d_in; ++k) changed(1, T - 1, k) += 1.0;
    const Tensor3 changed_forward = ch04::multi_head_forward(changed, mha);  // (B, T, d_out)
    const Matrix earlier_0 = xt::view(forward, 0, xt::range(0, T - 1), xt::all());
    const Matrix earlier_1 = xt::view(changed_forward, 1, xt::range(0, T - 1), xt::all());
    say.check(
        fmt::format("causal: changing the last token of batch item 1 leaves its first {} outputs unchanged", T - 1),
        max_abs_difference(earlier_0, earlier_1) == 0.0);

    // ---- Step 6: the two versions agree ----------------------------------------------------
    say.step("6", "The wrapper and the efficient version agree");
    say.say(fmt::format("The efficient version's W_query is the heads' W_query stacked: rows h*hd .. "
                        "h*hd+hd-1 belong to head h. Stacking step 1's heads gives ({}, {}) matrices; "
                        "with no output projection the efficient version must return the wrapper's "
                        "output exactly.",
                        H * d_out, d_in));
    const ch04::MultiHeadWeights arranged = ch04::weights_from_wrapper(heads);
    say.show(wb::show(arranged.query.weight, "W_query from the wrapper's heads  (H*hd, d_in)")
                 .rows(concat_cols)
                 .cols(in_cols));
    const Tensor3 arranged_context = ch04::multi_head_forward(batch, arranged);  // (B, T, H*d_out)
    say.show(wb::show(item(arranged_context, 0), "efficient version, wrapper's weights, batch item 0  (T, H*hd)")
                 .rows(tokens)
                 .cols(concat_cols));
    say.check("equal to the wrapper's output of step 1 (every difference below 1e-12)",
              max_abs_difference(arranged_context, wrapper_context) < 1e-12);
    say.say("The tests also compare the efficient version with torch.nn.MultiheadAttention given the "
            "same weights (it needs d_in = d_out, so they use a random (2, 5, 4) input).");

    // ---- Step 7: parameters ----------------------------------------------------------------
    say.step("7", "Counting parameters");
    const std::size_t count = ch04::multi_head_parameter_count(d_in, d_out, H, false);
    const std::size_t held = mha.query.weight.size() + mha.key.weight.size() + mha.value.weight.size() +
                             mha.out_proj->weight.size() + mha.out_proj->bias.size();
    say.say(fmt::format("This module: 3 x {} x {} for W_query, W_key, W_value, plus {} x {} + {} for "
                        "out_proj: {} parameters.",
                        d_in, d_out, d_out, d_out, d_out, count));
    say.check("the count equals the number of values drawn above", count == held);
    const std::size_t gpt2_bias = ch04::multi_head_parameter_count(768, 768, 12, true);
    const std::size_t gpt2_no_bias = ch04::multi_head_parameter_count(768, 768, 12, false);
    const std::size_t gpt2_one_head = ch04::multi_head_parameter_count(768, 768, 1, true);
    say.say("A GPT-2-small-sized attention, d_in = d_out = 768, 12 heads of 64, context 1024:");
    say.line(fmt::format("    with Q/K/V biases (GPT-2 has them):   {}", gpt2_bias));
    say.line(fmt::format("    without Q/K/V biases:                 {}", gpt2_no_bias));
    say.line(fmt::format("    one head of 768 instead of 12 of 64:  {}", gpt2_one_head));
    say.line("");
    say.check("the number of heads does not change the count", gpt2_one_head == gpt2_bias);
    say.say(fmt::format("The causal mask of a 1024-token context holds {} numbers, but it is a buffer, "
                        "not a parameter: nothing trains it.",
                        1024 * 1024));

    say.say("Next: the exercises. Run `./workbook` to start them (it watches the current exercise and "
            "re-checks it on every save), or check one with `./workbook check 4.1`. Chapter 5 goes back to "
            "where attention began: encoder-decoder attention, queries from one sequence, keys and values "
            "from another.");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    wb::ChapterCli cli("ch04_multi_head_attention",
                       "Chapter 4: multi-head attention. Builds several causal heads side by side, then "
                       "the efficient version with one projection split into heads, and checks that "
                       "they agree, for \"Your journey starts with one step\" or your own sentence.");
    std::string text;
    long long seed = 123, dim = 3, heads = 2, d_out = 2, context_length = 0;
    CLI::App& app = cli.app();
    app.add_option("--text", text, "Use your own sentence; tokens are split on whitespace (at most 32)")
        ->type_name("TEXT");
    app.add_option("--seed", seed,
                   "Seed for the weights (and with --text the embeddings), as torch.manual_seed (default 123)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    auto* dim_opt = app.add_option("--dim", dim, "With --text: embedding size d_in, 1 to 64 (default 3)")
                        ->type_name("N")
                        ->transform(wb::decimal_integer());
    app.add_option("--heads", heads,
                   "Number of heads H, 1 to 64 (default 2)->transform(wb::decimal_integer()); must divide --d-out")
        ->type_name("H");
    app.add_option("--d-out", d_out,
                   "The efficient version's output size d_out, and each wrapper head's size, 1 to 64 (default 2)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    auto* context_opt = app.add_option("--context-length", context_length,
                                       "Longest sentence the causal mask is built for (default: the sentence's length)")
                            ->type_name("N")
                            ->transform(wb::decimal_integer());
    if (auto status = cli.parse(argc, argv)) return *status;

    if (seed < 0 || seed > 4294967295LL)
        return cli.usage_error(fmt::format("--seed {} is outside 0..4294967295", seed));
    if (heads < 1 || heads > max_dim)
        return cli.usage_error(fmt::format("--heads {} is outside 1..{}: a size must be positive", heads, max_dim));
    if (d_out < 1 || d_out > max_dim)
        return cli.usage_error(fmt::format("--d-out {} is outside 1..{}: a size must be positive", d_out, max_dim));
    if (d_out % heads != 0)
        return cli.usage_error(fmt::format("--heads {} does not divide --d-out {}: every head needs d_out / H "
                                           "columns, a whole number",
                                           heads, d_out));

    Settings s;
    s.seed = static_cast<std::uint32_t>(seed);
    s.heads = static_cast<std::size_t>(heads);
    s.d_out = static_cast<std::size_t>(d_out);
    if (app.count("--text") == 0) {
        if (dim_opt->count() > 0)
            return cli.usage_error("--dim chooses random embeddings for --text; the example sentence has fixed ones");
        s.tokens = {"Your", "journey", "starts", "with", "one", "step"};
        s.inputs = Matrix{{0.43, 0.15, 0.89}, {0.55, 0.87, 0.66}, {0.57, 0.85, 0.64},
                          {0.22, 0.58, 0.33}, {0.77, 0.25, 0.10}, {0.05, 0.80, 0.55}};
    } else {
        if (dim < 1 || dim > max_dim)
            return cli.usage_error(fmt::format("--dim {} is outside 1..{}: a size must be positive", dim, max_dim));
        if (const std::string why = wb::text_problem(text, max_tokens); !why.empty()) return cli.usage_error(why);
        s.tokens = wb::split_words(text);
        wb::TorchGenerator gen(s.seed);
        s.inputs = gen.rand(s.tokens.size(), static_cast<std::size_t>(dim));  // (T, d_in)
        s.source = fmt::format("torch.manual_seed({}); torch.rand({}, {})", seed, s.tokens.size(), dim);
    }
    const long long T = static_cast<long long>(s.tokens.size());
    if (context_opt->count() == 0) context_length = T;
    if (context_length < 1)
        return cli.usage_error(fmt::format("--context-length {} must be at least 1", context_length));
    if (T > context_length)
        return cli.usage_error(fmt::format("the sentence has {} tokens, more than --context-length {}: the causal "
                                           "mask has no rows for the rest",
                                           T, context_length));
    s.context_length = static_cast<std::size_t>(context_length);
    return wb::run_chapter([&] { return run(s, cli); });
}
