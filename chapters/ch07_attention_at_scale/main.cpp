// Chapter 7 - attention at scale: the T^2 wall, the online softmax, flash-style tiles, the KV cache.
//
// Contract: walks the learner through one idea at a time, printing every intermediate number:
//   1. the wall: FLOPs and bytes of GPT-2 small's attention (d 768, 12 heads) for T = 128..16384,
//      computed; with --measure, the naive float32 layer timed for the T that fit quickly;
//   2. the online softmax of one row of scores, step by step (m and l after each score), equal to
//      the stable softmax, and the same row shifted by 1000, where the naive sum overflows;
//   3. two partial states (m, l, acc) over two halves of the keys, merged;
//   4. tiled attention: the state of one query block after each key block, the invariants checked,
//      and every block size from 1 to T equal to the naive attention;
//   5. causal block skipping: which tiles are skipped, full or masked, the dot products counted
//      (here and at GPT-2 sizes), equal to the naive causal attention for every block size;
//   6. the KV cache: the sentence decoded one token at a time, every step equal to a full causal
//      recomputation; grouped-query attention (2 query heads sharing 1 key/value head); the cache's
//      memory for GPT-2 small.
// Every check is printed ([ok]). Weights are drawn as PyTorch draws them after
// torch.manual_seed(--seed), so docs/listings/ch07_pytorch.py reproduces the numbers.
// Not here: timings by default (they differ from run to run; --measure adds them), the float32
// benchmark against PyTorch (tests/bench/attention_vs_pytorch.sh), a backward pass.
//
// Shapes: T tokens (6), d_in = 3, d_out = 4, H = 2 heads of hd = 2; queries, keys, values of one
// head (T, hd); scores (T, T) exist only in the naive version; tile states m, l (B_q), acc (B_q, hd).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include <malloc.h>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

#include "ch07/ch07.hpp"
#include "wb/chapter.hpp"
#include "wb/example.hpp"
#include "wb/torch_rng.hpp"

namespace {

using wb::Matrix;
using wb::max_abs_difference;
using wb::Vector;

struct Settings {
    std::uint32_t seed = 123;
    std::size_t block_q = 2, block_k = 2;
    bool measure = false;
    std::size_t measure_max = 2048;
};

const char* kind_name(ch07::BlockKind kind) {
    return kind == ch07::BlockKind::skip ? "skip" : kind == ch07::BlockKind::full ? "full" : "masked";
}

std::string human_bytes(double bytes) {
    const char* units[] = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (bytes >= 1000.0 && u < 4) bytes /= 1000.0, ++u;
    return fmt::format("{:.1f} {}", bytes, units[u]);
}

std::string human_flops(double flops) {
    const char* units[] = {"", "K", "M", "G", "T"};
    int u = 0;
    while (flops >= 1000.0 && u < 4) flops /= 1000.0, ++u;
    return fmt::format("{:.1f} {}FLOP", flops, units[u]);
}

// Resident memory high-water mark of this process in bytes (VmHWM), after resetting it with
// /proc/self/clear_refs; 0 where /proc is not there.
long long read_status_kb(const char* field) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(field, 0) == 0) return std::stoll(line.substr(std::string(field).size()));
    return 0;
}
void reset_peak() {
    std::ofstream("/proc/self/clear_refs") << "5";
}

// The scaled scores of query i against every key of one head, as a vector (T_k).
Vector score_row(const Matrix& queries, const Matrix& keys, std::size_t i) {
    const std::size_t T_k = keys.shape(0), hd = keys.shape(1);
    Vector row = xt::zeros<double>({T_k});
    for (std::size_t j = 0; j < T_k; ++j) {
        for (std::size_t c = 0; c < hd; ++c) row(j) += queries(i, c) * keys(j, c);
        row(j) /= std::sqrt(static_cast<double>(hd));
    }
    return row;
}

