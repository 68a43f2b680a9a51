// Chapter 9 - a tiny GPT, trained in C++: heads that learn to look back, to copy, and to find what
// "it" refers to.
//
// Contract: trains Chapter 8's GPT stack (gpt_init, gpt_forward, gpt_backward) with the chapter's
// exercises (next-token pairs, the sequence cross-entropy, clipping by global norm, AdamW) on two
// made-up tasks, and turns the claims told about attention in language models into numbers:
//   1. next-token training: inputs and targets shifted by one, the loss at the start near ln V;
//   2. induction: random tokens in which a random block repeats; the loss on the first and on the
//      repeated occurrence as training goes (the phase change), every head's previous-token and
//      induction scores before and after, heatmaps of the best two heads, a one-layer model
//      trained the same way that never forms them, and a one-layer model trained on blocks that
//      always repeat at the same distance, which learns "look k back" instead;
//   3. generation from the trained model with Chapter 7's KV cache: greedy and sampled, equal at
//      every step to recomputing the prefix, continuing a repeat by copying;
//   4. coreference: a made-up language where only agreement tells which noun "it" or "they"
//      means; every head's antecedent accuracy before and after, the next-word accuracy after the
//      pronoun, a heatmap of the best head.
// Every weight and every sequence comes from the PyTorch-compatible generator;
// tests/torch/ch09_tasks.py and docs/listings/ch09_pytorch.py train the same models with autograd
// and torch.optim.AdamW. Numbers late in training are printed to 2 decimals: the digits a different
// order of summation (PyTorch's) leaves alone.
// Options: --seed, --steps, --layers, --heads, --task induction|coreference|all, --svg DIR, --full.
//
// Shapes: V the vocabulary, T the input length, d = 32, H heads of hd = d / H, B = 16 a step.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include <sched.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "ch08/ch08.hpp"
#include "ch09/ch09.hpp"
#include "ch09/tasks.hpp"
#include "wb/chapter.hpp"
#include "wb/chart.hpp"
#include "wb/heatmap.hpp"
#include "wb/print.hpp"
#include "wb/progress.hpp"
#include "wb/torch_rng.hpp"

namespace {

using wb::Matrix;
using wb::Vector;

constexpr std::size_t batch = 16;           // sequences a step
constexpr std::size_t induction_eval = 64;  // held-out sequences for the induction measurements
constexpr std::size_t sentence_eval = 200;  // held-out sentences for coreference
constexpr std::size_t fixed_offset = 6;     // the fixed-offset model's distance (and block length)
constexpr std::size_t fixed_steps = 300;    // ... and its training steps

// The chapter's configuration (tests/torch/ch09_tasks.py: induction_config, coreference_config).
struct Setup {
    ch08::GptConfig model;
    ch09::TrainingSettings training;
    std::size_t steps = 0;
};

Setup induction_setup(std::size_t layers, std::size_t heads, std::size_t steps, const ch09::InductionTask& task) {
    Setup s;
    s.model.vocab = task.vocab;
    s.model.context = task.T;
    s.model.d_model = 32;
    s.model.heads = heads;
    s.model.layers = layers;
    s.model.d_hidden = 64;
    s.model.positions = ch08::Positions::rope;
    s.training.adamw.lr = 3e-3;
    s.training.warmup = 50;
    s.training.clip = 1.0;
    s.steps = steps;
    return s;
}

Setup coreference_setup(std::size_t layers, std::size_t heads, std::size_t steps, std::size_t T) {
    Setup s = induction_setup(layers, heads, steps, ch09::InductionTask{});
    s.model.vocab = ch09::coreference_words().size();
    s.model.context = T;
    return s;
}

// The sequences of a batch run on as many threads as the process may use (at most 4; `taskset
// -c 0` makes it one). The result does not depend on it: gradients are summed in sequence order.
std::size_t thread_count() {
    std::size_t n = std::thread::hardware_concurrency();
#ifdef __linux__
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0) n = static_cast<std::size_t>(CPU_COUNT(&cpus));
#endif
    return std::clamp<std::size_t>(n, 1, 4);
}

// ---- Induction: data and measurements ------------------------------------------------------------

struct InductionSet {
    std::vector<ch09::InductionSequence> sequences;
};

InductionSet induction_set(const ch09::InductionTask& task, std::uint64_t seed, std::size_t n) {
    wb::TorchGenerator generator(seed);
    InductionSet set;
    for (std::size_t i = 0; i < n; ++i) set.sequences.push_back(ch09::induction_sequence(task, generator));
    return set;
}

ch09::TokenBatch tokens_of(const InductionSet& set) {
    ch09::TokenBatch b;
    for (const auto& s : set.sequences) b.push_back(s.tokens);
    return b;
}

// One head's attention pattern (T, T) from a forward pass.
const Matrix& pattern(const ch08::GptForward& f, std::size_t layer, std::size_t head) {
    return f.blocks[layer].attn.heads[head].weights;
}

struct HeadScores {
    std::size_t layer = 0, head = 0;
    double previous = 0.0;   // 9.5, the mean over the held-out sequences
    double induction = 0.0;  // 9.6 on the repeat, weighted by its L - 1 positions
};

