// Given code for Chapter 6: a small translation model that learns to attend, and its training.
//
// Contract (declared in exercises/ch06/ch06.hpp): an Elman RNN encoder reads the source words; an
// Elman RNN decoder, started from the encoder's last state, reads the previous target word (<s>
// first: teacher forcing); Luong-style attention scores every decoder state against every encoder
// state; a read-out turns [decoder state, context] into logits over the target words (without
// attention the context is the encoder's last state). The loss is the mean cross-entropy of the
// target words only: no alignment enters it. tests/torch/ch06.py builds the same model with
// autograd and torch.optim.Adam, and the first 20 losses agree to 1e-9. It calls your
// cross_entropy (6.3), attention_backward_values (6.4), attention_backward_scores (6.5),
// adam_step (6.8) and, for sampled attention, reinforce_backward (6.10). You do not need to
// change this file.
//
// Sizes: T source words = T target words, E = d_embed, H = hidden, V = the target vocabulary.
// The hot loops are plain loops over contiguous buffers, so a Debug build trains in seconds.
#include "ch06/ch06.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace ch06 {

namespace {

// Where one nn.RNN(d_in, H) lives inside the flat parameter vector: W_ih, W_hh, b_ih, b_hh.
struct RnnSlices {
    std::size_t d_in, H;
    std::size_t W_ih() const { return 0; }
    std::size_t W_hh() const { return H * d_in; }
    std::size_t b_ih() const { return H * d_in + H * H; }
    std::size_t b_hh() const { return H * d_in + H * H + H; }
    std::size_t size() const { return H * d_in + H * H + 2 * H; }
};

// states (T, H): row t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh), from h_0.
Matrix rnn_forward(const double* p, const RnnSlices& r, const Matrix& X, const double* h_0) {
    const std::size_t T = X.shape(0), H = r.H, D = r.d_in;
    Matrix states = xt::zeros<double>({T, H});  // (T, H)
    const double* x = X.data();
    double* s = states.data();
    for (std::size_t t = 0; t < T; ++t) {
        const double* h_prev = t == 0 ? h_0 : s + (t - 1) * H;
        for (std::size_t i = 0; i < H; ++i) {
            double a = 0.0;
            for (std::size_t k = 0; k < D; ++k) a += p[r.W_ih() + i * D + k] * x[t * D + k];
            a += p[r.b_ih() + i];
            double b = 0.0;
            for (std::size_t k = 0; k < H; ++k) b += p[r.W_hh() + i * H + k] * h_prev[k];
            s[t * H + i] = std::tanh(a + b + p[r.b_hh() + i]);
        }
    }
    return states;
}

// Backward through rnn_forward: d_states (T, H) in; adds into the weights' gradient g; returns
// d_X (T, d_in) and writes d_h_0 (H).
Matrix rnn_backward(const double* p, double* g, const RnnSlices& r, const Matrix& X, const double* h_0,
                    const Matrix& states, const Matrix& d_states, std::vector<double>& d_h_0) {
    const std::size_t T = X.shape(0), H = r.H, D = r.d_in;
    Matrix d_X = xt::zeros<double>({T, D});        // (T, d_in)
    std::vector<double> d_h(H, 0.0), d_a(H, 0.0);  // (H) the gradient reaching h_t from step t + 1
    const double* s = states.data();
    const double* x = X.data();
    for (std::size_t t = T; t-- > 0;) {
        const double* h_prev = t == 0 ? h_0 : s + (t - 1) * H;
        // h_t = tanh(a_t): d a_t = (d_states row t + d_h) * (1 - h_t^2)
        for (std::size_t i = 0; i < H; ++i) {
            const double h = s[t * H + i];
            d_a[i] = (d_states.data()[t * H + i] + d_h[i]) * (1.0 - h * h);
        }
        // a_t = W_ih x_t + b_ih + W_hh h_(t-1) + b_hh
        std::fill(d_h.begin(), d_h.end(), 0.0);
        for (std::size_t i = 0; i < H; ++i) {
            const double da = d_a[i];
            g[r.b_ih() + i] += da;
            g[r.b_hh() + i] += da;
            for (std::size_t k = 0; k < D; ++k) {
                g[r.W_ih() + i * D + k] += da * x[t * D + k];
                d_X.data()[t * D + k] += da * p[r.W_ih() + i * D + k];
            }
            for (std::size_t k = 0; k < H; ++k) {
                g[r.W_hh() + i * H + k] += da * h_prev[k];
                d_h[k] += da * p[r.W_hh() + i * H + k];
            }
        }
    }
    d_h_0 = d_h;
    return d_X;
}

void copy_into(Vector& flat, std::size_t offset, const Matrix& m) {
    for (std::size_t i = 0; i < m.size(); ++i) flat(offset + i) = m.data()[i];
}

void copy_into(Vector& flat, std::size_t offset, const Vector& v) {
    for (std::size_t i = 0; i < v.size(); ++i) flat(offset + i) = v(i);
}

// Everything one sentence's forward pass keeps for the backward pass.
struct Cache {
    Matrix X, H_enc, Y_in, S, Q, weights, F, logits;  // see forward_pass's steps
    Matrix policy;                                    // (T, T) Attending::sampled: softmax of the scores
    std::vector<std::size_t> sampled;                 // (T) Attending::sampled: the drawn positions
};

// The position that uniform u picks from the probabilities p (T): the first j whose running sum
// exceeds u (the last one if rounding leaves u above them all), as tests/torch/ch06.py.
std::size_t draw(const double* p, std::size_t T, double u) {
    double running = 0.0;
    for (std::size_t j = 0; j < T; ++j)
        if (u < (running += p[j])) return j;
    return T - 1;
}

}  // namespace

