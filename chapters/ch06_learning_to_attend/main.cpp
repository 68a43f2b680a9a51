// Chapter 6 - learning to attend: gradients by hand, and alignments nobody labelled.
//
// Contract: shows, one printed step at a time, how attention is trained:
//   1. the softmax's backward pass: its Jacobian diag(p) - p p^T, and the O(T) vector-Jacobian
//      product p * (g - <p, g>) that never builds it, both checked by central differences;
//   2. backward through scaled dot-product attention, with and without the causal mask: dV, the
//      weights' gradient, the scores' gradient (exactly 0 where masked), dQ and dK, checked by
//      central differences;
//   3. backward through a whole multi-head layer (Chapter 4's, with its output projection);
//   4. a small encoder-decoder with attention, trained on target words only, learning the
//      alignment between two made-up languages: the loss curve, the heatmap of a held-out sentence
//      before and after, and the alignment accuracy on held-out sentences;
//   5. the same decoder without attention (the bottleneck: its context is the encoder's last
//      state), trained the same way: its word accuracy by sentence length beside the attention
//      model's, the one falling and the other holding;
//   6. hard (argmax) attention: no gradient reaches the scores, so its alignment does not learn;
//      the same hard attention sampling its position and trained by REINFORCE does learn.
// Every weight and every sentence comes from the PyTorch-compatible generator; tests/torch/ch06.py
// and docs/listings/ch06_pytorch.py train the same model with autograd and torch.optim.Adam.
// Options: --steps N (training steps, default 300), --seed N, --hidden N (the RNN state size).
//
// Shapes: T words in a sentence (3 to 10, the same in both languages), E = 16 (a word
// embedding), H = --hidden (an RNN state; also d_k), V = 27 target words, 16 sentences a step.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "ch06/ch06.hpp"
#include "wb/chapter.hpp"
#include "wb/chart.hpp"
#include "wb/example.hpp"
#include "wb/ops.hpp"
#include "wb/progress.hpp"
#include "wb/text.hpp"
#include "wb/torch_rng.hpp"