struct InductionEval {
    double first_loss = 0.0;   // mean next-token loss on the block's first occurrence
    double repeat_loss = 0.0;  // ... and on its repeat
    std::vector<HeadScores> heads;
    double best_previous() const {
        double b = 0.0;
        for (const auto& h : heads) b = std::max(b, h.previous);
        return b;
    }
    double best_induction() const {
        double b = 0.0;
        for (const auto& h : heads) b = std::max(b, h.induction);
        return b;
    }
};

// The mean loss over the positions `where` of one sequence, times their count (a sum).
double loss_sum(const Matrix& logits, const std::vector<std::size_t>& targets, const std::vector<std::size_t>& where) {
    std::vector<bool> counted(targets.size(), false);
    for (std::size_t t : where) counted[t] = true;
    return ch09::sequence_cross_entropy(logits, targets, counted).loss * static_cast<double>(where.size());
}

InductionEval evaluate_induction(const ch08::GptParams& params, const ch08::GptConfig& config,
                                 const InductionSet& set) {
    InductionEval e;
    const ch09::NextTokenPairs pairs = ch09::next_token_pairs(tokens_of(set));
    const std::size_t L = config.layers, H = config.heads;
    for (std::size_t l = 0; l < L; ++l)
        for (std::size_t h = 0; h < H; ++h) e.heads.push_back(HeadScores{l, h, 0.0, 0.0});
    double first = 0.0, repeat = 0.0, counted = 0.0;
    for (std::size_t i = 0; i < set.sequences.size(); ++i) {
        const ch09::RepeatedBlock& b = set.sequences[i].block;
        const ch08::GptForward f = ch08::gpt_forward(params, config, pairs.inputs[i]);
        first += loss_sum(f.logits, pairs.targets[i], ch09::first_positions(b));
        repeat += loss_sum(f.logits, pairs.targets[i], ch09::repeat_positions(b));
        const double n = static_cast<double>(b.length - 1);
        counted += n;
        for (HeadScores& s : e.heads) {
            const Matrix& w = pattern(f, s.layer, s.head);
            s.previous += ch09::previous_token_score(w);
            // from each repeat token but the last, to the token after its earlier occurrence
            s.induction += ch09::induction_score(w, b.first, b.second, b.length - 1) * n;
        }
    }
    for (HeadScores& s : e.heads) {
        s.previous /= static_cast<double>(set.sequences.size());
        s.induction /= counted;
    }
    e.first_loss = first / counted;
    e.repeat_loss = repeat / counted;
    return e;
}

// ---- Coreference: data and measurements -------------------------------------------------------------

std::vector<ch09::CoreferenceSentence> sentence_set(std::size_t T, std::uint64_t seed, std::size_t n) {
    wb::TorchGenerator generator(seed);
    std::vector<ch09::CoreferenceSentence> s;
    for (std::size_t i = 0; i < n; ++i) s.push_back(ch09::coreference_sentence(T, generator));
    return s;
}

struct HeadAccuracy {
    std::size_t layer = 0, head = 0;
    double argmax = 0.0;     // 9.7: the pronoun's strongest attention over every word is the noun
    double two_nouns = 0.0;  // more weight on the right noun than on the other one (chance 0.5)
};

struct CoreferenceEval {
    double next_word = 0.0;  // how often the most likely word after the pronoun is the right one
    std::vector<HeadAccuracy> heads;
    std::size_t best() const {
        std::size_t b = 0;
        for (std::size_t i = 1; i < heads.size(); ++i)
            if (heads[i].two_nouns > heads[b].two_nouns) b = i;
        return b;
    }
};

CoreferenceEval evaluate_coreference(const ch08::GptParams& params, const ch08::GptConfig& config,
                                     const std::vector<ch09::CoreferenceSentence>& set) {
    CoreferenceEval e;
    const std::size_t L = config.layers, H = config.heads, n = set.size();
    std::vector<std::vector<Matrix>> weights(L * H);
    std::vector<std::size_t> pronoun, right;
    std::vector<double> two(L * H, 0.0);
    double correct = 0.0;
    for (const ch09::CoreferenceSentence& s : set) {
        const std::vector<std::size_t> inputs(s.tokens.begin(), s.tokens.end() - 1);
        const ch08::GptForward f = ch08::gpt_forward(params, config, inputs);
        const Vector row = xt::view(f.logits, s.pronoun, xt::all());  // (V)
        const auto best = static_cast<std::size_t>(std::max_element(row.begin(), row.end()) - row.begin());
        if (best == s.tokens[s.pronoun + 1]) correct += 1.0;
        pronoun.push_back(s.pronoun);
        right.push_back(s.right);
        for (std::size_t k = 0; k < L * H; ++k) {
            const Matrix& w = pattern(f, k / H, k % H);
            weights[k].push_back(w);
            if (w(s.pronoun, s.right) > w(s.pronoun, s.wrong)) two[k] += 1.0;
        }
    }
    e.next_word = correct / static_cast<double>(n);
    for (std::size_t k = 0; k < L * H; ++k)
        e.heads.push_back(HeadAccuracy{k / H, k % H, ch09::antecedent_accuracy(weights[k], pronoun, right),
                                       two[k] / static_cast<double>(n)});
    return e;
}