TranslationModel::TranslationModel(const ModelConfig& config, std::uint64_t seed)
    : config_(config), sampler_(seed + 3) {
    const std::size_t E = config.d_embed, H = config.hidden;
    if (E == 0 || H == 0 || config.batch == 0)
        throw std::invalid_argument("TranslationModel: d_embed, hidden and batch must be at least 1");
    V_src_ = source_vocabulary().size();
    V_tgt_ = target_vocabulary().size();
    const RnnSlices enc{E, H}, dec{E, H};
    const std::size_t d_features = 2 * H;               // [decoder state, context]
    baseline_ = std::log(static_cast<double>(V_tgt_));  // the loss of a uniform guess
    off_E_src_ = 0;
    off_E_tgt_ = off_E_src_ + V_src_ * E;
    off_enc_ = off_E_tgt_ + (V_tgt_ + 1) * E;
    off_dec_ = off_enc_ + enc.size();
    off_W_query_ = off_dec_ + dec.size();
    off_W_out_ = off_W_query_ + H * H;
    off_b_out_ = off_W_out_ + V_tgt_ * d_features;
    params_ = xt::zeros<double>({off_b_out_ + V_tgt_});
    grads_ = xt::zeros<double>({params_.size()});
    // The draws, in tests/torch/ch06.py's order.
    wb::TorchGenerator gen(seed);
    copy_into(params_, off_E_src_, gen.uniform(V_src_, E, -1.0, 1.0));
    copy_into(params_, off_E_tgt_, gen.uniform(V_tgt_ + 1, E, -1.0, 1.0));
    const double k = 1.0 / std::sqrt(static_cast<double>(H));
    for (std::size_t offset : {off_enc_, off_dec_}) {  // nn.RNN(E, H): weight_ih, weight_hh, bias_ih, bias_hh
        copy_into(params_, offset + enc.W_ih(), gen.uniform(H, E, -k, k));
        copy_into(params_, offset + enc.W_hh(), gen.uniform(H, H, -k, k));
        copy_into(params_, offset + enc.b_ih(), gen.uniform(H, -k, k));
        copy_into(params_, offset + enc.b_hh(), gen.uniform(H, -k, k));
    }
    copy_into(params_, off_W_query_, gen.linear_weight(H, H));
    copy_into(params_, off_W_out_, gen.linear_weight(d_features, V_tgt_));
    copy_into(params_, off_b_out_, gen.linear_bias(d_features, V_tgt_));
}

