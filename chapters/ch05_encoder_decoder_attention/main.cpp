// Chapter 5 - encoder-decoder attention: where attention came from.
//
// Contract: tells the story of attention in translation, one printed step at a time:
//   1. an Elman RNN encoder reads the source sentence and keeps every hidden state;
//   2. the bottleneck, measured: how much of the source a linear read-out recovers from the last
//      state only, from the average of all states, and from the state attention would pick;
//   3. a decoder RNN, and four scoring functions (dot, general, additive, scaled dot) side by side
//      on the same states, with Luong's current state s_t and Bahdanau's previous state s_{t-1};
//   4. cross-attention with T_dec unlike T_enc, every shape printed, and the check that the same
//      code on one sequence is self-attention;
//   5. alignments of three translation pairs through a small hand-built bilingual embedding (and
//      how random weights give none);
//   6. hard versus soft attention: one-hot against softmax, a temperature sweep, and a numerical
//      derivative that shows why hard attention cannot be trained by backpropagation.
// Each step is checked against the one before it and the check is printed ([ok]). Every weight
// comes from the PyTorch-compatible generator (torch.manual_seed(--seed)); tests/torch/ch05.py and
// docs/listings/ch05_pytorch.py compute the same numbers with PyTorch.
// Not here: training (nothing in this chapter is learnt), masks (Chapter 3), heads (Chapter 4).
//
// Shapes: B = 1, T_enc source words, T_dec target words, d_in = 16 (a word embedding),
// d_hidden = 8 (an RNN state), d_attn = 6 (additive scoring's hidden layer), d_out = 4.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "bilingual.hpp"
#include "ch05/ch05.hpp"
#include "wb/chapter.hpp"
#include "wb/example.hpp"
#include "wb/ops.hpp"
#include "wb/text.hpp"
#include "wb/torch_rng.hpp"