// ---- Training ----------------------------------------------------------------------------------

// A model's losses by step, and the measurements taken along the way.
struct Run {
    ch08::GptParams params;
    std::vector<double> losses;  // step 1 .. steps
    double seconds = 0.0;        // training time, measurements excluded
};

// Trains a model; `draw` makes step s's batch, `measure(step, params, loss)` is called at the
// steps in `at` (step 0: before training, with loss 0).
template <class Draw, class Measure>
Run train(const Setup& setup, std::uint64_t seed, const std::string& what, Draw draw,
          const std::vector<std::size_t>& at, Measure measure) {
    Run run;
    run.params = ch08::gpt_init(setup.model, seed);
    ch09::AdamWState state;
    ch09::TrainingSettings training = setup.training;
    training.threads = thread_count();
    const wb::Progress progress(what, setup.steps, 10);
    if (std::find(at.begin(), at.end(), 0) != at.end()) measure(0, run.params, 0.0);
    for (std::size_t step = 1; step <= setup.steps; ++step) {
        progress.at(step);
        const auto start = std::chrono::steady_clock::now();
        const ch09::TokenBatch sequences = draw();
        run.losses.push_back(ch09::train_step(run.params, setup.model, sequences, state, training, step).loss);
        run.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (std::find(at.begin(), at.end(), step) != at.end()) measure(step, run.params, run.losses.back());
    }
    return run;
}

// How long a model trained, on stderr: it changes from run to run, so it stays out of the captured
// output (docs/) that must not.
void report_time(const std::string& what, const Run& run, std::size_t steps) {
    std::fflush(stdout);  // after everything printed so far, when both go to one file
    fmt::print(stderr, "  {}: {} steps in {:.1f} s, {:.1f} ms a step ({} threads)\n", what, steps, run.seconds,
               1000.0 * run.seconds / static_cast<double>(steps), thread_count());
}

std::vector<std::size_t> every_tenth(std::size_t steps) {
    std::vector<std::size_t> at{0};
    for (std::size_t k = 1; k <= 10; ++k) at.push_back(steps * k / 10);
    at.erase(std::unique(at.begin(), at.end()), at.end());
    return at;
}

void write_file(const wb::Narrator& say, const std::string& dir, const std::string& name, const std::string& text) {
    const std::string path = dir + "/" + name;
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (f == nullptr) throw std::runtime_error(fmt::format("cannot write {}", path));
    std::fputs(text.c_str(), f);
    std::fclose(f);
    say.say(fmt::format("Wrote {}.", path));
}

// The loss curve in the terminal: the mean loss of each tenth of training, with a bar.
void print_curve(const wb::Narrator& say, const std::vector<double>& losses, double ln_v) {
    const std::size_t n = losses.size(), chunk = std::max<std::size_t>(1, n / 10);
    say.line("    steps          mean loss");
    for (std::size_t from = 0; from < n; from += chunk) {
        const std::size_t to = std::min(n, from + chunk);
        double sum = 0.0;
        for (std::size_t i = from; i < to; ++i) sum += losses[i];
        const double mean = sum / static_cast<double>(to - from);
        const auto bar = static_cast<std::size_t>(std::max(0.0, 40.0 * mean / ln_v + 0.5));
        say.line(fmt::format("    {:>5}-{:<5}  {:>9}  {}", from + 1, to, wb::format_number(mean, 2),
                             std::string(std::min<std::size_t>(bar, 44), '#')));
    }
    say.line("");
}

void show_heatmap(const wb::Narrator& say, const wb::ChapterCli& cli, const Matrix& weights,
                  const std::vector<std::string>& labels, const std::string& title, const std::string& file) {
    wb::HeatmapStyle style;
    style.title = title;
    style.row_labels = labels;
    style.col_labels = labels;
    style.decimals = 1;
    say.heatmap(weights, style);
    if (!cli.svg_dir().empty())
        say.say(fmt::format("Wrote {}.", wb::write_heatmap_svg(cli.svg_dir(), file, weights, style)));
}

std::vector<std::string> token_labels(const std::vector<std::size_t>& tokens) {
    std::vector<std::string> l;
    for (std::size_t t : tokens) l.push_back(std::to_string(t));
    return l;
}

std::string join(const std::vector<std::size_t>& tokens, std::size_t from, std::size_t to) {
    std::string s;
    for (std::size_t i = from; i < to; ++i) s += (i > from ? " " : "") + std::to_string(tokens[i]);
    return s;
}

// The targets hold after the default number of steps; a shorter run (--steps) says so instead
// of checking them.
void target(const wb::Narrator& say, bool trained, const std::string& claim, bool holds) {
    if (trained)
        say.check(claim, holds);
    else
        say.hang("  [not checked: too few steps] ", claim);
}