namespace {

// The forward pass of one sentence, numbered; the backward in loss_and_gradient walks it back.
// uniforms (T): Attending::sampled's draws while training; nullptr attends to the largest score.
Cache forward_pass(const double* p, const ModelConfig& c, std::size_t V_tgt, std::size_t off_E_src,
                   std::size_t off_E_tgt, std::size_t off_enc, std::size_t off_dec, std::size_t off_W_query,
                   std::size_t off_W_out, std::size_t off_b_out, const SentencePair& pair, const double* uniforms) {
    const std::size_t T = pair.source.size(), E = c.d_embed, H = c.hidden;
    if (T == 0 || pair.target.size() != T) throw std::invalid_argument("TranslationModel: an empty or uneven pair");
    const bool attend = c.attending != Attending::none;
    const std::size_t d_features = 2 * H;
    Cache k;
    // 1. X = E_src[source]                                  (T, E)
    k.X = xt::zeros<double>({T, E});
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t e = 0; e < E; ++e) k.X.data()[t * E + e] = p[off_E_src + pair.source[t] * E + e];
    // 2. H_enc = encoder RNN over X from zeros              (T, H)
    const std::vector<double> zeros(H, 0.0);
    k.H_enc = rnn_forward(p + off_enc, RnnSlices{E, H}, k.X, zeros.data());
    // 3. Y_in = E_tgt[<s>, target_1 .. target_(T-1)]        (T, E)
    k.Y_in = xt::zeros<double>({T, E});
    for (std::size_t t = 0; t < T; ++t) {
        const std::size_t word = t == 0 ? V_tgt : pair.target[t - 1];
        for (std::size_t e = 0; e < E; ++e) k.Y_in.data()[t * E + e] = p[off_E_tgt + word * E + e];
    }
    // 4. S = decoder RNN over Y_in from s_0 = H_enc row T-1 (T, H)
    k.S = rnn_forward(p + off_dec, RnnSlices{E, H}, k.Y_in, k.H_enc.data() + (T - 1) * H);
    k.F = xt::zeros<double>({T, d_features});  // (T, 2H) [S, C]
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t i = 0; i < H; ++i) k.F.data()[t * d_features + i] = k.S.data()[t * H + i];
    k.weights = xt::zeros<double>({T, T});
    if (attend) {
        // 5. Q = S W_query^T                                (T, H)
        k.Q = xt::zeros<double>({T, H});
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t o = 0; o < H; ++o) {
                double sum = 0.0;
                for (std::size_t i = 0; i < H; ++i) sum += k.S.data()[t * H + i] * p[off_W_query + o * H + i];
                k.Q.data()[t * H + o] = sum;
            }
        // 6. scores = Q H_enc^T / sqrt(H)                   (T_dec, T_enc)
        // 7. weights = softmax of each row (soft), one-hot at its argmax (hard), or one-hot at a
        //    draw from the softmax, the policy (sampled)
        const double scale = 1.0 / std::sqrt(static_cast<double>(H));
        std::vector<double> row(T);
        if (c.attending == Attending::sampled) k.policy = xt::zeros<double>({T, T});
        for (std::size_t t = 0; t < T; ++t) {
            double best = -INFINITY;
            std::size_t arg = 0;
            for (std::size_t j = 0; j < T; ++j) {
                double sum = 0.0;
                for (std::size_t i = 0; i < H; ++i) sum += k.Q.data()[t * H + i] * k.H_enc.data()[j * H + i];
                row[j] = sum * scale;
                if (row[j] > best) best = row[j], arg = j;
            }
            if (c.attending == Attending::hard) {
                k.weights(t, arg) = 1.0;
                continue;
            }
            double total = 0.0;
            for (std::size_t j = 0; j < T; ++j) total += (row[j] = std::exp(row[j] - best));
            for (std::size_t j = 0; j < T; ++j) row[j] /= total;
            if (c.attending == Attending::soft) {
                std::copy(row.begin(), row.end(), k.weights.data() + t * T);
                continue;
            }
            // Attending::sampled: a draw from the policy while training, its largest score otherwise
            std::copy(row.begin(), row.end(), k.policy.data() + t * T);
            k.sampled.push_back(uniforms != nullptr ? draw(row.data(), T, uniforms[t]) : arg);
            k.weights(t, k.sampled.back()) = 1.0;
        }
        // 8. C = weights H_enc, written beside S: F = [S, C] (T, 2H)
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t j = 0; j < T; ++j) {
                const double w = k.weights.data()[t * T + j];
                if (w == 0.0) continue;
                for (std::size_t i = 0; i < H; ++i) k.F.data()[t * d_features + H + i] += w * k.H_enc.data()[j * H + i];
            }
    } else {
        // 5-8 without attention: C = the encoder's last state at every step, F = [S, C] (T, 2H)
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t i = 0; i < H; ++i) k.F.data()[t * d_features + H + i] = k.H_enc.data()[(T - 1) * H + i];
    }
    // 9. logits = F W_out^T + b_out                         (T, V)
    k.logits = xt::zeros<double>({T, V_tgt});
    for (std::size_t t = 0; t < T; ++t)
        for (std::size_t v = 0; v < V_tgt; ++v) {
            double sum = p[off_b_out + v];
            for (std::size_t i = 0; i < d_features; ++i)
                sum += k.F.data()[t * d_features + i] * p[off_W_out + v * d_features + i];
            k.logits.data()[t * V_tgt + v] = sum;
        }
    return k;
}

