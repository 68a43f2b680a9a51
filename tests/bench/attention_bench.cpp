// tests/bench/attention_bench.cpp - the workbook's side of tests/bench/attention_vs_pytorch.sh.
//
// Contract: times or measures one thing per run, on GPT-2 small's attention (d 768, 12 heads,
// batch 1, float32, random weights and inputs), and prints one line of key=value pairs:
//   attention_bench time   --T N --threads N [--reps N] [--variant tiled|naive|tiled-noskip]
//       -> "variant=tiled T=1024 threads=1 median_ms=... min_ms=..." (one warm-up run first)
//   attention_bench memory --T N [--variant tiled|naive|tiled-noskip]
//       -> "variant=tiled T=16384 extra_bytes=..." (the growth of the resident set during one
//          forward: VmHWM after minus VmRSS before, the high-water mark reset via clear_refs)
//   attention_bench kv     --tokens N --threads N
//       -> "tokens=512 threads=1 cache_ms=... recompute_ms=..." (generating N tokens one at a
//          time with the KV cache, against recomputing the causal forward of the whole prefix at
//          every step with the tiled kernel)
//   attention_bench check  -> "check max_abs_diff=..." (tiled against naive, T = 300, blocks of
//          64 with an uneven last block, 2 threads); exits 1 if above 1e-4.
//   attention_bench sgemm  --threads N [--reps N]
//       -> "sgemm n=1024 threads=1 median_ms=... gflops=..." (OpenBLAS's own sgemm, 1024^3, on its
//          own N threads: the machine's limit the forward is compared with)
//   attention_bench info   -> "openblas=0.3.21 kernels=Haswell compiler=GCC 12.2.0"
// Bad arguments print "error: ..." and exit 2. Needs an optimised build to mean anything.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <dlfcn.h>
#include <malloc.h>

#include "ch07/ch07.hpp"

extern "C" void openblas_set_num_threads(int num_threads);
extern "C" char* openblas_get_config(void);
extern "C" void sgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
                       const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
                       const float* beta, float* c, const int* ldc);
extern "C" char* openblas_get_corename(void);

namespace {

constexpr std::size_t d_model = 768, heads = 12;

long long status_kb(const char* field) {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind(field, 0) == 0) return std::stoll(line.substr(std::string(field).size()));
    return -1;
}

std::vector<float> inputs(std::size_t T) {
    std::vector<float> x(T * d_model);  // (T, d)
    for (std::size_t k = 0; k < x.size(); ++k) x[k] = static_cast<float>((k * 2654435761u) % 2000) / 1000.0f - 1.0f;
    return x;
}

double ms_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

int usage(const std::string& message) {
    std::fprintf(stderr,
                 "error: %s\nusage: attention_bench time|memory|kv|check|sgemm|info [--T N] [--threads N] [--reps N] "
                 "[--variant tiled|naive|tiled-noskip] [--tokens N] [--block-q N] [--block-k N]\n",
                 message.c_str());
    return 2;
}

// C (n, n) = A (n, n) B (n, n), through BLAS's Fortran entry point (no header of its own needed).
void cblas_sgemm_wrapper(int n, const float* a, const float* b, float* c) {
    const float one = 1.0f, zero = 0.0f;
    sgemm_("N", "N", &n, &n, &n, &one, a, &n, b, &n, &zero, c, &n);
}

// OpenBLAS's threads for its own calls on this thread, whichever threading it was built with.
void set_blas_threads(std::size_t threads) {
    openblas_set_num_threads(static_cast<int>(threads));
    // OpenBLAS on OpenMP takes its count from OpenMP, when an OpenMP library is loaded.
    using OmpSet = void (*)(int);
    if (const auto set = reinterpret_cast<OmpSet>(dlsym(RTLD_DEFAULT, "omp_set_num_threads")))
        set(static_cast<int>(threads));
}

std::size_t block_q_option = 0, block_k_option = 0;  // 0: FastOptions' defaults

