// Chapter 1 - simplified self-attention: attention with no trainable weights.
//
// Contract: walks the learner through one idea at a time and prints every intermediate tensor
// with a sentence of explanation:
//   1. the attention scores of one query by a loop of dot products;
//   2. three ways to turn scores into weights (divide by the sum, naive softmax, stable softmax),
//      and why only the last survives large scores;
//   3. the context vector of that query, the weighted sum of the inputs;
//   4. all scores (double loop = one matrix product), row-wise softmax, row sums, all context
//      vectors, a heatmap of the weights, and (stretch) hard attention and temperature.
// Each step is checked against the one before it and the check is printed ([ok]).
// The maths lives in the exercises' declarations (exercises/ch01/ch01.hpp); this program is
// linked against the reference solutions, so it shows what your exercises should compute.
// Not here: trainable weights (Chapter 2), masks (Chapter 3), heads (Chapter 4).
//
// Shapes: T tokens, d_in embedding size. inputs (T, d_in), scores (T, T), weights (T, T),
// contexts (T, d_in).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "ch01/ch01.hpp"
#include "wb/chapter.hpp"
#include "wb/example.hpp"
#include "wb/text.hpp"
#include "wb/torch_rng.hpp"

namespace {

using wb::Example;
using wb::max_abs_difference;
using wb::the_books_sentence;

using wb::Matrix;
using wb::Vector;

constexpr std::size_t max_tokens = 32;  // wider tables stop fitting a terminal
constexpr std::size_t max_dim = 64;

std::string vector_string(const Vector& v) {
    std::string s = "[";
    for (std::size_t k = 0; k < v.size(); ++k) s += fmt::format("{}{:.4f}", k ? ", " : "", v(k));
    return s + "]";
}

int run(const Example& ex, std::size_t q, const wb::ChapterCli& cli) {
    const wb::Narrator say(cli.color());
    const std::vector<std::string>& tokens = ex.tokens;
    const Matrix& inputs = ex.inputs;  // (T, d_in)
    const std::size_t T = inputs.shape(0), d_in = inputs.shape(1);
    const std::string query_name = tokens[q];
    const std::string xq = fmt::format("x^({})", q + 1);

    say.chapter("Chapter 1 - Simplified self-attention");
    say.say("Self-attention turns each token's embedding into a context vector: a blend of every "
            "token's embedding, weighted by how well it matches. In this chapter there are no "
            "trainable weights yet: each embedding plays query, key and value at once.");
    say.say(fmt::format("The input: {} tokens, each a {}-d embedding. Row i is x^(i+1): the docs "
                        "count tokens from 1, the code from 0.",
                        T, d_in));
    if (!ex.source.empty()) {
        say.line(fmt::format("    embeddings drawn as in PyTorch: {}", ex.source));
        say.line("");
    }
    say.show(wb::show(inputs, "inputs  X").rows(tokens).cols(wb::numbered_labels("dim ", d_in)));

    // ---- Step 1: the scores of one query, by a loop ------------------------------------------
    say.step("1", fmt::format("Attention scores of query {} (\"{}\"), by a loop", q + 1, query_name));
    say.say(fmt::format("The score of query {} against token j is the dot product {} . x^(j): "
                        "large when the two embeddings point the same way. For j = 1:",
                        q + 1, xq));
    // Factors and products with 4 decimals: the book's embeddings have 2, so their products are
    // exact; --text embeddings are rounded, and the line says so.
    std::string factors, products;
    for (std::size_t k = 0; k < d_in; ++k) {
        factors += fmt::format("{}{:.4f}*{:.4f}", k ? " + " : "", inputs(q, k), inputs(0, k));
        products += fmt::format("{}{:.4f}", k ? " + " : "", inputs(q, k) * inputs(0, k));
    }
    const Vector scores_q = ch01::attention_scores_for_query(inputs, q);  // (T)
    if (d_in <= 6) {
        say.hang(fmt::format("    {} . x^(1) = ", xq), factors);
        say.hang(fmt::format("    {:{}} = ", "", xq.size() + 8), fmt::format("{} = {:.4f}", products, scores_q(0)));
        if (!ex.source.empty()) say.line("    (every number rounded to 4 decimals)");
        say.line("");
    }
    say.say("One dot product per token gives one score per token:");
    say.show(wb::show(scores_q, fmt::format("scores of query {}  omega_{}j", q + 1, q + 1)).cols(tokens));

    // ---- Step 2: scores to weights, three ways -----------------------------------------------
    say.step("2", "From scores to attention weights: three ways to normalise");
    say.say("Weights should be positive and sum to 1, so the context vector is an average. "
            "(a) Divide by the sum:");
    const Vector by_sum = ch01::normalize_by_sum(scores_q);  // (T)
    say.show(wb::show(by_sum, "weights by sum").cols(tokens));
    say.say(fmt::format("They sum to {:.4f}. But a negative score gives a negative weight, and scores "
                        "that sum to zero divide by zero. With scores [1.0, -0.5, 0.2]:",
                        xt::sum(by_sum)()));
    const Vector mixed{1.0, -0.5, 0.2};
    say.show(wb::show(ch01::normalize_by_sum(mixed), "weights by sum of [1.0, -0.5, 0.2]"));

    say.say("(b) Softmax, exp(score) / sum of exp(scores): every weight is positive, they sum to 1, "
            "and larger scores win by more. The naive way:");
    const Vector naive = ch01::softmax_naive(scores_q);  // (T)
    say.show(wb::show(naive, "weights, naive softmax").cols(tokens));

    say.say("(c) The stable softmax subtracts the largest score first. softmax(s - c) = softmax(s) for "
            "any constant c, so the result is the same, but now every exp is at most 1:");
    const Vector weights_q = ch01::softmax_stable(scores_q);  // (T)
    say.show(wb::show(weights_q, fmt::format("attention weights of query {}  alpha_{}j", q + 1, q + 1)).cols(tokens));
    // Checks state the tolerance, not the exact difference: the last bits of a floating-point result
    // depend on the BLAS and libm a machine has, and the printed output must not.
    say.check("naive and stable softmax agree here (every difference below 1e-12)",
              max_abs_difference(naive, weights_q) < 1e-12);
    say.check(fmt::format("the weights sum to 1 ({:.6f})", xt::sum(weights_q)()),
              std::fabs(xt::sum(weights_q)() - 1.0) < 1e-12);

    say.say("Why the stable one is the one to use: exp(1000) does not fit in a double (the largest "
            "is about 1.8e308, exp(709.8)). Scores of 1000, 1001, 1002 make the naive softmax "
            "compute inf / inf:");
    const Vector large{1000.0, 1001.0, 1002.0};
    say.show(wb::show(ch01::softmax_naive(large), "naive softmax of [1000, 1001, 1002]"));
    say.show(wb::show(ch01::softmax_stable(large), "stable softmax of [1000, 1001, 1002]"));
    say.say("The stable result is exactly softmax([0, 1, 2]). Very negative scores fail the other "
            "way: exp(-1000) rounds to 0, and the naive softmax computes 0 / 0:");
    const Vector negative{-1000.0, -1001.0, -1002.0};
    say.show(wb::show(ch01::softmax_naive(negative), "naive softmax of [-1000, -1001, -1002]"));
    say.show(wb::show(ch01::softmax_stable(negative), "stable softmax of [-1000, -1001, -1002]"));

    // ---- Step 3: the context vector of one query ---------------------------------------------
    say.step("3", fmt::format("The context vector of query {} (\"{}\")", q + 1, query_name));
    say.say(fmt::format("The context vector z^({}) is the weighted sum of all inputs: "
                        "alpha_{}1 * x^(1) + ... + alpha_{}{} * x^({}). Token by token, each line "
                        "adds one weighted embedding to the running sum on its right:",
                        q + 1, q + 1, q + 1, T, T));
    say.line(fmt::format("      {:6}   {:8}      {}", "weight", "token", "running sum"));
    Vector running = xt::zeros<double>({d_in});  // (d_in)
    for (std::size_t j = 0; j < T; ++j) {
        const Vector x_j = xt::view(inputs, j, xt::all());  // (d_in)
        running += weights_q(j) * x_j;
        say.hang(fmt::format("    + {:.4f} * {}  ->  ", weights_q(j), wb::pad_right(tokens[j], 8)),
                 vector_string(running));
    }
    say.line("");
    const Vector context_q = ch01::context_vector(inputs, weights_q);  // (d_in)
    say.show(wb::show(context_q, fmt::format("context vector z^({})", q + 1)).cols(wb::numbered_labels("dim ", d_in)));
    say.check("the loop above and context_vector agree", max_abs_difference(running, context_q) < 1e-12);

    // ---- Step 4: every query at once --------------------------------------------------------
    say.step("4", "Every query at once");
    say.say("Step 1 for every query, by a double loop: row i holds the scores of query i+1.");
    Matrix scores_loop = xt::zeros<double>({T, T});  // (T, T)
    for (std::size_t i = 0; i < T; ++i) {
        const Vector row_i = ch01::attention_scores_for_query(inputs, i);  // (T)
        for (std::size_t j = 0; j < T; ++j) scores_loop(i, j) = row_i(j);
    }
    say.show(wb::show(scores_loop, "scores by loops  Omega").rows(tokens).cols(tokens));
    say.say("The same numbers come from one matrix product, Omega = X X^T: (T, d_in) times "
            "(d_in, T) gives (T, T).");
    const Matrix scores = ch01::attention_scores(inputs);  // (T, T)
    say.show(wb::show(scores, "scores by matrix product  Omega = X X^T").rows(tokens).cols(tokens));
    say.check("double loop and matrix product agree (every difference below 1e-12)",
              max_abs_difference(scores_loop, scores) < 1e-12);
    say.check(fmt::format("row {} equals the scores of step 1", q + 1),
              max_abs_difference(xt::xarray<double>(xt::view(scores, q, xt::all())), scores_q) < 1e-12);

    say.say("Softmax along each row (over the keys, axis 1): row i becomes the attention weights "
            "of query i+1.");
    const Matrix weights = ch01::softmax_rows(scores);  // (T, T)
    say.show(wb::show(weights, "attention weights  A = softmax_rows(Omega)").rows(tokens).cols(tokens));
    const Vector row_sums = xt::sum(weights, {1});  // (T)
    say.show(wb::show(row_sums, "row sums").cols(tokens));
    say.check("every row sums to 1", max_abs_difference(row_sums, xt::ones<double>({T})) < 1e-12);
    say.check(fmt::format("row {} equals the weights of step 2", q + 1),
              max_abs_difference(xt::xarray<double>(xt::view(weights, q, xt::all())), weights_q) < 1e-12);

    say.say("All context vectors in one more product, Z = A X: (T, T) times (T, d_in) gives (T, d_in).");
    const Matrix contexts = ch01::context_vectors(weights, inputs);  // (T, d_in)
    say.show(wb::show(contexts, "context vectors  Z = A X").rows(tokens).cols(wb::numbered_labels("dim ", d_in)));
    say.check(fmt::format("row {} equals the context vector of step 3", q + 1),
              max_abs_difference(xt::xarray<double>(xt::view(contexts, q, xt::all())), context_q) < 1e-12);

    say.say("The weights as a heatmap: each row is a query attending, each column a key attended "
            "to; darker means more weight. The colours run from 0 to the largest weight, since "
            "without trained weights no token stands out much.");
    wb::HeatmapStyle style;
    style.title = "attention weights";
    style.scale_to_max = true;
    style.row_labels = tokens;
    style.col_labels = tokens;
    say.heatmap(weights, style);
    if (!cli.svg_dir().empty()) {
        const std::string path = wb::write_heatmap_svg(cli.svg_dir(), "ch01-attention-weights.svg", weights, style);
        say.say(fmt::format("Wrote the heatmap to {} (open it in a browser).", path));
    }

    // ---- Step 5 (stretch): hard attention and temperature -----------------------------------
    say.step("5", "Stretch: hard attention and temperature");
    say.say("Hard attention puts all the weight on the best-scoring key (a one-hot row); soft "
            "attention spreads it. Hard attention of every query:");
    say.show(wb::show(ch01::hard_attention(scores), "hard attention weights").rows(tokens).cols(tokens).decimals(0));
    say.say(fmt::format("Dividing the scores by a temperature tau before the softmax moves between the "
                        "two: small tau sharpens towards hard attention, large tau flattens towards "
                        "uniform (1/{} = {:.4f} each). Query {} at five temperatures:",
                        T, 1.0 / static_cast<double>(T), q + 1));
    const std::vector<double> temperatures{0.1, 0.5, 1.0, 2.0, 10.0};
    Matrix sweep = xt::zeros<double>({temperatures.size(), T});  // (5, T)
    std::vector<std::string> tau_labels;
    for (std::size_t t = 0; t < temperatures.size(); ++t) {
        const Vector w = ch01::softmax_with_temperature(scores_q, temperatures[t]);  // (T)
        xt::view(sweep, t, xt::all()) = w;
        tau_labels.push_back(fmt::format("tau = {:g}", temperatures[t]));
    }
    say.show(wb::show(sweep, fmt::format("weights of query {} by temperature", q + 1)).rows(tau_labels).cols(tokens));
    say.say("Hard attention has no useful gradient: nudging a score changes nothing until the argmax "
            "flips, then everything jumps. Chapter 5 shows this numerically.");

    say.say("Next: the exercises. Run `./workbook` to start them (it watches the current exercise and "
            "re-checks it on every save), or check one with `./workbook check 1.1`. Chapter 2 adds "
            "trainable query, key and value weights.");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    wb::ChapterCli cli("ch01_simplified_self_attention",
                       "Chapter 1: simplified self-attention. Prints every step, from one attention "
                       "score to all context vectors, for \"Your journey starts with one step\" or "
                       "your own sentence.");
    std::string text;
    std::uint32_t seed = 123;
    std::size_t dim = 3;
    std::size_t query = 2;
    CLI::App& app = cli.app();
    app.add_option("--text", text, "Use your own sentence; tokens are split on whitespace (at most 32)")
        ->type_name("TEXT");
    auto* seed_opt =
        app.add_option("--seed", seed, "With --text: seed for the embeddings, as torch.manual_seed (default 123)")
            ->type_name("N")
            ->transform(wb::decimal_integer());
    auto* dim_opt = app.add_option("--dim", dim, "With --text: embedding size d_in, 1 to 64 (default 3)")
                        ->type_name("N")
                        ->check(CLI::Range(std::size_t{1}, max_dim).description(""))
                        ->transform(wb::decimal_integer());
    auto* query_opt =
        app.add_option("--query", query,
                       "Which token is the query in steps 1-3, counting from 1 (default 2, or 1 for a one-word --text)")
            ->type_name("N")
            ->check(CLI::Range(std::size_t{1}, max_tokens).description(""))
            ->transform(wb::decimal_integer());
    if (auto status = cli.parse(argc, argv)) return *status;

    Example ex;
    if (app.count("--text") == 0) {
        if (seed_opt->count() > 0 || dim_opt->count() > 0)
            return cli.usage_error("--seed and --dim choose random embeddings for --text; the example "
                                   "sentence has fixed embeddings");
        ex = the_books_sentence();
    } else {
        if (const std::string why = wb::text_problem(text, max_tokens); !why.empty()) return cli.usage_error(why);
        const std::vector<std::string> tokens = wb::split_words(text);
        ex = wb::random_embeddings(tokens, seed, dim);
    }
    const std::size_t T = ex.tokens.size();
    if (query_opt->count() == 0) query = std::min(query, T);  // the default, 2, needs two tokens
    if (query > T)
        return cli.usage_error(
            fmt::format("--query {} is outside 1..{} (the sentence has {} token{})", query, T, T, T == 1 ? "" : "s"));
    return wb::run_chapter([&] { return run(ex, query - 1, cli); });
}