void measure_wall(const wb::Narrator& say, const Settings& s) {
    say.say(fmt::format(
        "Measured on this machine (--measure): the naive float32 layer, all 12 (T, T) "
        "score matrices at once, for T up to {} (--measure-max), OpenBLAS with its default threads. Peak is the "
        "growth of the resident memory during the call.",
        s.measure_max));
    mallopt(M_MMAP_THRESHOLD, 1 << 20);  // big buffers go back to the system when freed
    const ch07::FastWeights w = ch07::random_fast_weights(768, 12, s.seed);
    say.line("       T    time (ms)    peak extra memory    scores alone");
    for (std::size_t T = 128; T <= s.measure_max; T *= 2) {
        std::vector<float> x(T * 768, 0.5f), out(T * 768);
        for (std::size_t k = 0; k < x.size(); ++k) x[k] = static_cast<float>((k * 2654435761u) % 1000) / 1000.0f - 0.5f;
        reset_peak();
        const long long before = read_status_kb("VmRSS:");
        const auto start = std::chrono::steady_clock::now();
        ch07::naive_causal_attention_f32(x.data(), T, w, out.data());
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        const long long peak = read_status_kb("VmHWM:") - before;
        say.line(fmt::format("  {:>6}  {:>11.1f}  {:>19}  {:>14}", T, ms, human_bytes(1024.0 * peak),
                             human_bytes(4.0 * 12 * T * T)));
    }
    say.line("");
}