struct Options {
    std::uint64_t seed = 1;
    std::size_t steps = 0;  // 0: each task's default
    std::size_t layers = 2;
    std::size_t heads = 2;
    std::string task = "all";
    bool full = false;
};

// ---- The chapter ------------------------------------------------------------------------------------

struct InductionOutcome {
    InductionEval before, after;
    Run run;
};

InductionOutcome train_induction(const wb::Narrator& say, const Setup& setup, const ch09::InductionTask& task,
                                 std::uint64_t seed, const InductionSet& held_out, const std::string& what,
                                 bool print_table) {
    InductionOutcome out;
    wb::TorchGenerator data(seed + 1000);
    const auto draw = [&] {
        ch09::TokenBatch b;
        for (std::size_t i = 0; i < batch; ++i) b.push_back(ch09::induction_sequence(task, data).tokens);
        return b;
    };
    if (print_table) {
        say.line("     step   loss   first   repeat   best previous   best induction");
        say.line("                   (held-out loss)      (head score)    (head score)");
    }
    out.run = train(setup, seed, what, draw, every_tenth(setup.steps),
                    [&](std::size_t step, const ch08::GptParams& p, double last) {
                        const InductionEval e = evaluate_induction(p, setup.model, held_out);
                        if (step == 0) out.before = e;
                        out.after = e;
                        if (print_table) {
                            const std::string loss = step == 0 ? "    -" : wb::format_number(last, 2);
                            say.line(fmt::format(
                                "    {:>5}  {:>5}  {:>6}  {:>7}  {:>14}  {:>15}", step, loss,
                                wb::format_number(e.first_loss, 2), wb::format_number(e.repeat_loss, 2),
                                wb::format_number(e.best_previous(), 2), wb::format_number(e.best_induction(), 2)));
                        }
                    });
    if (print_table) say.line("");
    return out;
}

void print_head_table(const wb::Narrator& say, const InductionEval& before, const InductionEval& after) {
    say.line("    head          previous-token score      induction score");
    say.line("    (layer.head)   before     after         before     after");
    for (std::size_t k = 0; k < after.heads.size(); ++k) {
        const HeadScores& b = before.heads[k];
        const HeadScores& a = after.heads[k];
        say.line(fmt::format("    {:>3}.{:<9}  {:>6}    {:>6}        {:>6}    {:>6}", a.layer, a.head,
                             wb::format_number(b.previous, 2), wb::format_number(a.previous, 2),
                             wb::format_number(b.induction, 2), wb::format_number(a.induction, 2)));
    }
    say.line("");
}

std::size_t best_head(const InductionEval& e, bool induction) {
    std::size_t b = 0;
    for (std::size_t k = 1; k < e.heads.size(); ++k)
        if ((induction ? e.heads[k].induction : e.heads[k].previous) >
            (induction ? e.heads[b].induction : e.heads[b].previous))
            b = k;
    return b;
}