namespace {

using wb::max_abs_difference;

using ch05_program::d_emb;
using wb::Matrix;
using wb::Tensor3;
using wb::Vector;

constexpr std::size_t d_hidden = 8;
constexpr std::size_t d_attn = 6;
constexpr std::size_t d_out = 4;
constexpr std::size_t decoder_step = 2;  // the step t (from 1) at which the scores are compared

// Every trainable weight of the chapter, drawn in this order after torch.manual_seed(seed).
struct Model {
    ch05::RnnWeights encoder, decoder;      // nn.RNN(16, 8) twice
    Matrix W_general;                       // (d_hidden, d_hidden)   nn.Linear(8, 8, bias=False)
    ch05::AdditiveWeights additive;         // W_s, W_h (d_attn, d_hidden), v (d_attn)
    ch05::CrossAttentionWeights cross;      // (d_out, d_hidden) each, on the RNN states
    ch05::CrossAttentionWeights cross_emb;  // (d_out, d_in) each, on the embeddings: random projections
};

Model draw_model(std::uint32_t seed) {
    wb::TorchGenerator gen(seed);
    Model m;
    m.encoder = ch05::rnn_weights(gen, d_emb, d_hidden);
    m.decoder = ch05::rnn_weights(gen, d_emb, d_hidden);
    m.W_general = gen.linear_weight(d_hidden, d_hidden);
    m.additive.W_s = gen.linear_weight(d_hidden, d_attn);
    m.additive.W_h = gen.linear_weight(d_hidden, d_attn);
    m.additive.v = xt::view(gen.linear_weight(d_attn, 1), 0, xt::all());
    m.cross.W_query = gen.linear_weight(d_hidden, d_out);
    m.cross.W_key = gen.linear_weight(d_hidden, d_out);
    m.cross.W_value = gen.linear_weight(d_hidden, d_out);
    m.cross_emb.W_query = gen.linear_weight(d_emb, d_out);
    m.cross_emb.W_key = gen.linear_weight(d_emb, d_out);
    m.cross_emb.W_value = gen.linear_weight(d_emb, d_out);
    return m;
}

Vector row_of(const Matrix& m, std::size_t i) {
    Vector out = xt::view(m, i, xt::all());
    return out;
}

Matrix stack_rows(const std::vector<Vector>& rows) {
    Matrix out = xt::zeros<double>({rows.size(), rows.empty() ? std::size_t{0} : rows[0].size()});
    for (std::size_t i = 0; i < rows.size(); ++i) xt::view(out, i, xt::all()) = rows[i];
    return out;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

double vector_norm(const Vector& v) {
    double s = 0.0;
    for (double x : v) s += x * x;
    return std::sqrt(s);
}

int run(std::uint32_t seed, std::size_t pair_index, const wb::ChapterCli& cli) {
    const wb::Narrator say(cli.color());
    const auto& pairs = ch05_program::translation_pairs();
    const ch05_program::TranslationPair& pair = pairs[pair_index];
    const auto table = ch05_program::lexicon(seed);
    const Model m = draw_model(seed);
    const std::vector<std::string>& source = pair.source;
    const std::vector<std::string>& target = pair.target;
    const std::size_t T_enc = source.size(), T_dec = target.size();
    const Matrix source_emb = ch05_program::embed(table, source);  // (T_enc, d_in)
    const Matrix target_emb = ch05_program::embed(table, target);  // (T_dec, d_in)

    say.chapter("Chapter 5 - Encoder-decoder attention");
    say.say("Content-based soft attention in its modern form was introduced for machine translation by "
            "Bahdanau, Cho and Bengio (2014), after precursors such as Graves's soft window for handwriting "
            "synthesis (2013) and Mnih et al.'s hard visual attention (2014). Before it, a recurrent "
            "encoder read the source sentence, a recurrent decoder wrote the translation, and everything the "
            "decoder knew about the source had to pass through one fixed-size vector. This chapter rebuilds "
            "that setting, measures its bottleneck, and then adds attention the way Bahdanau (2014) and "
            "Luong (2015) did.");
    say.say(fmt::format("Pair {} ({}): \"{}\" -> \"{}\". T_enc = {} source words, T_dec = {} target "
                        "words. Every word is a d_in = {} embedding (step 5 explains how they were made).",
                        pair_index + 1, pair.name, joined(source), joined(target), T_enc, T_dec, d_emb));
    say.say(fmt::format("Weights, as PyTorch draws them: torch.manual_seed({}); encoder = nn.RNN({}, {}); "
                        "decoder = nn.RNN({}, {}); then the scoring and projection layers (nn.Linear, no bias).",
                        seed, d_emb, d_hidden, d_emb, d_hidden));

    // ---- Step 1: the encoder ----------------------------------------------------------------
    say.step("1", "The encoder: an Elman RNN that keeps every hidden state");
    say.say("One step of the RNN reads one word x_t and updates the state: h_t = tanh(W_ih x_t + b_ih + "
            "W_hh h_(t-1) + b_hh), starting from h_0 = 0. PyTorch keeps two biases; only their sum "
            "matters. The shapes:");
    say.line(fmt::format("    W_ih {}  W_hh {}  b_ih {}  b_hh {}", wb::shape_of(m.encoder.weight_ih),
                         wb::shape_of(m.encoder.weight_hh), wb::shape_of(m.encoder.bias_ih),
                         wb::shape_of(m.encoder.bias_hh)));
    say.line("");
    const Vector bias_sum = m.encoder.bias_ih + m.encoder.bias_hh;  // (d_hidden)
    say.show(wb::show(bias_sum, "b_ih + b_hh").cols(wb::numbered_labels("h", d_hidden)));
    say.say("Word by word, each new state from the previous one (rnn_cell, exercise 5.1):");
    std::vector<Vector> by_loop;
    Vector h = xt::zeros<double>({d_hidden});  // (d_hidden) h_0
    for (std::size_t t = 0; t < T_enc; ++t) {
        h = ch05::rnn_cell(m.encoder, row_of(source_emb, t), h);
        by_loop.push_back(h);
        say.line(fmt::format("    h_{} after {}: norm {:.4f}", t + 1, wb::pad_right(source[t], 8), vector_norm(h)));
    }
    say.line("");
    const Matrix encoder_states = ch05::rnn_states(m.encoder, source_emb, xt::zeros<double>({d_hidden}));
    say.show(wb::show(encoder_states, "encoder states  H (T_enc, d_hidden)")
                 .rows(source)
                 .cols(wb::numbered_labels("h", d_hidden)));
    say.check("the loop of cells and rnn_states agree (every difference below 1e-12)",
              max_abs_difference(stack_rows(by_loop), encoder_states) < 1e-12);
    say.check("every state lies inside (-1, 1), as tanh's values do", xt::amax(xt::abs(encoder_states))() < 1.0);
    say.say(fmt::format("A decoder without attention receives only the last row, h_{} (\"{}\"): {} numbers "
                        "for the whole sentence, whatever its length.",
                        T_enc, source.back(), d_hidden));

    // ---- Step 2: the bottleneck -------------------------------------------------------------
    say.step("2", "The bottleneck, measured");
    say.say("How much of the source can a decoder read back? Take 8 random 'words' (random 16-d "
            "embeddings), 400 training and 200 test sentences of T words, and encode them with this "
            "encoder. For every source position j, fit a linear read-out (ridge least squares) from a "
            "context vector to the word at j on the training sentences, then count how often it names "
            "the right word on the test sentences. Three contexts: the last state only (the "
            "bottleneck), the plain average of all states, and the state at position j (what attention "
            "reads when its weights are on j). Chance is 1/8 = 0.1250.");
    const ch05::BottleneckResult bottleneck = ch05::bottleneck_experiment(m.encoder, seed, 8, 8, 400, 200);
    const std::vector<std::string> kinds{"last state", "mean of states", "attention on j"};
    say.show(wb::show(bottleneck.accuracy, "source words recovered, by sentence length")
                 .rows(wb::numbered_labels("T = ", 8, 1))
                 .cols(kinds));
    say.show(wb::show(bottleneck.accuracy_by_position, "for T = 8, by source position j")
                 .rows(kinds)
                 .cols(wb::numbered_labels("j=", 8, 1)));
    const double last_8 = bottleneck.accuracy(7, 0), attention_8 = bottleneck.accuracy(7, 2);
    say.check(fmt::format("the last state recovers one-word sentences ({:.4f}, above 0.99)", bottleneck.accuracy(0, 0)),
              bottleneck.accuracy(0, 0) > 0.99);
    say.check(
        fmt::format("at T = 8 the last state recovers far less ({:.4f}) than attention ({:.4f}): more than 0.3 less",
                    last_8, attention_8),
        last_8 + 0.3 < attention_8);
    say.say("The last state remembers the most recent words and forgets the first ones: its "
            "accuracy falls towards chance as the sentence grows, while the state at position j "
            "keeps almost everything. Averaging all states does not help much either: access alone is "
            "not enough, the weights have to pick the right position. That is what attention adds.");

    // ---- Step 3: the decoder and the scoring functions ---------------------------------------
    say.step("3", "The decoder, and four ways to score");
    say.say(fmt::format("The decoder is a second RNN. It starts from the encoder's last state (s_0 = h_{}) "
                        "and reads the previous target word at each step (a start token <s> = zeros at "
                        "step 1), as in training with teacher forcing. It has no attention input: its "
                        "states do not depend on any context vector, for both styles below. (In Bahdanau's "
                        "model c_t feeds into s_t, so his states would differ.) Only the scoring choice, which "
                        "state scores against the encoder, is reproduced here.",
                        T_enc));
    Matrix decoder_inputs = xt::zeros<double>({T_dec, d_emb});  // (T_dec, d_in): <s>, y_1, ..., y_(T_dec-1)
    for (std::size_t t = 1; t < T_dec; ++t) xt::view(decoder_inputs, t, xt::all()) = row_of(target_emb, t - 1);
    const Matrix decoder_states =
        ch05::rnn_states(m.decoder, decoder_inputs, row_of(encoder_states, T_enc - 1));  // (T_dec, d_hidden)
    std::vector<std::string> state_labels;
    for (std::size_t t = 0; t < T_dec; ++t) state_labels.push_back(fmt::format("s_{} {}", t + 1, target[t]));
    say.show(wb::show(decoder_states, "decoder states  S (T_dec, d_hidden)")
                 .rows(state_labels)
                 .cols(wb::numbered_labels("h", d_hidden)));

    const std::size_t t = decoder_step;
    const Vector s_luong = row_of(decoder_states, t - 1);     // s_t
    const Vector s_bahdanau = row_of(decoder_states, t - 2);  // s_(t-1)
    say.say(fmt::format("Step t = {}, writing \"{}\". Luong scores with the current state s_{}, computed "
                        "before attending; Bahdanau scores with the previous state s_{}, because in his "
                        "decoder the context feeds into the step that makes s_{}.",
                        t, target[t - 1], t, t - 1, t));
    const auto score_table = [&](const Vector& s) {
        return stack_rows({ch05::dot_scores(s, encoder_states), ch05::general_scores(s, encoder_states, m.W_general),
                           ch05::additive_scores(s, encoder_states, m.additive),
                           ch05::scaled_dot_scores(s, encoder_states)});  // (4, T_enc)
    };
    const std::vector<std::string> score_names{"dot  s.h", "general  s^T W h", "additive  v.tanh(..)",
                                               "scaled  s.h/sqrt(8)"};
    const Matrix luong_scores = score_table(s_luong);        // (4, T_enc)
    const Matrix bahdanau_scores = score_table(s_bahdanau);  // (4, T_enc)
    say.show(wb::show(luong_scores, fmt::format("scores with s_{} (Luong)", t)).rows(score_names).cols(source));
    say.show(
        wb::show(bahdanau_scores, fmt::format("scores with s_{} (Bahdanau)", t - 1)).rows(score_names).cols(source));
    const Matrix identity = xt::eye<double>(d_hidden);
    say.check("general scoring with W = I is dot scoring (every difference below 1e-12)",
              max_abs_difference(ch05::general_scores(s_luong, encoder_states, identity), row_of(luong_scores, 0)) <
                  1e-12);
    say.check("scaled = dot / sqrt(d_hidden) (every difference below 1e-12)",
              max_abs_difference(row_of(luong_scores, 3), row_of(luong_scores, 0) / std::sqrt(double(d_hidden))) <
                  1e-12);
    say.say("Each row of scores becomes weights by a softmax over the encoder positions, and the weights "
            "average the encoder states into a context vector (attend, exercise 5.7). The two classic "
            "decoders (exercise 5.8): Bahdanau's additive score with s_(t-1), Luong's general score with s_t. "
            "Every decoder step, both ways:");
    const Vector s_0 = row_of(encoder_states, T_enc - 1);  // (d_hidden) the decoder's state before step 1
    const ch05::ScoringWeights scoring{m.W_general, m.additive};
    std::vector<Vector> step_weights[2], step_contexts[2];
    const ch05::DecoderStyle styles[2] = {ch05::DecoderStyle::bahdanau, ch05::DecoderStyle::luong};
    for (int which = 0; which < 2; ++which) {
        for (std::size_t step = 1; step <= T_dec; ++step) {
            const ch05::Attention a =
                ch05::decoder_step_attention(styles[which], decoder_states, s_0, step, encoder_states, scoring);
            step_weights[which].push_back(a.weights);
            step_contexts[which].push_back(a.context);
        }
    }
    std::vector<std::string> bahdanau_labels, luong_labels;
    for (std::size_t step = 1; step <= T_dec; ++step) {
        bahdanau_labels.push_back(fmt::format("t={} with s_{}", step, step - 1));
        luong_labels.push_back(fmt::format("t={} with s_{}", step, step));
    }
    say.show(wb::show(stack_rows(step_weights[0]), "Bahdanau: additive scores of s_(t-1), weights")
                 .rows(bahdanau_labels)
                 .cols(source));
    say.show(
        wb::show(stack_rows(step_weights[1]), "Luong: general scores of s_t, weights").rows(luong_labels).cols(source));
    const ch05::Attention bahdanau = ch05::attend(row_of(bahdanau_scores, 2), encoder_states);
    const ch05::Attention luong = ch05::attend(row_of(luong_scores, 1), encoder_states);
    say.check(fmt::format("row t = {} of each equals attend() of the score tables above (below 1e-12)", t),
              max_abs_difference(step_weights[0][t - 1], bahdanau.weights) < 1e-12 &&
                  max_abs_difference(step_weights[1][t - 1], luong.weights) < 1e-12);
    say.check("every row sums to 1 (within 1e-12)",
              max_abs_difference(xt::sum(stack_rows(step_weights[0]), {1}), xt::ones<double>({T_dec})) < 1e-12 &&
                  max_abs_difference(xt::sum(stack_rows(step_weights[1]), {1}), xt::ones<double>({T_dec})) < 1e-12);
    const std::vector<std::string> pairing{"Bahdanau", "Luong"};
    say.show(wb::show(stack_rows({bahdanau.context, luong.context}), fmt::format("context vectors at t = {}", t))
                 .rows(pairing)
                 .cols(wb::numbered_labels("h", d_hidden)));
    say.say("The weights differ between the two decoders and from step to step for no reason a reader "
            "could name: every weight here is random. What makes them meaningful is training, which this "
            "chapter does not do (step 5 shows a stand-in).");

    // ---- Step 4: cross-attention ------------------------------------------------------------
    say.step("4", "Cross-attention: decoder queries, encoder keys and values");
    say.say(fmt::format("The Transformer's form of the same idea, on all decoder steps at once (B = 1). The "
                        "decoder states ask, the encoder states answer. T_dec = {} and T_enc = {} need not "
                        "be equal.",
                        T_dec, T_enc));
    const Tensor3 decoder_batch = wb::stack_batch({decoder_states});  // (B, T_dec, d_hidden)
    const Tensor3 encoder_batch = wb::stack_batch({encoder_states});  // (B, T_enc, d_hidden)
    const ch05::CrossAttention cross = ch05::cross_attention(decoder_batch, encoder_batch, m.cross);
    const auto shape_line = [&](const std::string& what, const std::string& formula, const auto& tensor) {
        say.line(
            fmt::format("    {} = {}  {}", wb::pad_right(what, 9), wb::pad_right(formula, 30), wb::shape_of(tensor)));
    };
    shape_line("decoder", "S", decoder_batch);
    shape_line("encoder", "H", encoder_batch);
    shape_line("W_query", "nn.Linear(8, 4).weight", m.cross.W_query);
    shape_line("queries", "S W_query^T", cross.queries);
    shape_line("keys", "H W_key^T", cross.keys);
    shape_line("values", "H W_value^T", cross.values);
    shape_line("scores", "Q K^T / sqrt(d_out)", cross.scores);
    shape_line("weights", "softmax over T_enc", cross.weights);
    shape_line("contexts", "weights V", cross.contexts);
    say.line("");
    say.show(wb::show(wb::batch_item(cross.scores, 0), "scores (T_dec, T_enc)").rows(target).cols(source));
    say.show(wb::show(wb::batch_item(cross.weights, 0), "weights (T_dec, T_enc)").rows(target).cols(source));
    say.show(wb::show(wb::batch_item(cross.contexts, 0), "contexts (T_dec, d_out)")
                 .rows(target)
                 .cols(wb::numbered_labels("d", d_out)));
    const Vector row_sums = xt::sum(wb::batch_item(cross.weights, 0), {1});  // (T_dec)
    say.check("each decoder position's weights sum to 1 over the encoder positions (within 1e-12)",
              max_abs_difference(row_sums, xt::ones<double>({T_dec})) < 1e-12);
    Matrix by_steps = xt::zeros<double>({T_dec, d_out});  // (T_dec, d_out), one decoder step at a time
    for (std::size_t i = 0; i < T_dec; ++i) {
        const Vector q_i = row_of(wb::batch_item(cross.queries, 0), i);
        const ch05::Attention step_i =
            ch05::attend(ch05::scaled_dot_scores(q_i, wb::batch_item(cross.keys, 0)), wb::batch_item(cross.values, 0));
        xt::view(by_steps, i, xt::all()) = step_i.context;
    }
    say.check("one decoder step at a time (scaled_dot_scores, then attend) gives the same contexts (below 1e-12)",
              max_abs_difference(by_steps, wb::batch_item(cross.contexts, 0)) < 1e-12);
    const ch05::CrossAttention self = ch05::cross_attention(encoder_batch, encoder_batch, m.cross);
    const Matrix q = wb::matmul(encoder_states, xt::transpose(m.cross.W_query));  // (T_enc, d_out)
    const Matrix k = wb::matmul(encoder_states, xt::transpose(m.cross.W_key));
    const Matrix v = wb::matmul(encoder_states, xt::transpose(m.cross.W_value));
    const Matrix self_weights = wb::softmax_rows(wb::matmul(q, xt::transpose(k)) / std::sqrt(double(d_out)));
    say.check(fmt::format("with decoder = encoder it is self-attention, weights {}: Chapter 2's formula (below 1e-12)",
                          wb::shape_of(self.weights)),
              max_abs_difference(wb::batch_item(self.contexts, 0), wb::matmul(self_weights, v)) < 1e-12);

    // ---- Step 5: alignments -----------------------------------------------------------------
    say.step("5", "Alignments: where each target word looks");
    say.say("With random weights the weights above mean nothing. To see an alignment, the keys and "
            "queries must carry meaning. Here they come from a small bilingual embedding built by hand: "
            "a word is a 'concept' vector (shared by the word and its translation) plus a little noise "
            "of its own. Cross-attention with W_query = W_key = W_value = I (queries: the target words; "
            "keys and values: the source words; scaled by sqrt(16)) then finds the alignment. In real "
            "models nobody builds such an embedding: the alignment is learnt from pairs of sentences, "
            "with no alignment labels at all.");
    const Matrix eye = xt::eye<double>(d_emb);
    for (std::size_t p = 0; p < pairs.size(); ++p) {
        const Matrix src = ch05_program::embed(table, pairs[p].source);  // (T_enc, d_in)
        const Matrix tgt = ch05_program::embed(table, pairs[p].target);  // (T_dec, d_in)
        const Matrix alignment = wb::batch_item(
            ch05::cross_attention(wb::stack_batch({tgt}), wb::stack_batch({src}), {eye, eye, eye}).weights, 0);
        say.show(wb::show(alignment, fmt::format("pair {}: {} alignment", p + 1, pairs[p].name))
                     .rows(pairs[p].target)
                     .cols(pairs[p].source));
        wb::HeatmapStyle style;
        style.title = fmt::format("pair {}: \"{}\" -> \"{}\"", p + 1, joined(pairs[p].source), joined(pairs[p].target));
        style.row_labels = pairs[p].target;
        style.col_labels = pairs[p].source;
        say.heatmap(alignment, style);
        if (!cli.svg_dir().empty()) {
            const std::string path =
                wb::write_heatmap_svg(cli.svg_dir(), fmt::format("ch05-alignment-pair{}.svg", p + 1), alignment, style);
            say.say(fmt::format("Wrote the heatmap to {}.", path));
        }
    }
    say.say("Read the rows. French to English: I -> Je, am -> suis, student -> étudiant. \"a\" has no "
            "French counterpart (French drops the article before a profession), so its row lands where "
            "chance similarity puts it: a trained model would learn to send it to étudiant. English to "
            "French: \"Le\" and \"le\" split their weight between \"The\" and \"the\", because the two "
            "English words have the same meaning: content alone cannot tell positions apart, and real "
            "models add position information for that. Hindi to English: I -> मैं, am -> हूँ, eating -> "
            "खा (eat) with a little on रहा (the progressive -ing), and खाना (food) gets little weight from "
            "anyone: \"I am eating\" drops it.");
    const Matrix random_alignment = wb::batch_item(
        ch05::cross_attention(wb::stack_batch({target_emb}), wb::stack_batch({source_emb}), m.cross_emb).weights, 0);
    say.say(fmt::format("The same pair {} through random projections W_query, W_key (nn.Linear(16, 4)): no "
                        "alignment, just noise.",
                        pair_index + 1));
    wb::HeatmapStyle random_style;
    random_style.title = fmt::format("pair {} with random weights", pair_index + 1);
    random_style.row_labels = target;
    random_style.col_labels = source;
    say.heatmap(random_alignment, random_style);
    if (!cli.svg_dir().empty()) {
        const std::string path =
            wb::write_heatmap_svg(cli.svg_dir(), "ch05-random-weights.svg", random_alignment, random_style);
        say.say(fmt::format("Wrote the heatmap to {}.", path));
    }

    // ---- Step 6: hard versus soft -----------------------------------------------------------
    const Matrix alignment_scores = wb::batch_item(
        ch05::cross_attention(wb::stack_batch({target_emb}), wb::stack_batch({source_emb}), {eye, eye, eye}).scores, 0);
    const std::size_t row = T_dec - 1;
    const Vector scores = row_of(alignment_scores, row);  // (T_enc)
    say.step("6", fmt::format("Hard versus soft attention, for \"{}\"", target[row]));
    say.say(fmt::format("The alignment scores of \"{}\" (step 5), read against the encoder states of step 1 "
                        "as values. Soft attention takes a softmax; hard attention puts weight 1 on the "
                        "largest score (exercise 5.10).",
                        target[row]));
    say.show(wb::show(scores, fmt::format("scores of \"{}\"", target[row])).cols(source));
    const ch05::Attention hard = ch05::hard_attend(scores, encoder_states);
    const ch05::Attention soft = ch05::attend(scores, encoder_states);
    say.show(wb::show(stack_rows({hard.weights, soft.weights}), "weights").rows({"hard", "soft"}).cols(source));
    say.say("A temperature tau divides the scores before the softmax (exercise 5.11): from very peaked "
            "(tau = 0.01, hard attention in all but name) to uniform (tau = 100).");
    const std::vector<double> temperatures{0.01, 0.1, 0.5, 1.0, 2.0, 10.0, 100.0};
    std::vector<Vector> sweep_weights, sweep_contexts;
    std::vector<std::string> tau_labels;
    for (double tau : temperatures) {
        const ch05::Attention a = ch05::attend_with_temperature(scores, encoder_states, tau);
        sweep_weights.push_back(a.weights);
        sweep_contexts.push_back(a.context);
        tau_labels.push_back(fmt::format("tau = {:g}", tau));
    }
    say.show(wb::show(stack_rows(sweep_weights), "weights by temperature").rows(tau_labels).cols(source));
    say.show(wb::show(stack_rows(sweep_contexts), "context by temperature")
                 .rows(tau_labels)
                 .cols(wb::numbered_labels("h", d_hidden)));
    say.check("tau = 0.01 gives hard attention's context (every difference below 1e-9)",
              max_abs_difference(sweep_contexts.front(), hard.context) < 1e-9);
    Vector mean_state = xt::mean(encoder_states, {0});  // (d_hidden)
    say.check("tau = 100 comes near the plain mean of the states (every difference below 0.05)",
              max_abs_difference(sweep_contexts.back(), mean_state) < 0.05);

    say.say("Why hard attention cannot be trained by backpropagation: nudge one score by eps = 1e-4 "
            "either way and measure how far the context moves, (c(s + eps) - c(s - eps)) / (2 eps). For "
            "soft attention the answer is alpha_k (v_k - c), the derivative backpropagation would use. "
            "For hard attention the context does not move at all: the derivative is exactly 0, so no "
            "gradient reaches the scores.");
    const double eps = 1e-4;
    Matrix derivative_norms = xt::zeros<double>({T_enc, std::size_t{3}});  // (T_enc, 3)
    bool hard_is_flat = true;
    double worst_soft = 0.0;
    for (std::size_t j = 0; j < T_enc; ++j) {
        Vector up = scores, down = scores;
        up(j) += eps;
        down(j) -= eps;
        const Vector hard_derivative =
            (ch05::hard_attend(up, encoder_states).context - ch05::hard_attend(down, encoder_states).context) /
            (2 * eps);
        const Vector soft_derivative =
            (ch05::attend(up, encoder_states).context - ch05::attend(down, encoder_states).context) / (2 * eps);
        const Vector analytic = soft.weights(j) * (row_of(encoder_states, j) - soft.context);  // alpha_j (v_j - c)
        derivative_norms(j, 0) = vector_norm(hard_derivative);
        derivative_norms(j, 1) = vector_norm(soft_derivative);
        derivative_norms(j, 2) = vector_norm(analytic);
        hard_is_flat = hard_is_flat && derivative_norms(j, 0) == 0.0;
        worst_soft = std::max(worst_soft, max_abs_difference(soft_derivative, analytic));
    }
    say.show(wb::show(derivative_norms, "how far the context moves per unit of score j (norms)")
                 .rows(source)
                 .cols({"hard", "soft", "alpha_j|v_j - c|"}));
    say.check("hard attention: the context does not move at all (exactly 0)", hard_is_flat);
    say.check("soft attention: the finite difference matches alpha_j (v_j - c) (every difference below 1e-6)",
              worst_soft < 1e-6);
    std::size_t best = 0, second = T_enc > 1 ? 1 : 0;
    for (std::size_t j = 0; j < T_enc; ++j)
        if (scores(j) > scores(best)) best = j;
    for (std::size_t j = 0; j < T_enc; ++j)
        if (j != best && (second == best || scores(j) > scores(second))) second = j;
    if (T_enc > 1) {
        Vector raised = scores;
        raised(second) = scores(best) + 1e-9;
        const double jump = vector_norm(ch05::hard_attend(raised, encoder_states).context - hard.context);
        say.say(fmt::format("Hard attention's context is a step function: raise the score of \"{}\" until it "
                            "just passes \"{}\" and the context jumps by {:.4f} at once. Flat everywhere, with "
                            "jumps: nothing for gradient descent to follow. Hard attention is trained with "
                            "other tools (REINFORCE, Gumbel-softmax), or replaced by soft attention.",
                            source[second], source[best], jump));
    }

    say.say("Next: the exercises. Run `./workbook` to start them (it watches the current exercise and "
            "re-checks it on every save), or check one with `./workbook check 5.1`.");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    wb::ChapterCli cli("ch05_encoder_decoder_attention",
                       "Chapter 5: encoder-decoder attention. An RNN encoder and its bottleneck, Bahdanau's and "
                       "Luong's scoring functions, cross-attention, alignments of translation pairs, and hard "
                       "versus soft attention.");
    std::uint32_t seed = 123;
    std::size_t pair = 1;
    CLI::App& app = cli.app();
    app.add_option("--seed", seed, "Seed for every weight and embedding, as torch.manual_seed (default 123)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    app.add_option("--pair", pair,
                   "Translation pair for steps 1-4 and 6: 1 French to English (default), 2 English to French, "
                   "3 Hindi to English")
        ->type_name("N")
        ->check(CLI::Range(std::size_t{1}, ch05_program::translation_pairs().size()).description(""))
        ->transform(wb::decimal_integer());
    if (auto status = cli.parse(argc, argv)) return *status;
    return wb::run_chapter([&] { return run(seed, pair - 1, cli); });
}