Vector row_of(const Matrix& m, std::size_t t) {
    Vector out = xt::zeros<double>({m.shape(1)});
    for (std::size_t i = 0; i < m.shape(1); ++i) out(i) = m.data()[t * m.shape(1) + i];
    return out;
}

}  // namespace

TranslationModel::Result TranslationModel::forward(const SentencePair& pair) const {
    const Cache k = forward_pass(params_.data(), config_, V_tgt_, off_E_src_, off_E_tgt_, off_enc_, off_dec_,
                                 off_W_query_, off_W_out_, off_b_out_, pair, nullptr);
    Result out;
    out.weights = config_.attending == Attending::sampled ? k.policy : k.weights;
    for (std::size_t t = 0; t < pair.target.size(); ++t) {
        const Vector logits = row_of(k.logits, t);
        // 10. loss = sum_t cross_entropy(logits row t, target_t)
        out.loss_sum += cross_entropy(logits, pair.target[t]).loss;
        std::size_t best = 0;
        for (std::size_t v = 1; v < V_tgt_; ++v)
            if (logits(v) > logits(best)) best = v;
        out.guesses.push_back(best);
    }
    return out;
}

double TranslationModel::loss_and_gradient(const std::vector<SentencePair>& batch, double* max_abs_d_scores) {
    const std::size_t E = config_.d_embed, H = config_.hidden, V = V_tgt_;
    const bool attend = config_.attending != Attending::none;
    const std::size_t d_features = 2 * H;
    std::size_t words = 0;
    for (const auto& pair : batch) words += pair.target.size();
    if (words == 0) throw std::invalid_argument("TranslationModel: a batch with no target words");
    // Attending::sampled: one uniform per target word of the batch, sentence after sentence.
    const Vector uniforms = config_.attending == Attending::sampled ? sampler_.rand(words) : Vector{};
    std::size_t drawn = 0;
    grads_.fill(0.0);
    const double* p = params_.data();
    double* g = grads_.data();
    double loss_sum = 0.0, largest_d_score = 0.0;
    for (const auto& pair : batch) {
        const double* draws = uniforms.size() > 0 ? uniforms.data() + drawn : nullptr;
        const Cache k = forward_pass(p, config_, V, off_E_src_, off_E_tgt_, off_enc_, off_dec_, off_W_query_,
                                     off_W_out_, off_b_out_, pair, draws);
        const std::size_t T = pair.source.size();
        drawn += T;
        // 10. loss = (1 / words) sum_t cross_entropy(logits row t, target_t)
        Matrix d_logits = xt::zeros<double>({T, V});  // (T, V)
        Vector word_losses = xt::zeros<double>({T});  // (T) each target word's own loss
        for (std::size_t t = 0; t < T; ++t) {
            const CrossEntropy ce = cross_entropy(row_of(k.logits, t), pair.target[t]);
            loss_sum += ce.loss;
            word_losses(t) = ce.loss;
            for (std::size_t v = 0; v < V; ++v) d_logits.data()[t * V + v] = ce.d_logits(v) / double(words);
        }
        // 9. logits = F W_out^T + b_out
        Matrix d_F = xt::zeros<double>({T, d_features});  // (T, d_features)
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t v = 0; v < V; ++v) {
                const double dl = d_logits.data()[t * V + v];
                g[off_b_out_ + v] += dl;
                for (std::size_t i = 0; i < d_features; ++i) {
                    g[off_W_out_ + v * d_features + i] += dl * k.F.data()[t * d_features + i];
                    d_F.data()[t * d_features + i] += dl * p[off_W_out_ + v * d_features + i];
                }
            }
        Matrix d_S = xt::zeros<double>({T, H}), d_H_enc = xt::zeros<double>({T, H});  // (T, H) each
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t i = 0; i < H; ++i) d_S.data()[t * H + i] = d_F.data()[t * d_features + i];
        if (attend) {
            // 8. C = weights H_enc (the values are the encoder states)
            Matrix d_C = xt::zeros<double>({T, H});  // (T, H)
            for (std::size_t t = 0; t < T; ++t)
                for (std::size_t i = 0; i < H; ++i) d_C.data()[t * H + i] = d_F.data()[t * d_features + H + i];
            const ValuesBackward vb = attention_backward_values(k.weights, k.H_enc, d_C);
            // 7. weights = softmax(scores); 6. scores = Q H_enc^T / sqrt(H)
            // Hard attention's weights are a step function of the scores: their derivative is 0, so
            // nothing reaches the scores, the queries or W_query.
            ScoresBackward sb;
            if (config_.attending == Attending::soft) {
                sb = attention_backward_scores(k.Q, k.H_enc, k.weights, vb.d_weights);
            } else if (config_.attending == Attending::sampled) {
                // Sampled attention: the draw has no derivative either, but the probability of
                // drawing it has. REINFORCE (6.10): d_scores row t = (loss_t - baseline) *
                // (onehot(sampled_t) - policy row t), scaled like the loss by 1 / words.
                sb.d_scores = reinforce_backward(k.policy, k.sampled, word_losses, baseline_) / double(words);
                // 6. scores = Q H_enc^T / sqrt(H): dQ = d_scores H_enc / sqrt(H), dK = d_scores^T Q / sqrt(H)
                const double scale = 1.0 / std::sqrt(static_cast<double>(H));
                sb.d_queries = xt::zeros<double>({T, H});
                sb.d_keys = xt::zeros<double>({T, H});
                for (std::size_t t = 0; t < T; ++t)
                    for (std::size_t j = 0; j < T; ++j) {
                        const double ds = sb.d_scores.data()[t * T + j] * scale;
                        for (std::size_t i = 0; i < H; ++i) {
                            sb.d_queries.data()[t * H + i] += ds * k.H_enc.data()[j * H + i];
                            sb.d_keys.data()[j * H + i] += ds * k.Q.data()[t * H + i];
                        }
                    }
            } else {
                sb.d_scores = xt::zeros<double>({T, T});
                sb.d_queries = xt::zeros<double>({T, H});
                sb.d_keys = xt::zeros<double>({T, H});
            }
            for (double d : sb.d_scores) largest_d_score = std::max(largest_d_score, std::fabs(d));
            d_H_enc = vb.d_values + sb.d_keys;
            // 5. Q = S W_query^T
            for (std::size_t t = 0; t < T; ++t)
                for (std::size_t o = 0; o < H; ++o) {
                    const double dq = sb.d_queries.data()[t * H + o];
                    for (std::size_t i = 0; i < H; ++i) {
                        g[off_W_query_ + o * H + i] += dq * k.S.data()[t * H + i];
                        d_S.data()[t * H + i] += dq * p[off_W_query_ + o * H + i];
                    }
                }
        } else {
            // 5-8 without attention: C = H_enc row T-1 at every step
            for (std::size_t t = 0; t < T; ++t)
                for (std::size_t i = 0; i < H; ++i)
                    d_H_enc.data()[(T - 1) * H + i] += d_F.data()[t * d_features + H + i];
        }
        // 4. S = decoder RNN over Y_in from s_0 = H_enc row T-1
        std::vector<double> d_s_0;
        const Matrix d_Y_in = rnn_backward(p + off_dec_, g + off_dec_, RnnSlices{E, H}, k.Y_in,
                                           k.H_enc.data() + (T - 1) * H, k.S, d_S, d_s_0);
        for (std::size_t i = 0; i < H; ++i) d_H_enc.data()[(T - 1) * H + i] += d_s_0[i];
        // 3. Y_in = E_tgt[<s>, target_1 .. target_(T-1)]
        for (std::size_t t = 0; t < T; ++t) {
            const std::size_t word = t == 0 ? V : pair.target[t - 1];
            for (std::size_t e = 0; e < E; ++e) g[off_E_tgt_ + word * E + e] += d_Y_in.data()[t * E + e];
        }
        // 2. H_enc = encoder RNN over X from zeros
        const std::vector<double> zeros(H, 0.0);
        std::vector<double> d_h_0;
        const Matrix d_X =
            rnn_backward(p + off_enc_, g + off_enc_, RnnSlices{E, H}, k.X, zeros.data(), k.H_enc, d_H_enc, d_h_0);
        // 1. X = E_src[source]
        for (std::size_t t = 0; t < T; ++t)
            for (std::size_t e = 0; e < E; ++e) g[off_E_src_ + pair.source[t] * E + e] += d_X.data()[t * E + e];
    }
    if (max_abs_d_scores != nullptr) *max_abs_d_scores = largest_d_score;
    const double loss = loss_sum / static_cast<double>(words);
    if (config_.attending == Attending::sampled) baseline_ = 0.9 * baseline_ + 0.1 * loss;
    return loss;
}

void TranslationModel::adam_step() {
    AdamSettings settings;
    settings.lr = config_.lr;
    ch06::adam_step(params_, grads_, adam_, settings);
}

}  // namespace ch06
