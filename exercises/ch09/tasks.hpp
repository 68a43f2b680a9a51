// exercises/ch09/tasks.hpp - Chapter 9's two training tasks and its training step (given code).
//
// Contract: the data of the chapter program (chapters/ch09_tiny_gpt/) and of its PyTorch oracle
// (tests/torch/ch09_tasks.py), drawn from the PyTorch-compatible generator in the order stated
// below, one torch.rand float32 value per uniform u, an index drawn as floor(u * n); and one
// training step built only from your exercises (9.1-9.4) and Chapter 8's given stack. Not here:
// anything the exercises ask you to write. You do not need to change this file.
//
// Shapes: V the vocabulary, T the model's input length (a sequence holds T + 1 tokens: T inputs
// and, shifted by one, T targets), B sequences a step.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "ch08/ch08.hpp"
#include "ch09/ch09.hpp"
#include "wb/torch_rng.hpp"

namespace ch09 {

// ---- Task 1: a random block that repeats (induction heads) ----------------------------------

struct InductionTask {
    std::size_t vocab = 32;        // V; at least T + 1 - block_min (every token but the repeat differs)
    std::size_t T = 16;            // inputs per sequence
    std::size_t block_min = 6;     // the repeated block's length L is drawn from [block_min, block_max]
    std::size_t block_max = 8;     // 2 block_max <= T + 1
    std::size_t fixed_offset = 0;  // > 0: L = fixed_offset and the copy follows the block at once
};

// Where the block and its copy are, in the sequence of T + 1 tokens.
struct RepeatedBlock {
    std::size_t first = 0;   // the block's first position
    std::size_t second = 0;  // its copy's first position, >= first + length
    std::size_t length = 0;  // L
};

struct InductionSequence {
    std::vector<std::size_t> tokens;  // (T + 1)
    RepeatedBlock block;
};

// One sequence, from 3 + T + 1 uniforms drawn at once (generator.rand(T + 4)):
//   u0 -> L = block_min + floor(u0 (block_max - block_min + 1)),
//   u1 -> first = floor(u1 (T + 2 - 2L)), u2 -> second = first + L + floor(u2 (room + 1)) with
//   room = T + 1 - L - (first + L), then one uniform per position t: a token of the copy repeats
//   the block (its uniform unused); any other token is taken out of a pool of the V token ids
//   (ascending, order kept) at index floor(u (pool size)). So no token occurs twice except in the
//   repeat, and the earlier occurrence of a repeated token is unique.
//   fixed_offset > 0: L = fixed_offset, first from u1 as above, second = first + L (u0, u2 unused).
//   A task whose sizes cannot hold two copies or enough distinct tokens throws std::invalid_argument.
InductionSequence induction_sequence(const InductionTask& task, wb::TorchGenerator& generator);

// The input positions of the first and of the repeated occurrence whose next token follows the
// block: [first, first + L - 2] and [second, second + L - 2] (L - 1 of each). Only on the repeat
// is the next token predictable (by copying); on the first occurrence it is a fresh random token.
std::vector<std::size_t> first_positions(const RepeatedBlock& block);
std::vector<std::size_t> repeat_positions(const RepeatedBlock& block);

// ---- Task 2: what "it" refers to (coreference) ------------------------------------------------

// The made-up language: 16 singular nouns (cat dog owl fox cow bee hen duck frog lion wolf horse
// goat snake mouse crow), their plurals in the same order (cats ... mice crows), what each kind
// does (purr bark hoot yelp moo buzz cluck quack croak roar howl neigh bleat hiss squeak caw: the
// same word for one or many), the pronouns it and they, 8 filler words and "." - 59 words, the
// token ids in this order.
constexpr std::size_t coreference_kinds = 16;
const std::vector<std::string>& coreference_words();

struct CoreferenceSentence {
    std::vector<std::size_t> tokens;  // (T + 1)
    std::size_t pronoun = 0;          // the first pronoun's position
    std::size_t right = 0;            // the position of the noun it refers to
    std::size_t wrong = 0;            // the other noun's position
};

// One sentence of T + 1 words, from T + 9 uniforms drawn at once (generator.rand(T + 9)):
//   u0 the singular noun's kind (of 16), u1 the plural's (of the 15 other kinds), u2 the order
//   (u2 < 0.5: the singular first), u3 the first pronoun (u3 < 0.5: "it"), u4 the first noun's
//   position in [0, T - 9], u5 the second's in [first + 2, T - 7], u6 the first pronoun's in
//   [second + 2, T - 5], u7 the second pronoun's in [first pronoun + 3, T - 2]; after each
//   pronoun, what its noun's kind does, then "."; the second pronoun is the other one, so each
//   noun is meant once. Every other position is filler, word floor(u (8)) with the uniform
//   u_(8 + position). The predicate depends on the kind alone, so only agreement (it: the
//   singular noun, they: the plural) says which noun a pronoun means; with 16 kinds the answer
//   cannot be read out of a mixture of both nouns, and the model has to attend to the right one.
//   The measurements look at the first pronoun. T < 9 throws std::invalid_argument.
CoreferenceSentence coreference_sentence(std::size_t T, wb::TorchGenerator& generator);

// ---- One training step ---------------------------------------------------------------------------

struct TrainingSettings {
    AdamWSettings adamw;      // lr is the peak learning rate
    std::size_t warmup = 1;   // lr at step s (from 1) is adamw.lr min(1, s / warmup)
    double clip = 1.0;        // max_norm of the global gradient norm (9.3)
    std::size_t threads = 1;  // sequences of a batch computed at once; the result does not depend on it
};

struct StepReport {
    double loss = 0.0;       // the batch's mean next-token cross-entropy, before the update
    double grad_norm = 0.0;  // the global gradient norm before clipping
};

// The batch's loss and gradient: your next_token_pairs (9.1), gpt_forward, your
// sequence_cross_entropy (9.2) with its gradient divided by B, gpt_backward, for every sequence;
// the gradients summed over the sequences in order (so any thread count gives the same bits).
// The result is what F.cross_entropy over all B T positions and autograd give.
double batch_loss_and_gradient(const ch08::GptParams& params, const ch08::GptConfig& config,
                               const TokenBatch& sequences, ch08::GptParams& grads, std::size_t threads = 1);

// One step of training at step number `step` (from 1): the batch's loss and gradient, your
// clip_grad_norm (9.3), the learning rate of the warmup, your adamw_step (9.4).
StepReport train_step(ch08::GptParams& params, const ch08::GptConfig& config, const TokenBatch& sequences,
                      AdamWState& state, const TrainingSettings& settings, std::size_t step);

}  // namespace ch09