int run(const Settings& s, const wb::ChapterCli& cli) {
    const wb::Narrator say(cli.color());
    const wb::Example example = wb::the_books_sentence();
    const std::vector<std::string>& tokens = example.tokens;
    const Matrix& inputs = example.inputs;  // (T, d_in) = (6, 3)
    const std::size_t T = inputs.shape(0), d_in = inputs.shape(1), d_out = 4, H = 2, hd = d_out / H;

    say.chapter("Chapter 7 - Attention at scale");
    say.say("Chapters 1-6 computed attention the direct way: every query against every key, a (T, T) "
            "matrix of scores, a softmax per row, a weighted sum. This chapter measures what that costs "
            "when T grows, then computes exactly the same numbers without ever holding the (T, T) "
            "matrix: the online softmax, tiles of queries and keys, skipping the causal future, and the "
            "KV cache of generation.");

    // ---- Step 1: the wall -------------------------------------------------------------------
    say.step("1", "The wall: what T^2 means for GPT-2 small");
    say.say("One attention layer of GPT-2 small: d = 768, H = 12 heads of hd = 64, batch 1. The scores "
            "Q K^T take T x T x hd multiply-adds per head, 2 T^2 d FLOPs over all heads, and the weighted "
            "sum the same again; the projections (Q, K, V and the output) take 8 T d^2, only linear in T. "
            "The scores of all heads hold H T^2 numbers, 4 bytes each in float32.");
    say.line("       T   scores+sum FLOPs   projection FLOPs   (H, T, T) float32   vs T/2 row");
    for (std::size_t t = 128; t <= 16384; t *= 2) {
        const double Td = static_cast<double>(t), d = 768.0;
        const double attn = 4.0 * Td * Td * d, proj = 8.0 * Td * d * d, bytes = 4.0 * 12.0 * Td * Td;
        say.line(fmt::format("  {:>6}  {:>17}  {:>17}  {:>18}   {}", t, human_flops(attn), human_flops(proj),
                             human_bytes(bytes), t == 128 ? "" : "x4"));
    }
    say.line("");
    say.check("doubling T quadruples the scores' FLOPs and bytes (16384 vs 8192: x4)",
              4.0 * 16384.0 * 16384.0 == 4.0 * (4.0 * 8192.0 * 8192.0));
    say.say("At T = 16384 the scores alone are 12.9 GB per layer (float32, all 12 heads), while the "
            "weights of the layer are 9.4 MB. And the FLOPs are not the problem: a CPU core does tens of "
            "GFLOP/s in a matrix product, but the softmax reads and writes every score several times "
            "with about one operation per number, so the time goes into moving 12.9 GB through memory. "
            "The cure is to never write the scores out at all.");
    if (s.measure) measure_wall(say, s);

    // The chapter's weights: MultiHeadAttention(d_in 3, d_out 4, H 2) as PyTorch draws them.
    wb::TorchGenerator gen(s.seed);
    const ch07::MultiHeadWeights mha = ch07::draw_multi_head(gen, d_in, d_out, H, H);
    const Matrix all_queries = ch07::apply_linear(inputs, mha.query);  // (T, d_out)
    const Matrix all_keys = ch07::apply_linear(inputs, mha.key);       // (T, d_out)
    const Matrix all_values = ch07::apply_linear(inputs, mha.value);   // (T, d_out)
    const Matrix queries = ch07::head_columns(all_queries, 0, hd);     // (T, hd): head 0
    const Matrix keys = ch07::head_columns(all_keys, 0, hd);           // (T, hd)
    const Matrix values = ch07::head_columns(all_values, 0, hd);       // (T, hd)
    const std::vector<std::string> hd_cols = wb::numbered_labels("c", hd);

    // ---- Step 2: the online softmax -----------------------------------------------------------
    say.step("2", "The online softmax: one pass, a running maximum");
    say.say(fmt::format("The example: \"Your journey starts with one step\", a multi-head attention with "
                        "d_in = {}, d_out = {}, H = {} drawn after torch.manual_seed({}) (W_query, W_key, "
                        "W_value, out_proj, as Chapter 4). Head 0's queries, keys and values, (T, hd) each:",
                        d_in, d_out, H, s.seed));
    say.show(wb::show(queries, "queries, head 0  (T, hd)").rows(tokens).cols(hd_cols));
    say.show(wb::show(keys, "keys, head 0  (T, hd)").rows(tokens).cols(hd_cols));
    say.show(wb::show(values, "values, head 0  (T, hd)").rows(tokens).cols(hd_cols));
    const Vector row = score_row(queries, keys, T - 1);  // (T): "step" against every key
    say.say("The scaled scores of the last query, \"step\", against all six keys:");
    say.show(wb::show(row, "scores of \"step\"  (T)").cols(tokens));
    say.say("The stable softmax needs two passes before it can write a weight: one for the maximum, one "
            "for the sum. The online softmax (Milakov and Gimelshein, 2018) keeps both in one pass: after "
            "each score, m is the largest score so far and l the sum of exp(x - m) so far. When m grows, "
            "everything summed so far was relative to the old maximum, so l is multiplied by "
            "exp(m_old - m_new):");
    say.line("    j   token      x_j       m after    l after");
    {
        double m = -std::numeric_limits<double>::infinity(), l = 0.0;
        for (std::size_t j = 0; j < T; ++j) {
            const double m_new = std::max(m, row(j));
            l = l * std::exp(m - m_new) + std::exp(row(j) - m_new);
            m = m_new;
            say.line(fmt::format("  {:>3}   {:<8} {:>8.4f}  {:>10.4f} {:>10.4f}", j, tokens[j], row(j), m, l));
        }
        say.line("");
    }
    const ch07::OnlineSoftmax online = ch07::online_softmax(row);
    say.show(wb::show(online.weights, "online softmax weights of \"step\"  (T)").cols(tokens));
    double stable_max = row(0), stable_sum = 0.0;
    for (std::size_t j = 0; j < T; ++j) stable_max = std::max(stable_max, row(j));
    for (std::size_t j = 0; j < T; ++j) stable_sum += std::exp(row(j) - stable_max);
    say.check("m is the largest score and l = sum exp(x - m)",
              online.m == stable_max && std::fabs(online.l - stable_sum) < 1e-12);
    bool equal_weights = true;
    for (std::size_t j = 0; j < T; ++j)
        equal_weights =
            equal_weights && std::fabs(online.weights(j) - std::exp(row(j) - stable_max) / stable_sum) < 1e-15;
    say.check("equal to the two-pass stable softmax (every difference below 1e-15)", equal_weights);
    const Vector shifted = row + 1000.0;  // (T): the same row, 1000 higher
    double naive_sum = 0.0;
    for (std::size_t j = 0; j < T; ++j) naive_sum += std::exp(shifted(j));
    const ch07::OnlineSoftmax shifted_online = ch07::online_softmax(shifted);
    say.say(fmt::format("Shift every score by 1000. A softmax is unchanged by a shift, but sum_j exp(x_j) "
                        "is now {} in double precision. The online softmax never takes exp of anything "
                        "above its running maximum:",
                        naive_sum));
    say.show(wb::show(shifted_online.weights, "online softmax of the scores + 1000  (T)").cols(tokens));
    say.check("the naive sum overflows to inf", std::isinf(naive_sum));
    say.check("the online softmax of the shifted row equals the original (below 1e-12)",
              max_abs_difference(shifted_online.weights, online.weights) < 1e-12);

    // ---- Step 3: merging two partial states --------------------------------------------------
    say.step("3", "Two halves of the keys, merged");
    say.say("Carry the values along: the state of a query over a set of keys S is m (the largest score), "
            "l = sum exp(s_j - m) and acc = sum exp(s_j - m) v_j; the context is acc / l. Two states over "
            "disjoint sets merge exactly: m = max(m1, m2), and each side is rescaled by exp(m_side - m) "
            "before adding. Here \"step\" against keys 0-2 and against keys 3-5:");
    ch07::PartialState halves[2];
    for (int half = 0; half < 2; ++half) {
        ch07::TileState st = ch07::empty_tile_state(1, hd);
        Matrix tile = xt::zeros<double>({std::size_t{1}, std::size_t{3}});  // (1, 3)
        for (std::size_t j = 0; j < 3; ++j) tile(0, j) = row(3 * half + j);
        const Matrix v_half = xt::view(values, xt::range(3 * half, 3 * half + 3), xt::all());  // (3, hd)
        ch07::tile_update(st, tile, v_half);
        halves[half] = ch07::PartialState{st.m(0), st.l(0), xt::view(st.acc, 0, xt::all())};
        say.line(fmt::format("    keys {}-{}:  m = {:.4f}   l = {:.4f}   acc = ({:.4f}, {:.4f})", 3 * half,
                             3 * half + 2, halves[half].m, halves[half].l, halves[half].acc(0), halves[half].acc(1)));
    }
    const ch07::PartialState merged = ch07::merge_states(halves[0], halves[1]);
    say.line(fmt::format("    merged:     m = {:.4f}   l = {:.4f}   acc = ({:.4f}, {:.4f})", merged.m, merged.l,
                         merged.acc(0), merged.acc(1)));
    say.line("");
    const Matrix naive_full = ch07::naive_attention(queries, keys, values, false);  // (T, hd)
    const Vector from_merge = merged.acc / merged.l;                                // (hd)
    say.show(wb::show(from_merge, "acc / l of the merged state: the context of \"step\"  (hd)").cols(hd_cols));
    say.check("equal to the naive attention's row for \"step\" (below 1e-12)",
              max_abs_difference(from_merge, xt::view(naive_full, T - 1, xt::all())) < 1e-12);
    say.check("merging in the other order gives the same state",
              max_abs_difference(ch07::merge_states(halves[1], halves[0]).acc, merged.acc) < 1e-15);

    // ---- Step 4: tiles ------------------------------------------------------------------------
    say.step("4", fmt::format("Tiles: blocks of {} queries against blocks of {} keys", s.block_q, s.block_k));
    say.say("FlashAttention (Dao et al., 2022) applies the merge block by block: a block of B_q queries "
            "keeps one (m, l, acc) per row and meets the keys B_k at a time. Each tile's scores exist only "
            "while that tile is processed. Without a mask (every query sees every key), the first query "
            "block's state after each key block:");
    const double scale = 1.0 / std::sqrt(static_cast<double>(hd));
    const std::size_t q1 = std::min(s.block_q, T);
    ch07::TileState state = ch07::empty_tile_state(q1, hd);
    bool invariants = true;
    for (std::size_t k0 = 0; k0 < T; k0 += s.block_k) {
        const std::size_t k1 = std::min(k0 + s.block_k, T);
        Matrix tile = xt::zeros<double>({q1, k1 - k0});  // (B_q, B_k)
        for (std::size_t i = 0; i < q1; ++i)
            for (std::size_t j = k0; j < k1; ++j) tile(i, j - k0) = score_row(queries, keys, i)(j);
        const Matrix v_block = xt::view(values, xt::range(k0, k1), xt::all());  // (B_k, hd)
        ch07::tile_update(state, tile, v_block);
        say.line(fmt::format("  after keys {}..{}:", k0, k1 - 1));
        for (std::size_t i = 0; i < q1; ++i) {
            say.line(fmt::format("    {:<8} m = {:>8.4f}   l = {:>8.4f}   acc = ({:.4f}, {:.4f})", tokens[i],
                                 state.m(i), state.l(i), state.acc(i, 0), state.acc(i, 1)));
            // The invariants, recomputed directly over keys 0..k1-1.
            const Vector full_row = score_row(queries, keys, i);
            double m = full_row(0), l = 0.0, a0 = 0.0, a1 = 0.0;
            for (std::size_t j = 0; j < k1; ++j) m = std::max(m, full_row(j));
            for (std::size_t j = 0; j < k1; ++j) {
                const double p = std::exp(full_row(j) - m);
                l += p, a0 += p * values(j, 0), a1 += p * values(j, 1);
            }
            invariants = invariants && state.m(i) == m && std::fabs(state.l(i) - l) < 1e-12 &&
                         std::fabs(state.acc(i, 0) - a0) < 1e-12 && std::fabs(state.acc(i, 1) - a1) < 1e-12;
        }
    }
    say.line("");
    (void)scale;
    say.check("after every key block: m = max score so far, l = sum exp(s - m), acc = sum exp(s - m) v", invariants);
    const ch07::TileSizes sizes{s.block_q, s.block_k};
    const Matrix tiled = ch07::tiled_attention(queries, keys, values, sizes);  // (T, hd)
    say.show(wb::show(tiled, "tiled attention, no mask, head 0  (T, hd)").rows(tokens).cols(hd_cols));
    say.check("equal to the naive attention (below 1e-12)", max_abs_difference(tiled, naive_full) < 1e-12);
    double worst = 0.0;
    for (std::size_t bq = 1; bq <= T; ++bq)
        for (std::size_t bk = 1; bk <= T; ++bk)
            worst =
                std::max(worst, max_abs_difference(ch07::tiled_attention(queries, keys, values, {bq, bk}), naive_full));
    say.check(fmt::format("for all {} pairs of block sizes 1..{}, uneven last blocks included: largest "
                          "difference {:.1e}",
                          T * T, T, worst),
              worst < 1e-12);

    // ---- Step 5: skipping the future ---------------------------------------------------------
    say.step("5", "Causal: skip the future, mask only the diagonal");
    say.say("With the causal mask, query i sees keys j <= i. A tile whose first key comes after its last "
            "query is entirely in the future: skip it. A tile whose last key is at or before its first "
            "query needs no mask at all. Only the tiles the diagonal crosses are masked. The tiles of the "
            "example:");
    ch07::TileCounts counts;
    const Matrix causal = ch07::causal_tiled_attention(queries, keys, values, sizes, {}, &counts);  // (T, hd)
    for (std::size_t q0 = 0; q0 < T; q0 += s.block_q) {
        std::string line = fmt::format("    queries {}..{}: ", q0, std::min(q0 + s.block_q, T) - 1);
        for (std::size_t k0 = 0; k0 < T; k0 += s.block_k)
            line += fmt::format(" {:<7}", kind_name(ch07::causal_block_kind(q0, std::min(q0 + s.block_q, T), k0,
                                                                            std::min(k0 + s.block_k, T))));
        say.line(line);
    }
    say.line("");
    say.line(fmt::format("    tiles: {} skipped, {} full, {} masked; {} dot products q.k computed of {}",
                         counts.skipped, counts.full, counts.masked, counts.score_dots, T * T));
    say.line("");
    const Matrix naive_causal = ch07::naive_attention(queries, keys, values, true);  // (T, hd)
    say.show(wb::show(causal, "causal tiled attention, head 0  (T, hd)").rows(tokens).cols(hd_cols));
    say.check("equal to the naive causal attention (below 1e-12)", max_abs_difference(causal, naive_causal) < 1e-12);
    worst = 0.0;
    for (std::size_t bq = 1; bq <= T; ++bq)
        for (std::size_t bk = 1; bk <= T; ++bk)
            worst = std::max(
                worst, max_abs_difference(ch07::causal_tiled_attention(queries, keys, values, {bq, bk}), naive_causal));
    say.check(fmt::format("for all block sizes 1..{}: largest difference {:.1e}", T, worst), worst < 1e-12);
    say.say("At GPT-2 sizes the saving approaches one half: the computed tiles are the lower triangle "
            "plus the diagonal's tiles. Dot products per head, counted tile by tile:");
    say.line("       T   block   computed          of T^2         fraction");
    for (std::size_t t : {1024u, 4096u, 16384u})
        for (std::size_t b : {64u, 128u}) {
            std::size_t dots = 0;
            for (std::size_t q0 = 0; q0 < t; q0 += b)
                for (std::size_t k0 = 0; k0 < t; k0 += b)
                    if (ch07::causal_block_kind(q0, q0 + b, k0, k0 + b) != ch07::BlockKind::skip) dots += b * b;
            say.line(fmt::format("  {:>6}  {:>5}   {:>12}  {:>12}   {:>8.4f}", t, b, dots, t * t,
                                 static_cast<double>(dots) / static_cast<double>(t * t)));
        }
    say.line("");
    if (s.measure) {
        const ch07::FastWeights w = ch07::random_fast_weights(768, 12, s.seed);
        const std::size_t n = 1024;
        std::vector<float> xs(n * 768), out(n * 768);
        for (std::size_t k = 0; k < xs.size(); ++k) xs[k] = static_cast<float>((k * 40503u) % 1000) / 1000.0f - 0.5f;
        double ms[2];
        for (int skip = 0; skip < 2; ++skip) {
            ch07::FastOptions options;
            options.skip_future = skip == 1;
            const auto start = std::chrono::steady_clock::now();
            ch07::fast_causal_attention(xs.data(), n, w, out.data(), options);
            ms[skip] = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        }
        say.say(fmt::format("Measured, float32 layer, T = {}, tiles of 128: every tile {:.1f} ms, future skipped "
                            "{:.1f} ms (projections included; an optimised build is faster).",
                            n, ms[0], ms[1]));
    }
    if (!cli.svg_dir().empty()) {
        const std::size_t n = 16, b = 4;
        Matrix map = xt::zeros<double>({n, n});  // (16, 16): 1 computed and seen, 0.4 computed but masked, 0 skipped
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                const ch07::BlockKind kind =
                    ch07::causal_block_kind(i / b * b, i / b * b + b, j / b * b, j / b * b + b);
                map(i, j) = kind == ch07::BlockKind::skip ? 0.0 : j <= i ? 1.0 : 0.4;
            }
        wb::HeatmapStyle style;
        style.title = "Causal tiles, T = 16, blocks of 4 (value 1: computed, 0.4: computed but masked, 0: skipped)";
        style.decimals = 1;
        const std::string path = wb::write_heatmap_svg(cli.svg_dir(), "ch07-causal-tiles.svg", map, style);
        say.say(fmt::format("Wrote the tile map to {} (open it in a browser).", path));
    }

    // ---- Step 6: the KV cache -----------------------------------------------------------------
    say.step("6", "Generation with a KV cache");
    say.say("A model that generates text produces one token at a time, and each new token's query needs "
            "the keys and values of all the tokens before it. Those never change (causal attention: "
            "earlier tokens do not see later ones), so they are kept in a cache: each step projects only "
            "the new token, appends its key and value, and attends with one query over the cache. Both "
            "heads, out_proj included, the sentence fed one token at a time:");
    ch07::KVCache cache = ch07::make_cache(mha, T);
    const Matrix recomputed = ch07::causal_multi_head_naive(inputs, mha);  // (T, d_out), all at once
    say.line("    step  token    cache  the cached step's output (d_out)     vs recomputed");
    bool every_step = true;
    std::size_t cache_dots = 0, recompute_dots = 0;
    for (std::size_t t = 0; t < T; ++t) {
        const Vector x = xt::view(inputs, t, xt::all());                         // (d_in)
        const Vector y = ch07::kv_cache_step(cache, x, mha);                     // (d_out)
        const Matrix prefix = xt::view(inputs, xt::range(0, t + 1), xt::all());  // (t+1, d_in)
        const Matrix again = ch07::causal_multi_head_naive(prefix, mha);         // (t+1, d_out)
        const double diff = max_abs_difference(y, xt::view(again, t, xt::all()));
        every_step = every_step && diff < 1e-12;
        cache_dots += t + 1;  // per head
        recompute_dots += (t + 1) * (t + 2) / 2;
        say.line(fmt::format("    {:>4}  {:<8} {:>5}  {:>8.4f}{:>9.4f}{:>9.4f}{:>9.4f}   {:.1e}", t, tokens[t],
                             cache.length, y(0), y(1), y(2), y(3), diff));
    }
    say.line("");
    say.check("at every step the cached output equals a full causal recomputation (below 1e-12)", every_step);
    const Matrix decoded = ch07::decode_incrementally(inputs, mha);  // (T, d_out)
    say.show(wb::show(decoded, "decoded one token at a time  (T, d_out)")
                 .rows(tokens)
                 .cols(wb::numbered_labels("c", d_out)));
    say.check("equal to the causal multi-head attention of all six tokens at once",
              max_abs_difference(decoded, recomputed) < 1e-12);
    say.say(fmt::format("Work per step, counted for one head (every head does the same): t + 1 dot "
                        "products q.k with the cache, against (t + 1)(t + 2) / 2 when every step "
                        "recomputes the causal attention of its prefix. Over these {} steps, per head: {} "
                        "against {}; for 512 tokens, per head: {} against {}.",
                        T, cache_dots, recompute_dots, 512 * 513 / 2, 512ull * 513 * 514 / 6));

    say.say("The cache is the new memory cost: 2 (keys and values) x layers x H_kv x hd numbers per "
            "token. Grouped-query attention (Ainslie et al., 2023) lets several query heads share one "
            "key/value head, and multi-query attention (Shazeer, 2019) shares one among all. Here H = 2 "
            "query heads share H_kv = 1 (weights drawn again from the same seed):");
    wb::TorchGenerator gqa_gen(s.seed);
    const ch07::MultiHeadWeights gqa = ch07::draw_multi_head(gqa_gen, d_in, d_out, H, 1);
    const Matrix gqa_decoded = ch07::decode_incrementally(inputs, gqa);  // (T, d_out)
    say.show(wb::show(gqa_decoded, "H = 2, H_kv = 1, decoded with the cache  (T, d_out)")
                 .rows(tokens)
                 .cols(wb::numbered_labels("c", d_out)));
    say.check("equal to its full recomputation (below 1e-12)",
              max_abs_difference(gqa_decoded, ch07::causal_multi_head_naive(inputs, gqa)) < 1e-12);
    say.check("its cache holds half the numbers: (1, T, hd) keys instead of (2, T, hd)",
              ch07::make_cache(gqa, T).keys.size() * 2 == ch07::make_cache(mha, T).keys.size());
    say.say("For GPT-2 small (12 layers, 12 heads of 64) in float32, per token and for a 1024-token context:");
    for (std::size_t kv : {12u, 4u, 1u}) {
        const double per_token = 2.0 * 12 * static_cast<double>(kv) * 64 * 4;
        say.line(fmt::format("    H_kv = {:>2}: {:>9} per token, {:>9} for 1024 tokens", kv, human_bytes(per_token),
                             human_bytes(per_token * 1024)));
    }
    say.line("");
    if (s.measure) {
        const ch07::FastWeights w = ch07::random_fast_weights(768, 12, s.seed);
        const std::size_t n = 128;
        std::vector<float> xs(n * 768), out(768), full(n * 768);
        for (std::size_t k = 0; k < xs.size(); ++k) xs[k] = static_cast<float>((k * 40503u) % 1000) / 1000.0f - 0.5f;
        auto start = std::chrono::steady_clock::now();
        ch07::FastCache fc = ch07::make_fast_cache(w, n);
        for (std::size_t t = 0; t < n; ++t) ch07::fast_cache_step(fc, xs.data() + t * 768, w, out.data());
        const double cached_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        start = std::chrono::steady_clock::now();
        for (std::size_t t = 1; t <= n; ++t) ch07::fast_causal_attention(xs.data(), t, w, full.data(), {});
        const double full_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        say.say(fmt::format("Measured, {} tokens, float32, one layer: cache {:.1f} ms, recomputing {:.1f} ms "
                            "({:.1f}x).",
                            n, cached_ms, full_ms, full_ms / cached_ms));
    }

    say.say("The float32 versions of these algorithms, tiled on OpenBLAS's sgemm, are in "
            "exercises/ch07/given_fast_attention.cpp; tests/bench/attention_vs_pytorch.sh races them "
            "against PyTorch. Next: the exercises. Run `./workbook` to start them, or check one with "
            "`./workbook check 7.1`.");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    wb::ChapterCli cli("ch07_attention_at_scale",
                       "Chapter 7: attention at scale. The cost of the (T, T) scores, the online softmax, "
                       "flash-style tiled attention, causal block skipping and the KV cache, each checked "
                       "against the naive attention.");
    long long seed = 123, block = 0, block_q = 2, block_k = 2, measure_max = 2048;
    bool measure = false;
    CLI::App& app = cli.app();
    app.add_option("--seed", seed, "Seed for the weights, as torch.manual_seed (default 123)")
        ->type_name("N")
        ->transform(wb::decimal_integer());
    auto* block_opt = app.add_option("--block", block, "Block size for both queries and keys, 1 to 6")
                          ->type_name("N")
                          ->transform(wb::decimal_integer());
    auto* bq_opt = app.add_option("--block-q", block_q, "Queries per tile, 1 to 6 (default 2)")
                       ->type_name("N")
                       ->transform(wb::decimal_integer());
    auto* bk_opt = app.add_option("--block-k", block_k, "Keys per tile, 1 to 6 (default 2)")
                       ->type_name("N")
                       ->transform(wb::decimal_integer());
    app.add_flag("--measure", measure, "Also time the naive float32 layer and the float32 KV cache on this machine");
    auto* max_opt =
        app.add_option("--measure-max", measure_max,
                       "With --measure: the largest T timed, a power of two from 128 to 8192 (default 2048)")
            ->type_name("T")
            ->transform(wb::decimal_integer());
    if (auto status = cli.parse(argc, argv)) return *status;

    if (seed < 0 || seed > 4294967295LL)
        return cli.usage_error(fmt::format("--seed {} is outside 0..4294967295", seed));
    if (block_opt->count() > 0) {
        if (bq_opt->count() > 0 || bk_opt->count() > 0)
            return cli.usage_error("--block sets both block sizes; give it or --block-q/--block-k, not both");
        block_q = block_k = block;
    }
    for (const auto& [name, value] : {std::pair<const char*, long long>{"--block", block_opt->count() ? block : 1},
                                      {"--block-q", block_q},
                                      {"--block-k", block_k}})
        if (value < 1 || value > 6)
            return cli.usage_error(fmt::format("{} {} is outside 1..6: the example has 6 tokens", name, value));
    if (max_opt->count() > 0 && !measure) return cli.usage_error("--measure-max needs --measure");
    if (measure_max < 128 || measure_max > 8192 || (measure_max & (measure_max - 1)) != 0)
        return cli.usage_error(fmt::format("--measure-max {} is not a power of two from 128 to 8192", measure_max));

    Settings s;
    s.seed = static_cast<std::uint32_t>(seed);
    s.block_q = static_cast<std::size_t>(block_q);
    s.block_k = static_cast<std::size_t>(block_k);
    s.measure = measure;
    s.measure_max = static_cast<std::size_t>(measure_max);
    return wb::run_chapter([&] { return run(s, cli); });
}
