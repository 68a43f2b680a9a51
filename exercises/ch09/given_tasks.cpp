// Given code for Chapter 9: the two training tasks' data and one training step.
//
// Contract (declared in exercises/ch09/tasks.hpp): the sequences are drawn exactly as
// tests/torch/ch09_tasks.py draws them (same generator, same uniforms, same order), so the PyTorch
// oracle sees the same batches; the training step is next_token_pairs (9.1), Chapter 8's
// gpt_forward, sequence_cross_entropy (9.2), gpt_backward, clip_grad_norm (9.3) and adamw_step
// (9.4) - your code, with no new backward pass. Not here: the evaluation of heads (the chapter
// program does it with 9.5-9.7). You do not need to change this file.
#include "ch09/tasks.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace ch09 {

namespace {

// floor(u n), kept below n (u < 1 always; the guard only mirrors the Python).
std::size_t index_of(double u, std::size_t n) {
    return std::min(static_cast<std::size_t>(u * static_cast<double>(n)), n - 1);
}

}  // namespace

InductionSequence induction_sequence(const InductionTask& task, wb::TorchGenerator& generator) {
    const std::size_t n = task.T + 1;  // tokens in a sequence
    const std::size_t L_max = task.fixed_offset > 0 ? task.fixed_offset : task.block_max;
    const std::size_t L_min = task.fixed_offset > 0 ? task.fixed_offset : task.block_min;
    if (L_min == 0 || L_min > L_max || 2 * L_max > n)
        throw std::invalid_argument(
            fmt::format("induction_sequence: blocks of {} to {} tokens, twice, in {} tokens", L_min, L_max, n));
    if (task.vocab + L_min < n)
        throw std::invalid_argument(
            fmt::format("induction_sequence: {} distinct tokens needed, V = {}", n - L_min, task.vocab));
    const Vector u = generator.rand(3 + n);  // (T + 4) float32 uniforms, held in doubles
    InductionSequence s;
    RepeatedBlock& b = s.block;
    if (task.fixed_offset > 0) {
        b.length = task.fixed_offset;
        b.first = index_of(u(1), n - 2 * b.length + 1);
        b.second = b.first + b.length;
    } else {
        b.length = task.block_min + index_of(u(0), task.block_max - task.block_min + 1);
        b.first = index_of(u(1), n - 2 * b.length + 1);  // room for both copies after it
        const std::size_t room = n - b.length - (b.first + b.length);
        b.second = b.first + b.length + index_of(u(2), room + 1);
    }
    std::vector<std::size_t> pool(task.vocab);  // the token ids not used yet, ascending
    for (std::size_t v = 0; v < task.vocab; ++v) pool[v] = v;
    s.tokens.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
        if (t >= b.second && t < b.second + b.length) {
            s.tokens[t] = s.tokens[b.first + (t - b.second)];  // the copy
        } else {
            const std::size_t i = index_of(u(3 + t), pool.size());
            s.tokens[t] = pool[i];
            pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(i));
        }
    }
    return s;
}

std::vector<std::size_t> first_positions(const RepeatedBlock& block) {
    std::vector<std::size_t> p;
    for (std::size_t i = 0; i + 1 < block.length; ++i) p.push_back(block.first + i);
    return p;
}

std::vector<std::size_t> repeat_positions(const RepeatedBlock& block) {
    std::vector<std::size_t> p;
    for (std::size_t i = 0; i + 1 < block.length; ++i) p.push_back(block.second + i);
    return p;
}

const std::vector<std::string>& coreference_words() {
    static const std::vector<std::string> words{
        "cat",   "dog",   "owl",    "fox",    "cow",   "bee",    "hen",  "duck",  "frog",  "lion",   "wolf",   "horse",
        "goat",  "snake", "mouse",  "crow",   "cats",  "dogs",   "owls", "foxes", "cows",  "bees",   "hens",   "ducks",
        "frogs", "lions", "wolves", "horses", "goats", "snakes", "mice", "crows", "purr",  "bark",   "hoot",   "yelp",
        "moo",   "buzz",  "cluck",  "quack",  "croak", "roar",   "howl", "neigh", "bleat", "hiss",   "squeak", "caw",
        "it",    "they",  "the",    "and",    "near",  "saw",    "then", "here",  "today", "slowly", "."};
    return words;
}