void forward(const std::string& variant, const float* x, std::size_t T, const ch07::FastWeights& w, float* out,
             std::size_t threads) {
    if (variant == "naive") {
        set_blas_threads(threads);
        ch07::naive_causal_attention_f32(x, T, w, out);
    } else {
        ch07::FastOptions options;
        options.threads = threads;
        options.skip_future = variant != "tiled-noskip";
        if (block_q_option) options.block_q = block_q_option;
        if (block_k_option) options.block_k = block_k_option;
        ch07::fast_causal_attention(x, T, w, out, options);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage("no mode");
    const std::string mode = argv[1];
    std::size_t T = 1024, threads = 1, reps = 5, tokens = 512, block_q = 0, block_k = 0;
    std::string variant = "tiled";
    for (int a = 2; a < argc; a += 2) {
        const std::string key = argv[a];
        if (a + 1 >= argc) return usage(key + " needs a value");
        const std::string value = argv[a + 1];
        if (key == "--variant") {
            if (value != "tiled" && value != "naive" && value != "tiled-noskip")
                return usage("unknown variant " + value);
            variant = value;
            continue;
        }
        char* end = nullptr;
        const long long n = std::strtoll(value.c_str(), &end, 10);
        if (*end != '\0' || n < 1 || n > 1 << 20) return usage(key + " " + value + " is not a positive number");
        if (key == "--T")
            T = static_cast<std::size_t>(n);
        else if (key == "--threads")
            threads = static_cast<std::size_t>(n);
        else if (key == "--reps")
            reps = static_cast<std::size_t>(n);
        else if (key == "--tokens")
            tokens = static_cast<std::size_t>(n);
        else if (key == "--block-q")
            block_q = static_cast<std::size_t>(n);
        else if (key == "--block-k")
            block_k = static_cast<std::size_t>(n);
        else
            return usage("unknown option " + key);
    }
    block_q_option = block_q;
    block_k_option = block_k;
    if (mode == "info") {
        // "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH ..." -> its second word
        const std::string config = openblas_get_config(), version = config.substr(0, config.find(' ', 9));
#ifdef __clang__
        const char* compiler = "clang " __clang_version__;
#else
        const char* compiler = "GCC " __VERSION__;
#endif
        std::printf("openblas=%s kernels=%s compiler=%s\n", version.substr(version.find(' ') + 1).c_str(),
                    openblas_get_corename(), compiler);
        return 0;
    }
    if (mode == "sgemm") {
        const int n = 1024;
        std::vector<float> a(n * n, 0.5f), b(n * n, 0.25f), c(n * n);  // (n, n) each
        set_blas_threads(threads);
        std::vector<double> times;
        for (std::size_t r = 0; r <= std::max<std::size_t>(reps, 5); ++r) {
            const auto start = std::chrono::steady_clock::now();
            cblas_sgemm_wrapper(n, a.data(), b.data(), c.data());
            if (r > 0) times.push_back(ms_since(start));  // the first one warms up
        }
        std::sort(times.begin(), times.end());
        const double median = times[times.size() / 2];
        std::printf("sgemm n=%d threads=%zu median_ms=%.3f gflops=%.1f\n", n, threads, median,
                    2.0 * n * n * n / (median * 1e6));
        return 0;
    }
    const ch07::FastWeights w = ch07::random_fast_weights(d_model, heads, 2024);

    if (mode == "check") {
        const std::size_t n = 300;
        const std::vector<float> x = inputs(n);
        std::vector<float> a(n * d_model), b(n * d_model);
        forward("tiled", x.data(), n, w, a.data(), 2);
        forward("naive", x.data(), n, w, b.data(), 1);
        double worst = 0.0;
        for (std::size_t k = 0; k < a.size(); ++k) worst = std::max(worst, std::fabs(double(a[k]) - double(b[k])));
        std::printf("check max_abs_diff=%.3g\n", worst);
        return worst <= 1e-4 ? 0 : 1;
    }
    if (mode == "time") {
        const std::vector<float> x = inputs(T);
        std::vector<float> out(T * d_model);
        forward(variant, x.data(), T, w, out.data(), threads);  // warm-up
        std::vector<double> times;
        for (std::size_t r = 0; r < reps; ++r) {
            const auto start = std::chrono::steady_clock::now();
            forward(variant, x.data(), T, w, out.data(), threads);
            times.push_back(ms_since(start));
        }
        std::sort(times.begin(), times.end());
        std::printf("variant=%s T=%zu threads=%zu median_ms=%.2f min_ms=%.2f\n", variant.c_str(), T, threads,
                    times[times.size() / 2], times[0]);
        return 0;
    }
    if (mode == "memory") {
        mallopt(M_MMAP_THRESHOLD, 1 << 20);  // big buffers come from and go back to the system
        const std::vector<float> x = inputs(T);
        std::vector<float> out(T * d_model, 0.0f);  // touched before the baseline
        std::ofstream("/proc/self/clear_refs") << "5";
        const long long before = status_kb("VmRSS:");
        forward(variant, x.data(), T, w, out.data(), threads);
        const long long peak = status_kb("VmHWM:");
        std::printf("variant=%s T=%zu extra_bytes=%lld\n", variant.c_str(), T, (peak - before) * 1024);
        return 0;
    }
    if (mode == "kv") {
        const std::vector<float> x = inputs(tokens);
        std::vector<float> step(d_model), full(tokens * d_model);
        set_blas_threads(threads);
        auto start = std::chrono::steady_clock::now();
        ch07::FastCache cache = ch07::make_fast_cache(w, tokens);
        for (std::size_t t = 0; t < tokens; ++t) ch07::fast_cache_step(cache, x.data() + t * d_model, w, step.data());
        const double cache_ms = ms_since(start);
        // The same last token's output both ways, as a check that both compute the same thing.
        start = std::chrono::steady_clock::now();
        for (std::size_t t = 1; t <= tokens; ++t) forward("tiled", x.data(), t, w, full.data(), threads);
        const double recompute_ms = ms_since(start);
        double worst = 0.0;
        for (std::size_t c = 0; c < d_model; ++c)
            worst = std::max(worst, std::fabs(double(step[c]) - double(full[(tokens - 1) * d_model + c])));
        std::printf("tokens=%zu threads=%zu cache_ms=%.2f recompute_ms=%.2f last_token_max_abs_diff=%.3g\n", tokens,
                    threads, cache_ms, recompute_ms, worst);
        return 0;
    }
    return usage("unknown mode " + mode);
}