namespace {

using wb::Matrix;
using wb::max_abs_difference;
using wb::Vector;

constexpr std::size_t n_test = 500;                // held-out sentences
constexpr std::size_t min_steps_for_claims = 200;  // steps 4-6 check their targets from here on

// torch.manual_seed(seed); torch.rand(rows, cols) * 2 - 1, as tests/torch/ch06.py's rand().
Matrix rand_matrix(std::uint64_t seed, std::size_t rows, std::size_t cols) {
    wb::TorchGenerator gen(seed);
    Matrix m = gen.rand(rows, cols) * 2.0 - 1.0;
    return m;
}

Vector flat(const Matrix& m) {
    Vector v = xt::zeros<double>({m.size()});
    std::copy(m.begin(), m.end(), v.begin());
    return v;
}

Matrix unflat(const Vector& v, std::size_t rows, std::size_t cols) {
    Matrix m = xt::zeros<double>({rows, cols});
    std::copy(v.begin(), v.end(), m.begin());
    return m;
}

double sum_of_products(const Matrix& a, const Matrix& b) {
    double s = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a.data()[i] * b.data()[i];
    return s;
}

std::vector<std::string> words_of(const std::vector<std::size_t>& ids, const std::vector<std::string>& vocabulary) {
    std::vector<std::string> out;
    for (std::size_t id : ids) out.push_back(vocabulary[id]);
    return out;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

// How a trained model does on the held-out sentences.
struct Evaluation {
    double alignment = 0.0;  // alignment_accuracy (6.9), 0 without attention
    std::vector<std::size_t> hits_by_len = std::vector<std::size_t>(11);   // (11) words guessed right, by T
    std::vector<std::size_t> words_by_len = std::vector<std::size_t>(11);  // (11) target words, by T
    std::vector<std::size_t> count_by_len = std::vector<std::size_t>(11);  // (11) sentences, by T

    // Word accuracy pooled over the sentences of `low` to `high` words; -1 if there are none.
    double accuracy(std::size_t low = 0, std::size_t high = 10) const {
        std::size_t hits = 0, words = 0;
        for (std::size_t T = low; T <= high; ++T) hits += hits_by_len[T], words += words_by_len[T];
        return words == 0 ? -1.0 : double(hits) / double(words);
    }
};

Evaluation evaluate(const ch06::TranslationModel& model, const std::vector<ch06::SentencePair>& test) {
    Evaluation e;
    std::vector<Matrix> weights;
    std::vector<std::vector<std::size_t>> gold;
    for (const auto& pair : test) {
        const auto r = model.forward(pair);
        const std::size_t T = pair.target.size();
        for (std::size_t t = 0; t < T; ++t) e.hits_by_len[T] += r.guesses[t] == pair.target[t] ? 1 : 0;
        e.words_by_len[T] += T;
        e.count_by_len[T] += 1;
        weights.push_back(r.weights);
        gold.push_back(pair.alignment);
    }
    if (model.config().attending != ch06::Attending::none) e.alignment = ch06::alignment_accuracy(weights, gold);
    return e;
}

// One model's losses by step, from one run or from several runs whose rounding differs.
using Curve = std::vector<std::vector<double>>;

// How runs that differ only in rounding print a number: with 4 decimals where they all agree to
// 4 decimals, otherwise as the range they span ("0.27..0.30"), rounded outwards to one decimal
// more than the spread's first significant digit (at most 3).
std::string agreed(const std::vector<double>& runs) {
    const double low = *std::min_element(runs.begin(), runs.end());
    const double high = *std::max_element(runs.begin(), runs.end());
    if (wb::format_number(low, 4) == wb::format_number(high, 4)) return wb::format_number(runs[0], 4);
    const int d = std::clamp(static_cast<int>(std::floor(-std::log10(high - low))) + 1, 1, 3);
    const double unit = std::pow(10.0, d);
    return fmt::format("{:.{}f}..{:.{}f}", std::floor(low * unit) / unit, d, std::ceil(high * unit) / unit, d);
}

// Step `i` of every run of `curve`.
std::vector<double> at_step(const Curve& curve, std::size_t i) {
    std::vector<double> values;
    for (const auto& run : curve) values.push_back(run[i]);
    return values;
}

// The loss curve in the terminal: one row of the table per sampled step.
void print_curve(const wb::Narrator& say, const std::vector<Curve>& curves, const std::vector<std::string>& names) {
    const std::size_t steps = curves[0][0].size();
    const std::size_t every = std::max<std::size_t>(1, steps / 10);
    std::string header = "    step ";
    for (const auto& n : names) header += fmt::format("  {:>12}", n);
    say.line(header);
    double high = 0.0;
    for (const auto& c : curves)
        for (double x : c[0]) high = std::max(high, x);
    const auto row = [&](std::size_t i) {
        std::string line = fmt::format("    {:>4} ", i);
        for (const auto& c : curves) line += fmt::format("  {:>12}", agreed(at_step(c, i)));
        return line;
    };
    const double bar = std::min(20.0, 78.0 - static_cast<double>(header.size()));  // the longest bar, in columns
    for (std::size_t i = 0; i < steps; i += every)
        say.line(row(i) + "  " + std::string(static_cast<std::size_t>(bar * curves[0][0][i] / high + 0.5), '#'));
    say.line(row(steps - 1));
    say.line("");
}

// The first five training losses, as the PyTorch listing prints them.
void print_first_losses(const wb::Narrator& say, const std::vector<double>& losses) {
    for (std::size_t i = 0; i < std::min<std::size_t>(5, losses.size()); ++i)
        say.line(fmt::format("    step {}: loss {:.4f}", i, losses[i]));
    say.line("");
}

struct Training {
    std::vector<double> losses;
    double max_abs_d_scores = 0.0;  // over every step
    double max_abs_d_W_query = 0.0;
};

Training train(ch06::TranslationModel& model, const std::vector<ch06::SentencePair>& data, std::size_t steps,
               const std::string& what) {
    Training out;
    const std::size_t B = model.config().batch, H = model.config().hidden;
    const wb::Progress progress(what, steps, 5);  // "training the sampled model: step 121 of 300"
    for (std::size_t step = 0; step < steps; ++step) {
        progress.at(step + 1);
        const std::vector<ch06::SentencePair> batch(data.begin() + step * B, data.begin() + (step + 1) * B);
        double largest = 0.0;
        out.losses.push_back(model.loss_and_gradient(batch, &largest));
        out.max_abs_d_scores = std::max(out.max_abs_d_scores, largest);
        for (std::size_t i = 0; i < H * H; ++i)
            out.max_abs_d_W_query = std::max(out.max_abs_d_W_query, std::fabs(model.grads()(model.query_offset() + i)));
        model.adam_step();
    }
    return out;
}

void show_heatmap(const wb::Narrator& say, const wb::ChapterCli& cli, const Matrix& weights,
                  const ch06::SentencePair& pair, const std::string& title, const std::string& file) {
    wb::HeatmapStyle style;
    style.title = title;
    style.row_labels = words_of(pair.target, ch06::target_vocabulary());
    style.col_labels = words_of(pair.source, ch06::source_vocabulary());
    say.heatmap(weights, style);
    if (!cli.svg_dir().empty())
        say.say(fmt::format("Wrote {}.", wb::write_heatmap_svg(cli.svg_dir(), file, weights, style)));
}

// Training with sampled positions is chaotic, and so, in long runs, is the argmax model's: a
// difference in the last bit of one number (another order of summation, as PyTorch's) flips a
// draw or an argmax sooner or later, and from then on the runs part. So these models are trained
// three times: as configured, and with Adam's learning rate one unit in the last place below and
// above (rounding-sized changes). A number is printed only as far as the three agree (agreed()).
// Up to chaos_from steps one run is enough: the runs agree there far beyond 4 decimals.
constexpr std::size_t chaos_from = 100;

struct Chaotic {
    std::vector<Training> trainings;  // [0]: the run as configured
    std::vector<Evaluation> after;    // each run's evaluation on the held-out sentences
    std::vector<Matrix> shown;        // each run's weights (T, T) for the shown sentence
    std::vector<double> baselines;    // each run's baseline at the end (the sampled model's)

    Curve losses() const {
        Curve c;
        for (const auto& t : trainings) c.push_back(t.losses);
        return c;
    }
    template <class F> std::vector<double> each(F f) const {
        std::vector<double> v;
        for (std::size_t k = 0; k < trainings.size(); ++k) v.push_back(f(k));
        return v;
    }
};

Chaotic train_chaotic(ch06::ModelConfig config, std::uint32_t seed, const std::vector<ch06::SentencePair>& data,
                      std::size_t steps, const std::vector<ch06::SentencePair>& test, const ch06::SentencePair& shown,
                      const std::string& what) {
    Chaotic out;
    const double lr = config.lr;
    std::vector<double> rates{lr};
    if (steps > chaos_from) rates = {lr, std::nextafter(lr, 0.0), std::nextafter(lr, 1.0)};
    for (std::size_t k = 0; k < rates.size(); ++k) {
        config.lr = rates[k];
        ch06::TranslationModel model(config, seed);
        out.trainings.push_back(
            train(model, data, steps, k == 0 ? what : fmt::format("{} (run {} of {})", what, k + 1, rates.size())));
        out.after.push_back(evaluate(model, test));
        out.shown.push_back(model.forward(shown).weights);
        out.baselines.push_back(model.baseline());
    }
    return out;
}

int run(std::size_t steps, std::uint32_t seed, std::size_t hidden, const wb::ChapterCli& cli) {
    const wb::Narrator say(cli.color());
    say.chapter("Chapter 6 - Learning to attend");
    say.say("Chapters 1-5 computed attention with weights someone chose. Here the weights are learnt: "
            "gradients flow back through the softmax, the scores, the queries and the keys, and a small "
            "translation model discovers which source word each target word comes from, although no "
            "alignment is ever shown to it. Every gradient below is written by hand and matches PyTorch's "
            "autograd (tests/torch/ch06.py).");

    // ---- Step 1: the softmax's backward pass ------------------------------------------------
    say.step("1", "The softmax's backward pass");
    const Vector z = {2.0, 1.0, 0.1, -1.0};   // (T) scores
    const Vector g = {0.5, -1.0, 0.25, 2.0};  // (T) dL/dweights, from whatever comes next
    Matrix z_row = xt::zeros<double>({std::size_t{1}, z.size()});
    xt::view(z_row, 0, xt::all()) = z;
    const Vector p = xt::view(wb::softmax_rows(z_row), 0, xt::all());  // (T) weights
    const std::vector<std::string> cols = wb::numbered_labels("z", 4, 1);
    say.show(wb::show(xt::xtensor<double, 2>(xt::stack(xt::xtuple(z, p, g))), "one row: scores, weights, gradient")
                 .rows({"scores z", "weights p", "dL/dp = g"})
                 .cols(cols));
    say.say("Each weight depends on every score: dp_i/dz_j = p_i (delta_ij - p_j). As a matrix, the "
            "Jacobian J = diag(p) - p p^T (exercise 6.1):");
    const Matrix J = ch06::softmax_jacobian(p);
    say.show(wb::show(J, "J = diag(p) - p p^T  (T, T)").rows(wb::numbered_labels("p", 4, 1)).cols(cols));
    Vector J_times_g = xt::zeros<double>({z.size()});  // (T) J^T g, by the full matrix: O(T^2)
    for (std::size_t j = 0; j < z.size(); ++j)
        for (std::size_t i = 0; i < z.size(); ++i) J_times_g(j) += J(i, j) * g(i);
    const Vector vjp = ch06::softmax_backward(p, g);  // (T) p * (g - <p, g>): O(T)
    const auto loss_of_scores = [&](const Vector& scores) {
        Matrix row = xt::zeros<double>({std::size_t{1}, scores.size()});
        xt::view(row, 0, xt::all()) = scores;
        const Matrix w = wb::softmax_rows(row);
        double s = 0.0;
        for (std::size_t i = 0; i < scores.size(); ++i) s += w(0, i) * g(i);
        return s;  // L = <softmax(z), g>, whose gradient is exactly J^T g
    };
    const ch06::GradientCheck check1 = ch06::gradient_check(loss_of_scores, z, vjp, 1e-5);
    say.show(
        wb::show(xt::xtensor<double, 2>(xt::stack(xt::xtuple(J_times_g, vjp, check1.numerical))), "dL/dz three ways")
            .rows({"J^T g (full matrix)", "p * (g - <p,g>)", "central differences"})
            .cols(cols)
            .decimals(6));
    say.check("J is symmetric, so J^T g = J g: there is no wrong side to apply it on",
              max_abs_difference(J, xt::transpose(J)) == 0.0);
    say.check("the vector-Jacobian product equals J^T g (below 1e-15)", max_abs_difference(J_times_g, vjp) < 1e-15);
    // The error itself is rounding noise (it changes with the compiler and the maths library), so
    // the checks print the bound it stays under, not its digits.
    say.check("central differences agree (largest relative error below 1e-8)", check1.max_relative_error < 1e-8);
    say.check("the gradient of the scores sums to 0 (below 1e-15): adding a constant to every score changes no "
              "weight",
              std::fabs(xt::sum(vjp)()) < 1e-15);
    say.say("The product p * (g - <p, g>) costs O(T) per row; the Jacobian costs O(T^2) to build and to "
            "apply. A training step of attention over T keys does this for every query row.");

    // ---- Step 2: backward through attention -------------------------------------------------
    say.step("2", "Backward through scaled dot-product attention");
    say.say("The forward pass, numbered: 1. scores = Q K^T / sqrt(d_k); 2. weights = softmax of each "
            "row; 3. output = weights V. Given dO = dL/doutput, the backward walks it in reverse: "
            "3. dweights = dO V^T, dV = weights^T dO (exercise 6.4); 2. dscores = the softmax's "
            "backward, row by row; 1. dQ = dscores K / sqrt(d_k), dK = dscores^T Q / sqrt(d_k) "
            "(exercise 6.5). Random Q (4, 3), K (5, 3), V (5, 2), dO (4, 2): T_q = 4 queries, T_k = 5 keys.");
    for (const bool causal : {false, true}) {
        const std::size_t T_q = causal ? 5 : 4;
        const std::uint64_t base = causal ? 21 : 11;
        const Matrix Q = rand_matrix(base, T_q, 3), K = rand_matrix(base + 1, 5, 3);
        const Matrix V = rand_matrix(base + 2, 5, 2), dO = rand_matrix(base + 3, T_q, 2);
        const ch06::AttentionForward fwd = ch06::attention_forward(Q, K, V, causal);
        const ch06::ValuesBackward vb = ch06::attention_backward_values(fwd.weights, V, dO);
        const ch06::ScoresBackward sb = ch06::attention_backward_scores(Q, K, fwd.weights, vb.d_weights);
        if (causal)
            say.say("The same with Chapter 3's causal mask (T_q = T_k = 5, new random numbers): masked "
                    "scores are -inf, their weights exactly 0.");
        const std::vector<std::string> qs = wb::numbered_labels("q", T_q, 1), ks = wb::numbered_labels("k", 5, 1);
        say.show(wb::show(fwd.weights, "weights (T_q, T_k)").rows(qs).cols(ks));
        say.show(wb::show(vb.d_weights, "dweights = dO V^T").rows(qs).cols(ks));
        say.show(wb::show(sb.d_scores, "dscores").rows(qs).cols(ks));
        if (!causal) {
            say.show(wb::show(sb.d_queries, "dQ = dscores K / sqrt(3)").rows(qs));
            say.show(wb::show(sb.d_keys, "dK = dscores^T Q / sqrt(3)").rows(ks));
            say.show(wb::show(vb.d_values, "dV = weights^T dO").rows(ks));
        }
        // L = sum(output * dO) has exactly the gradients above; check each input by differences.
        double worst = 0.0;
        for (int which = 0; which < 3; ++which) {
            const Matrix& X = which == 0 ? Q : which == 1 ? K : V;
            const Matrix& analytic = which == 0 ? sb.d_queries : which == 1 ? sb.d_keys : vb.d_values;
            const auto L = [&](const Vector& x) {
                const Matrix moved = unflat(x, X.shape(0), X.shape(1));
                const ch06::AttentionForward f = ch06::attention_forward(which == 0 ? moved : Q, which == 1 ? moved : K,
                                                                         which == 2 ? moved : V, causal);
                return sum_of_products(f.output, dO);
            };
            worst = std::max(worst, ch06::gradient_check(L, flat(X), flat(analytic), 1e-5).max_relative_error);
        }
        say.check(fmt::format("{}: dQ, dK and dV agree with central differences (largest relative error below 1e-7)",
                              causal ? "causal" : "no mask"),
                  worst < 1e-7);
        Vector row_sums = xt::sum(sb.d_scores, {1});  // (T_q)
        say.check("every row of dscores sums to 0", xt::amax(xt::abs(row_sums))() < 1e-15);
        if (causal) {
            bool zero = true;
            for (std::size_t i = 0; i < T_q; ++i)
                for (std::size_t j = i + 1; j < 5; ++j) zero = zero && sb.d_scores(i, j) == 0.0;
            say.check("every masked score gets a gradient of exactly 0 (its weight is exactly 0)", zero);
        }
    }

    // ---- Step 3: the layers -----------------------------------------------------------------
    say.step("3", "Backward through a whole layer: Chapter 4's multi-head attention");
    say.say("W_query, W_key, W_value and the output projection are linear layers y = x W^T + b, whose "
            "backward is dx = dy W, dW = dy^T x, db = the column sums of dy (exercise 6.6). Chapter 4's "
            "layer on \"Your journey starts with one step\": d_in = 3, d_out = 4, 2 heads, causal, "
            "weights from torch.manual_seed(123), a random dL/doutput from torch.manual_seed(124).");
    const wb::Example sentence = wb::the_books_sentence();
    ch06::AttentionLayer layer;
    {
        wb::TorchGenerator gen(123);
        layer.W_query = gen.linear_weight(3, 4);
        layer.W_key = gen.linear_weight(3, 4);
        layer.W_value = gen.linear_weight(3, 4);
        layer.W_out = gen.linear_weight(4, 4);
        layer.b_out = gen.linear_bias(4, 4);
        layer.heads = 2;
        layer.causal = true;
    }
    const Matrix d_layer = rand_matrix(124, 6, 4);  // (T, d_out)
    const ch06::AttentionLayerGrads lg = ch06::attention_layer_backward(layer, sentence.inputs, d_layer);
    say.show(wb::show(lg.d_W_query, "dW_query (d_out, d_in)"));
    say.show(wb::show(lg.d_W_out, "dW_out (d_out, d_out)"));
    say.show(wb::show(lg.d_inputs, "dinputs (T, d_in)").rows(sentence.tokens));
    const auto layer_loss = [&](const Vector& w) {
        ch06::AttentionLayer moved = layer;
        moved.W_query = unflat(w, 4, 3);
        return sum_of_products(ch06::attention_layer_forward(moved, sentence.inputs), d_layer);
    };
    const double layer_error =
        ch06::gradient_check(layer_loss, flat(layer.W_query), flat(lg.d_W_query), 1e-5).max_relative_error;
    say.check("dW_query agrees with central differences (largest relative error below 1e-7)", layer_error < 1e-7);

    // ---- Step 4: learning an alignment ------------------------------------------------------
    say.step("4", "Learning an alignment that nobody labelled");
    const auto& src_vocab = ch06::source_vocabulary();
    const auto& tgt_vocab = ch06::target_vocabulary();
    say.say(fmt::format("Two made-up languages with {} words each. The source says [det] [adj] noun verb [adj] "
                        "noun [prep [adj] noun] [adverb]; the target translates word for word, with one rule: "
                        "every adjective follows its noun. For example:",
                        src_vocab.size()));
    const std::vector<ch06::SentencePair> data = ch06::make_sentences(seed + 1, steps * 16);
    const std::vector<ch06::SentencePair> test = ch06::make_sentences(seed + 2, n_test);
    for (std::size_t s = 0; s < 3; ++s) {
        const std::string source = joined(words_of(test[s].source, src_vocab));
        const std::string target = joined(words_of(test[s].target, tgt_vocab));
        const std::string line = fmt::format("    {:<40} ->  {}", source, target);
        if (wb::display_width(line) <= 80) {
            say.line(line);
        } else {  // a long pair: the translation on a line of its own
            say.line("    " + source);
            say.line("      ->  " + target);
        }
    }
    say.line("");
    ch06::ModelConfig config;
    config.hidden = hidden;
    say.say(fmt::format("The model (Chapter 5's pieces): word embeddings (E = {}), an Elman RNN encoder over the "
                        "source, an Elman RNN decoder over the previous target words started from the encoder's last "
                        "state, Luong-style attention with scores = (S W_query^T) H_enc^T / sqrt({}), and a "
                        "read-out from [decoder state, context] to the {} target words. Loss: the mean "
                        "cross-entropy of the target words. The alignment is never part of the loss. Adam "
                        "(lr = {}), {} sentences a step, {} steps, torch.manual_seed({}) for the weights, "
                        "{} for the training sentences and {} for {} held-out ones.",
                        config.d_embed, hidden, tgt_vocab.size(), config.lr, config.batch, steps, seed, seed + 1,
                        seed + 2, n_test));
    ch06::TranslationModel soft(config, seed);
    // The heatmaps show the first held-out sentence of 7 or more words in which the rule swaps words.
    std::size_t shown_index = 0;
    for (std::size_t s = test.size(); s-- > 0;) {
        bool swaps = false;
        for (std::size_t t = 0; t < test[s].alignment.size(); ++t) swaps = swaps || test[s].alignment[t] != t;
        if (swaps && test[s].source.size() >= 7) shown_index = s;
    }
    const ch06::SentencePair& shown = test[shown_index];
    const Evaluation soft_before = evaluate(soft, test);
    show_heatmap(say, cli, soft.forward(shown).weights, shown, "before training", "ch06-alignment-before.svg");
    const Training soft_run = train(soft, data, steps, "the soft model");
    const Evaluation soft_after = evaluate(soft, test);
    config.attending = ch06::Attending::none;
    ch06::TranslationModel bottleneck(config, seed);
    const Evaluation none_before = evaluate(bottleneck, test);
    const Training none_run = train(bottleneck, data, steps, "the model without attention");
    const Evaluation none_after = evaluate(bottleneck, test);
    config.attending = ch06::Attending::hard;
    const Evaluation hard_before = evaluate(ch06::TranslationModel(config, seed), test);
    const Chaotic hard_runs = train_chaotic(config, seed, data, steps, test, shown, "the argmax model");
    const Training& hard_run = hard_runs.trainings[0];
    config.attending = ch06::Attending::sampled;
    const Evaluation sampled_before = evaluate(ch06::TranslationModel(config, seed), test);
    // Exercise 6.10 is a stretch: with `./workbook run 6 --mine` before it is written, the sampled
    // model is left out and the rest of the chapter still runs.
    std::optional<Chaotic> sampled_runs;
    std::string not_done;
    try {
        sampled_runs = train_chaotic(config, seed, data, steps, test, shown, "the sampled model");
    } catch (const wb::NotDoneYet& e) {
        not_done = e.what();
    }
    (void)none_before;

    say.say("The first training losses (PyTorch's autograd and torch.optim.Adam give the same numbers, "
            "to 1e-9; the tests check 20 steps):");
    print_first_losses(say, soft_run.losses);
    std::vector<Curve> curves{{soft_run.losses}, {none_run.losses}, hard_runs.losses()};
    std::vector<std::string> short_names{"soft", "no attn", "argmax"};
    std::vector<std::string> long_names{"soft attention", "no attention", "argmax attention"};
    if (sampled_runs) {
        curves.push_back(sampled_runs->losses());
        short_names.push_back("sampled");
        long_names.push_back("sampled (REINFORCE)");
    }
    say.say(fmt::format("The loss curves of the {} models of this chapter (steps 5 and 6 explain the others; "
                        "the bars follow the soft model):",
                        curves.size() == 4 ? "four" : "three"));
    print_curve(say, curves, short_names);
    if (!cli.svg_dir().empty()) {
        const std::string path = (std::filesystem::path(cli.svg_dir()) / "ch06-loss-curve.svg").string();
        std::vector<std::vector<double>> first_runs;  // the first run of each model
        for (const Curve& runs : curves) first_runs.push_back(runs[0]);
        std::ofstream(path) << wb::line_chart_svg(first_runs, long_names,
                                                  "training loss (mean cross-entropy per target word)", 0);
        say.say(fmt::format("Wrote {}.", path));
    }
    show_heatmap(say, cli, soft.forward(shown).weights, shown, "after training", "ch06-alignment-after.svg");
    say.say("Read the rows: each target word looks at the source word it translates, and where an "
            "adjective and its noun swap places, the weights swap too. Nobody told the model; the "
            "alignment was the easiest way to predict the next word.");
    say.line(fmt::format("alignment accuracy on {} held-out sentences: {:.4f} (before training {:.4f})", n_test,
                         soft_after.alignment, soft_before.alignment));
    say.line("");
    const bool claims = steps >= min_steps_for_claims;
    if (claims)
        say.check("the trained model's alignment accuracy is at least 0.95", soft_after.alignment >= 0.95);
    else
        say.say(fmt::format("(With {} steps the program shows the numbers but checks no target: the claims of "
                            "steps 4-6 are made from {} steps on.)",
                            steps, min_steps_for_claims));

    // ---- Step 5: the bottleneck -------------------------------------------------------------
    say.step("5", "The bottleneck, measured by training");
    say.say("The same model without attention: at every step its read-out sees [decoder state, the "
            "encoder's last state] (the encoder-decoder of Cho et al., 2014), and the decoder starts "
            "from that state too. So the whole source sentence reaches it through one vector of "
            "H numbers. Trained the same way, with the same steps and sentences. Held-out word "
            "accuracy by sentence length:");
    std::vector<std::string> length_rows;
    std::vector<double> table;
    double worst_attention = 1.0;
    for (std::size_t T = 3; T <= 10; ++T) {
        const std::size_t n = soft_after.count_by_len[T];
        if (n == 0) continue;
        length_rows.push_back(fmt::format("T = {} ({} sentences)", T, n));
        table.push_back(soft_after.accuracy(T, T));
        table.push_back(none_after.accuracy(T, T));
        worst_attention = std::min(worst_attention, soft_after.accuracy(T, T));
    }
    Matrix by_length = xt::zeros<double>({length_rows.size(), std::size_t{2}});
    std::copy(table.begin(), table.end(), by_length.begin());
    say.show(wb::show(by_length, "word accuracy").rows(length_rows).cols({"attention", "last state only"}));
    const double none_short = none_after.accuracy(3, 4), none_long = none_after.accuracy(9, 10);
    say.line(
        fmt::format("last state only: {:.4f} on sentences of 3-4 words, {:.4f} on 9-10 words", none_short, none_long));
    say.line(fmt::format("word accuracy over all lengths: attention {:.4f}, last state only {:.4f}",
                         soft_after.accuracy(), none_after.accuracy()));
    say.line("");
    if (claims) {
        say.check("attention holds: at least 0.95 word accuracy at every length", worst_attention >= 0.95);
        say.check("the bottleneck falls: more than 0.05 lower on 9-10 words than on 3-4 words",
                  none_long + 0.05 < none_short);
        say.check("attention beats the bottleneck on the longest sentences by more than 0.3",
                  by_length(by_length.shape(0) - 1, 0) > by_length(by_length.shape(0) - 1, 1) + 0.3);
    }
    say.say("Without attention the model does best on short sentences and worse with every few extra "
            "words: the encoder must squeeze the whole sentence into one fixed-size state, each new word "
            "overwriting part of what the earlier ones left, and the decoder must dig every word back "
            "out of it. With attention the decoder reads each source state directly, so the length of "
            "the sentence hardly matters. The measurement Bahdanau, Cho and Bengio (2015) made on real "
            "translation, at toy scale. (The bottleneck is not only capacity: even the short sentences are "
            "far from solved, because learning to store and retrieve words through one vector is a harder "
            "problem than learning to look.)");

    // ---- Step 6: hard attention -------------------------------------------------------------
    say.step("6", "Why hard attention cannot be trained this way");
    say.say("The same model with hard attention: weights one-hot at the argmax of the scores. The "
            "argmax is a step function of the scores: flat almost everywhere, so its derivative is 0 and "
            "backpropagation delivers nothing to the scores, the queries or W_query. The values still get "
            "a gradient (the attended state is used), so the rest of the model learns a little.");
    say.line(fmt::format("largest |dL/dscores| over {} steps: {}   largest |dL/dW_query|: {}", steps,
                         hard_run.max_abs_d_scores, hard_run.max_abs_d_W_query));
    say.line(fmt::format("largest |dL/dscores| for soft attention, for comparison: {:.4f}", soft_run.max_abs_d_scores));
    const std::vector<double> hard_after = hard_runs.each([&](std::size_t k) { return hard_runs.after[k].alignment; });
    say.line(fmt::format("hard attention's alignment accuracy: {:.4f} before training, {} after", hard_before.alignment,
                         agreed(hard_after)));
    say.line("");
    bool no_gradient = true;
    for (const Training& t : hard_runs.trainings)
        no_gradient = no_gradient && t.max_abs_d_scores == 0.0 && t.max_abs_d_W_query == 0.0;
    say.check("no gradient reaches the hard model's scores or W_query (exactly 0)", no_gradient);
    if (claims)
        say.check("hard attention's alignment accuracy stays far below the soft model's (by more than 0.5)",
                  *std::max_element(hard_after.begin(), hard_after.end()) + 0.5 < soft_after.alignment);
    say.say("Its accuracy moves a little only because the encoder and decoder states it scores change for "
            "other reasons (through the values).");
    say.say("The way out keeps the hard choice but makes it random: while training, each target word "
            "draws its source position from the softmax of its scores (a policy), attends to that one "
            "state, and then asks how the draw turned out. The probability of a draw does have a "
            "gradient: d log p_j / dscores = onehot(j) - p. REINFORCE (Williams, 1992) moves the scores "
            "along it, scaled by how much worse than usual the draw did: dscores = (loss - baseline) * "
            "(onehot(j) - p) (exercise 6.10), with the running mean of the loss as the baseline. On "
            "average over draws this is exactly the gradient of the expected loss; the baseline changes "
            "its noise, not its mean. Xu et al. (2015) trained hard attention this way. The same model "
            "and sentences, with positions drawn by torch.Generator().manual_seed(seed + 3):");
    if (!sampled_runs) {
        say.say(fmt::format("({}. Step 6 leaves the sampled model out until then.)", not_done));
        say.say("Next: the exercises. Run `./workbook` to start them, or check one with `./workbook check 6.1`.");
        return 0;
    }
    say.say("Its first training losses (the listing in the docs, with PyTorch's autograd of the surrogate "
            "(loss - baseline) * log p(draw), gives the same numbers; the tests check 20 steps to 1e-9):");
    const Chaotic& sr = *sampled_runs;
    print_first_losses(say, sr.trainings[0].losses);
    print_curve(say, {{soft_run.losses}, sr.losses()}, {"soft", "sampled"});
    say.line(fmt::format("largest |dL/dscores| over {} steps: {}", steps,
                         agreed(sr.each([&](std::size_t k) { return sr.trainings[k].max_abs_d_scores; }))));
    say.line(fmt::format("baseline at the end: {}", agreed(sr.baselines)));
    // The policy's weights are printed with as many decimals as the runs agree on (at most 2).
    double policy_spread = 0.0;
    for (const Matrix& w : sr.shown) policy_spread = std::max(policy_spread, max_abs_difference(w, sr.shown[0]));
    const int policy_decimals = policy_spread < 0.004 ? 2 : policy_spread < 0.04 ? 1 : 0;
    wb::HeatmapStyle policy_style;
    policy_style.title = "sampled attention's policy after training";
    policy_style.row_labels = words_of(shown.target, ch06::target_vocabulary());
    policy_style.col_labels = words_of(shown.source, ch06::source_vocabulary());
    policy_style.decimals = policy_decimals;
    say.heatmap(sr.shown[0], policy_style);
    if (!cli.svg_dir().empty())
        say.say(fmt::format("Wrote {}.", wb::write_heatmap_svg(cli.svg_dir(), "ch06-alignment-sampled.svg", sr.shown[0],
                                                               policy_style)));
    const std::vector<double> sampled_after = sr.each([&](std::size_t k) { return sr.after[k].alignment; });
    say.line(fmt::format("sampled attention's alignment accuracy: {:.4f} before training, {} after",
                         sampled_before.alignment, agreed(sampled_after)));
    say.line(fmt::format("(soft attention: {:.4f})", soft_after.alignment));
    say.line("");
    if (claims)
        say.check("REINFORCE learns an alignment: its accuracy ends more than 0.4 above the argmax model's",
                  *std::min_element(sampled_after.begin(), sampled_after.end()) >
                      *std::max_element(hard_after.begin(), hard_after.end()) + 0.4);
    say.say("It learns, but more slowly and more noisily than soft attention: one draw per word is a noisy "
            "estimate of a gradient that soft attention computes exactly. That is why soft attention "
            "became the default, and why hard attention is used when reading every position is too "
            "expensive.");
    if (steps > chaos_from)
        say.say(fmt::format(
            "Why some numbers of this step are ranges: sampling magnifies rounding. A change in the last bit "
            "of one number (another order of summation, as PyTorch's or your own exercise's) moves a "
            "probability slightly; sooner or later one draw, or one argmax, lands on the other side and that "
            "word trains on a different position, and from then on the runs part: the difference grows about "
            "tenfold every 15 steps. So the argmax and sampled models were trained three times, with Adam's "
            "learning rate one unit in the last place below and above {}, and a number is printed with 4 "
            "decimals only where all three agree, otherwise as the range they span; the policy's heatmap "
            "shows the {} they agree on. The first steps agree far beyond that, which is why the tests "
            "check 20 steps to 1e-9.",
            ch06::ModelConfig{}.lr, policy_decimals == 1 ? "1 decimal" : fmt::format("{} decimals", policy_decimals)));

    say.say("Next: the exercises. Run `./workbook` to start them, or check one with `./workbook check 6.1`.");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    wb::ChapterCli cli("ch06_learning_to_attend",
                       "Chapter 6: the softmax's and attention's backward passes, checked by finite differences, "
                       "and a small translation model that learns an alignment nobody labelled.");
    long long steps = 300, hidden = 16, seed = 123;
    CLI::App& app = cli.app();
    app.add_option("--steps", steps, "Training steps for each model, 20 to 2000 (default 300)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--seed", seed,
                   "Seed for the weights, as torch.manual_seed; the training sentences use seed + 1, the "
                   "held-out ones seed + 2, the sampled model's draws seed + 3 (default 123)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--hidden", hidden,
                   "The RNN state size H, 16 to 64 (default 16; below 16 the models miss the chapter's targets)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    if (auto status = cli.parse(argc, argv)) return *status;
    if (steps < 20 || steps > 2000) return cli.usage_error(fmt::format("--steps {} is outside 20..2000", steps));
    if (seed < 0 || seed > 4294967295LL)
        return cli.usage_error(fmt::format("--seed {} is outside 0..4294967295", seed));
    if (hidden < 16 || hidden > 64)
        return cli.usage_error(fmt::format("--hidden {} is outside 16..64: with fewer than 16 the models do not "
                                           "reach the chapter's targets (with 8, alignment accuracy below 0.95)",
                                           hidden));
    return wb::run_chapter([&] {
        return run(static_cast<std::size_t>(steps), static_cast<std::uint32_t>(seed), static_cast<std::size_t>(hidden),
                   cli);
    });
}