CoreferenceSentence coreference_sentence(std::size_t T, wb::TorchGenerator& generator) {
    if (T < 9) throw std::invalid_argument(fmt::format("coreference_sentence: T = {} is shorter than 9", T));
    constexpr std::size_t kinds = coreference_kinds, plural = kinds, predicate = 2 * kinds, it = 3 * kinds,
                          they = it + 1, filler = it + 2, full_stop = filler + 8;
    const std::size_t n = T + 1;
    const Vector u = generator.rand(8 + n);  // (T + 9)
    const std::size_t singular_kind = index_of(u(0), kinds);
    std::vector<std::size_t> others;
    for (std::size_t k = 0; k < kinds; ++k)
        if (k != singular_kind) others.push_back(k);
    const std::size_t plural_kind = others[index_of(u(1), kinds - 1)];
    const bool singular_first = u(2) < 0.5;
    const bool it_first = u(3) < 0.5;
    const std::size_t p1 = index_of(u(4), n - 9);                // [0, T - 9]
    const std::size_t p2 = p1 + 2 + index_of(u(5), n - 9 - p1);  // [p1 + 2, T - 7]
    const std::size_t pp = p2 + 2 + index_of(u(6), n - 7 - p2);  // [p2 + 2, T - 5]
    const std::size_t pq = pp + 3 + index_of(u(7), n - 5 - pp);  // [pp + 3, T - 2]
    CoreferenceSentence s;
    s.tokens.assign(n, full_stop + 1);  // not a word: marks the free positions
    s.tokens[p1] = singular_first ? singular_kind : plural + plural_kind;
    s.tokens[p2] = singular_first ? plural + plural_kind : singular_kind;
    // each pronoun, then what the kind it means does, then "."
    const auto clause = [&](std::size_t at, bool is_it) {
        s.tokens[at] = is_it ? it : they;
        s.tokens[at + 1] = predicate + (is_it ? singular_kind : plural_kind);
        s.tokens[at + 2] = full_stop;
    };
    clause(pp, it_first);
    clause(pq, !it_first);
    for (std::size_t t = 0; t < n; ++t)
        if (s.tokens[t] == full_stop + 1) s.tokens[t] = filler + index_of(u(8 + t), 8);
    s.pronoun = pp;
    s.right = it_first == singular_first ? p1 : p2;
    s.wrong = s.right == p1 ? p2 : p1;
    return s;
}

double batch_loss_and_gradient(const ch08::GptParams& params, const ch08::GptConfig& config,
                               const TokenBatch& sequences, ch08::GptParams& grads, std::size_t threads) {
    const NextTokenPairs pairs = next_token_pairs(sequences);
    const std::size_t B = pairs.inputs.size();
    if (B == 0) throw std::invalid_argument("batch_loss_and_gradient: an empty batch");
    std::vector<ch08::GptParams> each(B);  // each sequence's gradient
    std::vector<double> losses(B, 0.0);
    const auto work = [&](std::size_t worker, std::size_t workers) {
        for (std::size_t b = worker; b < B; b += workers) {
            const ch08::GptForward forward = ch08::gpt_forward(params, config, pairs.inputs[b]);
            CrossEntropy ce = sequence_cross_entropy(forward.logits, pairs.targets[b]);  // mean over T
            losses[b] = ce.loss;
            const Matrix d_logits = ce.d_logits / static_cast<double>(B);  // (T, V): the mean over B too
            each[b] = ch08::gpt_backward(params, config, forward, d_logits);
        }
    };
    const std::size_t workers = std::max<std::size_t>(1, std::min(threads, B));
    if (workers == 1) {
        work(0, 1);
    } else {
        std::vector<std::thread> pool;
        for (std::size_t w = 0; w < workers; ++w) pool.emplace_back(work, w, workers);
        for (std::thread& t : pool) t.join();
    }
    // The sum in sequence order, whatever the threads did first: the same bits for any count.
    grads = std::move(each[0]);
    const std::vector<ch08::NamedTensor> total = ch08::named_parameters(grads);
    double loss = losses[0];
    for (std::size_t b = 1; b < B; ++b) {
        const std::vector<ch08::NamedTensor> one = ch08::named_parameters(each[b]);
        for (std::size_t k = 0; k < total.size(); ++k)
            for (std::size_t i = 0; i < total[k].size; ++i) total[k].data[i] += one[k].data[i];
        loss += losses[b];
    }
    return loss / static_cast<double>(B);
}

StepReport train_step(ch08::GptParams& params, const ch08::GptConfig& config, const TokenBatch& sequences,
                      AdamWState& state, const TrainingSettings& settings, std::size_t step) {
    if (step == 0) throw std::invalid_argument("train_step: steps count from 1");
    StepReport report;
    ch08::GptParams grads;
    report.loss = batch_loss_and_gradient(params, config, sequences, grads, settings.threads);
    report.grad_norm = clip_grad_norm(ch08::named_parameters(grads), settings.clip);
    AdamWSettings adamw = settings.adamw;
    adamw.lr = settings.adamw.lr * std::min(1.0, static_cast<double>(step) / static_cast<double>(settings.warmup));
    adamw_step(ch08::named_parameters(params), ch08::named_parameters(grads), state, adamw);
    return report;
}

}  // namespace ch09