int run(const Options& o, const wb::ChapterCli& cli) {
    const wb::Narrator say(cli.color());
    say.chapter("Chapter 9 - A tiny GPT, trained");
    say.say("Chapter 8 built a GPT from blocks and checked its backward pass against autograd. Here it "
            "learns. Two made-up tasks turn three claims about attention in language models into "
            "numbers: that some heads learn to look one token back, that a second head then learns to "
            "find an earlier occurrence of the current token and copy what followed it (an induction "
            "head), and that a head can learn which noun a pronoun refers to. Every weight and every "
            "sequence comes from the PyTorch-compatible generator; tests/torch/ch09_tasks.py trains "
            "the same models with autograd and torch.optim.AdamW.");
    const bool induction = o.task != "coreference", coreference = o.task != "induction";
    const ch09::InductionTask task;  // V 32, T 16, blocks of 6 to 8 tokens
    const double ln_v = std::log(static_cast<double>(task.vocab));
    const std::size_t induction_steps = o.steps > 0 ? o.steps : (o.full ? 4000 : 1400);
    const std::size_t coreference_steps = o.steps > 0 ? o.steps : (o.full ? 1500 : 800);
    const Setup setup = induction_setup(o.layers, o.heads, induction_steps, task);
    const bool enough = induction_steps >= 1400;  // the targets need the default training
    const bool core_enough = coreference_steps >= 800;

    ch08::GptParams trained_induction;
    if (induction) {
        // ---- Step 1 -------------------------------------------------------------------------
        say.step("1", "Next-token training");
        say.say(fmt::format("A training sequence holds T + 1 = {} tokens. The model reads the first T and, at every "
                            "position t, predicts token t + 1: next_token_pairs (9.1) shifts the targets one place "
                            "left. The causal mask lets position t see tokens 0..t only, so one sequence is {} "
                            "training examples at once, each with its own prefix.",
                            task.T + 1, task.T));
        wb::TorchGenerator shown_gen(o.seed + 3000);
        const ch09::InductionSequence shown = ch09::induction_sequence(task, shown_gen);
        const ch09::NextTokenPairs pair = ch09::next_token_pairs({shown.tokens});
        say.line("    sequence  " + join(shown.tokens, 0, shown.tokens.size()));
        say.line("    inputs    " + join(pair.inputs[0], 0, task.T));
        say.line("    targets      " + join(pair.targets[0], 0, task.T));
        say.line("");
        say.say(fmt::format(
            "The task: {} random tokens in which a block of {} to {} tokens appears twice, at random "
            "places (here {} tokens from position {}, again from position {}). No other token occurs "
            "twice. On the first occurrence the next token is a fresh random draw; on the repeat it "
            "can be copied from the first, if the model finds it. The block's length and place vary: "
            "with a fixed distance the model could learn \"copy the token k back\" instead (step 4 shows it).",
            task.T + 1, task.block_min, task.block_max, shown.block.length, shown.block.first, shown.block.second));
        say.say(fmt::format("The model: V = {}, T = {}, d = {}, {} layers of {} heads, MLP width {}, RoPE positions, "
                            "tied head, {} parameters from torch.manual_seed({}). AdamW (9.4) with lr {} after {} "
                            "steps of linear warmup, weight decay {}, gradients clipped to a global norm of {} (9.3), "
                            "{} sequences a step, {} steps; sequences from the generator seeded {}, {} held-out ones "
                            "seeded {}.",
                            task.vocab, task.T, setup.model.d_model, setup.model.layers, setup.model.heads,
                            setup.model.d_hidden, ch08::parameter_count(setup.model), o.seed, setup.training.adamw.lr,
                            setup.training.warmup, setup.training.adamw.weight_decay, setup.training.clip, batch,
                            setup.steps, o.seed + 1000, induction_eval, o.seed + 2000));
        // The first losses, as the listing prints them
        const ch08::GptParams start = ch08::gpt_init(setup.model, o.seed);
        wb::TorchGenerator first_gen(o.seed + 1000);
        ch09::TokenBatch first_batch;
        for (std::size_t i = 0; i < batch; ++i) first_batch.push_back(ch09::induction_sequence(task, first_gen).tokens);
        ch08::GptParams grads;
        const double loss0 = ch09::batch_loss_and_gradient(start, setup.model, first_batch, grads, thread_count());
        say.say(fmt::format("Before training the model spreads its bets: the loss of the first batch is {}, close to "
                            "ln V = ln {} = {}, the loss of a uniform guess over the vocabulary.",
                            wb::format_number(loss0, 4), task.vocab, wb::format_number(ln_v, 4)));
        say.check(fmt::format("the first loss {} is within 0.2 of ln V = {}", wb::format_number(loss0, 4),
                              wb::format_number(ln_v, 4)),
                  std::fabs(loss0 - ln_v) < 0.2);

        // ---- Step 2 -------------------------------------------------------------------------
        say.step("2", "Induction: training, and the phase change");
        const InductionSet held_out = induction_set(task, o.seed + 2000, induction_eval);
        say.say("Every tenth of training, the held-out sequences are measured: the loss on the block's "
                "first occurrence (nothing to copy: it stays near ln V), the loss on its repeat, and "
                "the best head's previous-token score (9.5) and induction score (9.6).");
        InductionOutcome two = train_induction(say, setup, task, o.seed, held_out, "the two-layer model", true);
        report_time("the two-layer model", two.run, setup.steps);
        say.say("The first five losses, to compare with the PyTorch listing:");
        for (std::size_t i = 0; i < std::min<std::size_t>(5, two.run.losses.size()); ++i)
            say.line(fmt::format("    step {}: loss {:.4f}", i + 1, two.run.losses[i]));
        say.line("");
        say.say("The training loss, by tenths of training:");
        print_curve(say, two.run.losses, ln_v);
        say.say("The repeat's loss stays near ln V for a long time, then falls within a few hundred steps "
                "while the first occurrence's stays where it was: the phase change, the moment the two "
                "heads of the circuit form together. The numbers after the first steps are printed to 2 "
                "decimals: PyTorch sums in another order, and the last digits of such a long run differ.");

        // ---- Step 3 -------------------------------------------------------------------------
        say.step("3", "Which heads look back, which heads copy");
        print_head_table(say, two.before, two.after);
        const std::size_t bp = best_head(two.after, false), bi = best_head(two.after, true);
        say.say(fmt::format("Head {}.{} now looks one token back: a previous-token head. Head {}.{} looks, from each "
                            "token of the repeat, at the token that followed the same token the first time: an "
                            "induction head. The circuit needs both, in two layers: the first-layer head copies into "
                            "each position which token came before it; the second-layer head's query (the current "
                            "token) then matches a key that says \"the token before me was this one\", and its value "
                            "carries the token to predict. A one-layer model has no earlier layer to write \"what came "
                            "before me\" into the keys.",
                            two.after.heads[bp].layer, two.after.heads[bp].head, two.after.heads[bi].layer,
                            two.after.heads[bi].head));
        const ch09::InductionSequence& example = held_out.sequences[0];
        const std::vector<std::size_t> inputs(example.tokens.begin(), example.tokens.end() - 1);
        const ch08::GptForward f = ch08::gpt_forward(two.run.params, setup.model, inputs);
        say.say(fmt::format("On a held-out sequence (the block from position {}, again from {}):", example.block.first,
                            example.block.second));
        show_heatmap(say, cli, pattern(f, two.after.heads[bp].layer, two.after.heads[bp].head), token_labels(inputs),
                     fmt::format("previous-token head {}.{}", two.after.heads[bp].layer, two.after.heads[bp].head),
                     "ch09-previous-token-head.svg");
        show_heatmap(say, cli, pattern(f, two.after.heads[bi].layer, two.after.heads[bi].head), token_labels(inputs),
                     fmt::format("induction head {}.{}", two.after.heads[bi].layer, two.after.heads[bi].head),
                     "ch09-induction-head.svg");
        target(say, enough,
               fmt::format("the best induction score {} is at least 0.5",
                           wb::format_number(two.after.best_induction(), 2)),
               two.after.best_induction() >= 0.5);
        target(say, enough,
               fmt::format("the repeat's loss {} is below ln(V) / 4 = {}", wb::format_number(two.after.repeat_loss, 2),
                           wb::format_number(ln_v / 4, 2)),
               two.after.repeat_loss < ln_v / 4);

        // ---- Step 4 -------------------------------------------------------------------------
        say.step("4", "The same training, one layer");
        Setup one_setup = setup;
        one_setup.model.layers = 1;
        InductionOutcome one = train_induction(say, one_setup, task, o.seed, held_out, "the one-layer model", false);
        report_time("the one-layer model", one.run, one_setup.steps);
        print_head_table(say, one.before, one.after);
        say.say(fmt::format("The one-layer model's repeat loss is {} (the two-layer model's: {}); its first "
                            "occurrence's {}. It can learn which tokens have already been used, which lowers "
                            "both a little, but not where the block continues.",
                            wb::format_number(one.after.repeat_loss, 2), wb::format_number(two.after.repeat_loss, 2),
                            wb::format_number(one.after.first_loss, 2)));
        target(say, enough,
               fmt::format("its best induction score {} stays below 0.5",
                           wb::format_number(one.after.best_induction(), 2)),
               one.after.best_induction() < 0.5);
        target(say, enough,
               fmt::format("its repeat loss {} stays above ln(V) / 4 = {}", wb::format_number(one.after.repeat_loss, 2),
                           wb::format_number(ln_v / 4, 2)),
               one.after.repeat_loss >= ln_v / 4);
        if (!cli.svg_dir().empty())
            write_file(say, cli.svg_dir(), "ch09-induction-loss.svg",
                       wb::line_chart_svg({two.run.losses, one.run.losses}, {"two layers", "one layer"},
                                          "training loss (mean next-token cross-entropy)", 1));

        // The same one-layer model, on blocks that always repeat at the same distance
        ch09::InductionTask fixed_task = task;
        fixed_task.fixed_offset = fixed_offset;
        Setup fixed_setup = one_setup;
        fixed_setup.steps = std::min(fixed_steps, induction_steps);
        const InductionSet held_fixed = induction_set(fixed_task, o.seed + 2000, induction_eval);
        say.say(fmt::format("Why the block's length and place vary: the same one-layer model, trained for {} steps "
                            "on blocks of {} tokens repeated at once, always {} positions later. Copying the token "
                            "{} back is then right on every token of the repeat, and a single head can learn it "
                            "from positions alone (RoPE), with no earlier layer.",
                            fixed_setup.steps, fixed_offset, fixed_offset, fixed_offset - 1));
        const InductionOutcome fixed =
            train_induction(say, fixed_setup, fixed_task, o.seed, held_fixed, "the fixed-offset model", false);
        report_time("the fixed-offset model", fixed.run, fixed_setup.steps);
        const InductionEval moved = evaluate_induction(fixed.run.params, fixed_setup.model, held_out);
        say.line("    held-out sequences         repeat loss   best induction score");
        say.line(fmt::format("    repeated {} later (trained)  {:>9}   {:>20}", fixed_offset,
                             wb::format_number(fixed.after.repeat_loss, 2),
                             wb::format_number(fixed.after.best_induction(), 2)));
        say.line(fmt::format("    anywhere (as in step 2)     {:>9}   {:>20}", wb::format_number(moved.repeat_loss, 2),
                             wb::format_number(moved.best_induction(), 2)));
        say.line(fmt::format("    anywhere, two-layer model   {:>9}   {:>20}",
                             wb::format_number(two.after.repeat_loss, 2),
                             wb::format_number(two.after.best_induction(), 2)));
        say.line("");
        say.say(fmt::format(
            "On its own kind of sequence the fixed-offset model looks exactly where an induction head "
            "would, and its repeat loss is far below ln V. Moved elsewhere, its head keeps looking the same "
            "distance back and finds nothing to copy: its repeat loss, {}, is {} ln V = {}. It learned \"look "
            "k back\", not \"find the earlier occurrence\"; only a task whose distance varies "
            "tells the two apart.",
            wb::format_number(moved.repeat_loss, 2), moved.repeat_loss > ln_v ? "worse than" : "near",
            wb::format_number(ln_v, 2)));
        target(say, enough,
               fmt::format("with the distance moved, its induction score {} stays below 0.5",
                           wb::format_number(moved.best_induction(), 2)),
               moved.best_induction() < 0.5);

        // ---- Step 5 -------------------------------------------------------------------------
        say.step("5", "Generation with the KV cache");
        const ch09::InductionSequence& s = held_out.sequences[1];
        const std::size_t cut = s.block.second + 1;  // the prompt ends with the repeat's first token
        const std::vector<std::size_t> prompt(s.tokens.begin(), s.tokens.begin() + static_cast<std::ptrdiff_t>(cut));
        ch09::GenerationSettings greedy;
        greedy.new_tokens = s.block.length - 1;
        wb::TorchGenerator unused(0);
        const std::vector<std::size_t> out = ch09::generate(two.run.params, setup.model, prompt, greedy, unused);
        say.say(fmt::format("The prompt is a held-out sequence up to the first token of its repeat; the block "
                            "was {}. Greedy decoding (9.9) through Chapter 7's KV cache, one token at a time:",
                            join(s.tokens, s.block.first, s.block.first + s.block.length)));
        say.line("    prompt     " + join(prompt, 0, prompt.size()));
        say.line("    generated  " + join(out, prompt.size(), out.size()));
        say.line("");
        bool copied = true;
        for (std::size_t i = 1; i < s.block.length; ++i)
            copied = copied && out[cut + i - 1] == s.tokens[s.block.first + i];
        target(say, enough, "the model continues the repeat by copying the block", copied);
        // cached logits against recomputing the prefix, at every step
        ch09::GptCache cache = ch09::make_gpt_cache(two.run.params, setup.model, out.size());
        double worst = 0.0;
        for (std::size_t t = 0; t < out.size(); ++t) {
            const Vector cached = ch09::gpt_cached_step(cache, two.run.params, setup.model, out[t]);
            const std::vector<std::size_t> prefix(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(t + 1));
            const ch08::GptForward full = ch08::gpt_forward(two.run.params, setup.model, prefix);
            for (std::size_t v = 0; v < cached.size(); ++v)
                worst = std::max(worst, std::fabs(cached(v) - full.logits(t, v)));
        }
        say.check("the cached logits equal recomputing the whole prefix at every step (to 1e-12)", worst < 1e-12);
        ch09::GenerationSettings sampled;
        sampled.new_tokens = s.block.length - 1;
        sampled.greedy = false;
        sampled.temperature = 0.7;
        sampled.top_k = 3;
        wb::TorchGenerator draws(o.seed + 4000);
        const std::vector<std::size_t> sample = ch09::generate(two.run.params, setup.model, prompt, sampled, draws);
        say.say(fmt::format("Sampling instead (9.8), temperature 0.7, top-k 3, draws from the generator "
                            "seeded {}:",
                            o.seed + 4000));
        say.line("    sampled    " + join(sample, prompt.size(), sample.size()));
        say.line("");
        trained_induction = two.run.params;
    }

    if (coreference) {
        // ---- Step 6 -------------------------------------------------------------------------
        say.step("6", "What \"it\" refers to");
        const std::size_t T = 14;
        const Setup cs = coreference_setup(o.layers, o.heads, coreference_steps, T);
        const std::vector<std::string>& words = ch09::coreference_words();
        const std::vector<ch09::CoreferenceSentence> held = sentence_set(T, o.seed + 2000, sentence_eval);
        say.say("A made-up language: two nouns, one singular and one plural, of two of 16 kinds (cat, "
                "dog, owl, ...; cats, dogs, ...), in either order with filler words around them, then "
                "\"it\" or \"they\" and what the kind it means does (purr, bark, hoot, ...: the same word "
                "for one or many), and later the other pronoun and what the other kind does. Only "
                "agreement says which noun a pronoun means. For example:");
        for (std::size_t i = 0; i < 3; ++i) {  // wrapped at 80 columns
            std::string line = "   ";
            for (std::size_t t : held[i].tokens) {
                if (line.size() + 1 + words[t].size() > 78) {
                    say.line(line);
                    line = "     ";
                }
                line += " " + words[t];
            }
            say.line(line);
        }
        say.line("");
        say.say(fmt::format("The model is the same stack (V = {}, T = {}, {} layers of {} heads), trained "
                            "the same way for {} steps on next-word prediction only: which noun a pronoun "
                            "means never enters the loss. Each head is measured on {} held-out sentences: "
                            "how often, from the pronoun, it puts more weight on the right noun than on "
                            "the other (chance: 0.5), and how often its strongest weight over all the words "
                            "lands on the right noun (9.7).",
                            cs.model.vocab, T, cs.model.layers, cs.model.heads, cs.steps, sentence_eval));
        wb::TorchGenerator data(o.seed + 1000);
        const auto draw = [&] {
            ch09::TokenBatch b;
            for (std::size_t i = 0; i < batch; ++i) b.push_back(ch09::coreference_sentence(T, data).tokens);
            return b;
        };
        CoreferenceEval before, after;
        const Run run = train(cs, o.seed, "the coreference model", draw, {0, cs.steps},
                              [&](std::size_t step, const ch08::GptParams& p, double) {
                                  (step == 0 ? before : after) = evaluate_coreference(p, cs.model, held);
                              });
        say.line("    head           right noun over the other    strongest weight on it");
        say.line("    (layer.head)      before      after            before      after");
        for (std::size_t k = 0; k < after.heads.size(); ++k)
            say.line(
                fmt::format("    {:>3}.{:<9}      {:>6}     {:>6}            {:>6}     {:>6}", after.heads[k].layer,
                            after.heads[k].head, wb::format_number(before.heads[k].two_nouns, 2),
                            wb::format_number(after.heads[k].two_nouns, 2),
                            wb::format_number(before.heads[k].argmax, 2), wb::format_number(after.heads[k].argmax, 2)));
        say.line("");
        const HeadAccuracy& best = after.heads[after.best()];
        report_time("the coreference model", run, cs.steps);
        say.say(fmt::format("Next-word accuracy after the pronoun: {} before training, {} after.",
                            wb::format_number(before.next_word, 2), wb::format_number(after.next_word, 2)));
        const ch09::CoreferenceSentence& c = held[0];
        const std::vector<std::size_t> inputs(c.tokens.begin(), c.tokens.end() - 1);
        const ch08::GptForward f = ch08::gpt_forward(run.params, cs.model, inputs);
        std::vector<std::string> labels;
        for (std::size_t t : inputs) labels.push_back(words[t]);
        show_heatmap(say, cli, pattern(f, best.layer, best.head), labels,
                     fmt::format("head {}.{}, from the pronoun", best.layer, best.head), "ch09-coreference-head.svg");
        target(say, core_enough,
               fmt::format("head {}.{} prefers the right noun in {} of the sentences (at least 0.9)", best.layer,
                           best.head, wb::format_number(best.two_nouns, 2)),
               best.two_nouns >= 0.9);
        target(say, core_enough,
               fmt::format("the next word after the pronoun is right in {} of them (at least 0.95)",
                           wb::format_number(after.next_word, 2)),
               after.next_word >= 0.95);
        say.say("The loss never named the antecedent: the head found it because attending to the noun "
                "that agrees with the pronoun is what predicts the next word. With 16 kinds, guessing from "
                "a mixture of both nouns does not work: the model has to pick one. Still, the weights only "
                "show where information can flow, not what is done with it; that the head is how the model "
                "decides is shown by the next-word accuracy rising with it, not by the heatmap alone.");
    }
    (void)trained_induction;
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef __GLIBC__
    // Training allocates and frees the same few hundred kilobytes thousands of times; glibc would
    // hand the memory back to the system and fault it in again every step (a third of the time).
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
    wb::ChapterCli cli("ch09_tiny_gpt",
                       "Chapter 9: a tiny GPT trained in C++ - previous-token and induction heads, a one-layer "
                       "model that cannot form them, generation with the KV cache, and a head that finds what "
                       "\"it\" refers to.");
    long long seed = 1, steps = 0, layers = 2, heads = 2;
    std::string task = "all";
    bool full = false;
    CLI::App& app = cli.app();
    app.add_option("--seed", seed,
                   "Seed for the weights, as torch.manual_seed; training data use seed + 1000, held-out "
                   "data seed + 2000 (default 1)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--steps", steps,
                   "Training steps of every model, 1 to 20000 (default: 1400 for induction, 800 for "
                   "coreference; --full: 4000 and 1500)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--layers", layers, "Layers of the main models, 1 to 4 (default 2)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--heads", heads, "Heads per layer, 1, 2, 4 or 8 (default 2; d = 32)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--task", task, "induction, coreference or all (default all)")->type_name("TASK");
    app.add_flag("--full", full, "Train longer (4000 and 1500 steps)");
    if (auto status = cli.parse(argc, argv)) return *status;
    if (seed < 0 || seed > 4294967295LL)
        return cli.usage_error(fmt::format("--seed {} is outside 0..4294967295", seed));
    if (app.count("--steps") > 0 && (steps < 1 || steps > 20000))
        return cli.usage_error(fmt::format("--steps {} is outside 1..20000", steps));
    if (layers < 1 || layers > 4) return cli.usage_error(fmt::format("--layers {} is outside 1..4", layers));
    if (heads != 1 && heads != 2 && heads != 4 && heads != 8)
        return cli.usage_error(fmt::format("--heads {} is not 1, 2, 4 or 8 (heads must divide d = 32 into even "
                                           "head sizes for RoPE)",
                                           heads));
    if (task != "induction" && task != "coreference" && task != "all")
        return cli.usage_error(fmt::format("--task {} is not induction, coreference or all", task));
    Options o;
    o.seed = static_cast<std::uint64_t>(seed);
    o.steps = static_cast<std::size_t>(steps);
    o.layers = static_cast<std::size_t>(layers);
    o.heads = static_cast<std::size_t>(heads);
    o.task = task;
    o.full = full;
    return wb::run_chapter([&] { return run(o, cli); });
}
