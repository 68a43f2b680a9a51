// exercises/ch07/given_fast_attention.cpp - ready-made: the float32 path, tiled on OpenBLAS's sgemm.
//
// Contract (declarations in exercises/ch07/ch07.hpp, section "the float32 path"): causal multi-head
// self-attention for GPT-style fused weights on raw row-major float arrays, three ways:
//   fast_causal_attention       the tiled algorithm of exercises 7.3-7.6: for every (head, query
//                               block), key blocks in order, S = Q K^T and acc += P V by a small
//                               AVX-512 / AVX2 kernel of our own (cblas_sgemm on other CPUs),
//                               the online softmax between them, future blocks skipped, only the
//                               diagonal block masked. The (T, T) matrix never exists.
//   naive_causal_attention_f32  the same numbers the Chapter 4 way: all H (T, T) scores at once.
//   fast_cache_step             one decoding step with a KV cache (exercise 7.7 in float32).
// Invariants of the tiled loop, per query row i of the block, after key blocks 0..k:
//   m_i = max_{j <= end of block k, j <= i} s_ij;  l_i = sum_j exp(s_ij - m_i);  acc_i = sum_j exp(s_ij - m_i) v_j.
// Threads: `threads` std::threads of our own share out the work: the projections in pieces of rows,
// the tile loop in (head, query block) pairs, each taken from a shared counter. OpenBLAS is asked
// for one thread meanwhile (its threads would compete with ours), and the KV-cache step, too small
// to share, runs on one.
// Compiled into both ch07_exercises and ch07_solutions; fast only in an optimised build
// (-DCMAKE_BUILD_TYPE=Release), which the benchmark uses.
// Not here: a backward pass, dropout, other masks than causal, anything but float32.
#include "ch07/ch07.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <new>
#include <random>
#include <stdexcept>
#include <thread>

#include <dlfcn.h>
#include <fmt/format.h>
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define WB_TILE_KERNEL 1  // our own AVX2 + FMA kernel for the two products of a tile
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif
// cblas_sgemm and cblas_sgemv. xtensor-blas 0.20 (Debian 12) declares them itself, through its
// copy of FLENS's cblas.h, and OpenBLAS's own cblas.h next to it would declare them twice;
// xtensor-blas 0.21 (Debian 13) includes that copy before it turns on HAVE_CBLAS, so it declares
// nothing and OpenBLAS's header is the one to use.
#include <xtensor-blas/xlinalg.hpp>
#if XTENSOR_BLAS_VERSION_MAJOR == 0 && XTENSOR_BLAS_VERSION_MINOR >= 21
#include <cblas.h>
#endif

extern "C" void openblas_set_num_threads(int num_threads);  // OpenBLAS's own entry points
extern "C" int openblas_get_num_threads(void);

namespace ch07 {

namespace {

// `lanes` floats processed as one (8 with GCC, 4 with clang, see below): GCC's and clang's vector
// extension. Arithmetic and comparisons work lane by lane, so a loop over floatv becomes vector
// instructions without -ffast-math (the compiler may not reorder a float sum by itself; with one
// partial sum per lane we reorder it ourselves). A 32-byte floatv is passed in a ymm register with
// AVX and in memory without, and online_softmax_tile has an AVX2 clone: a helper compiled without
// AVX that the clone called would read its argument from the wrong place. So every function that
// takes or returns a floatv is always inlined (also without optimisation) and no floatv crosses a
// call. GCC still warns about the two conventions where such a function is declared (-Wpsabi);
// the pragma below silences that warning, which cannot apply here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif
#if defined(__clang__)
// clang refuses a 256-bit vector in any call made from code without AVX, inlined or not: there the
// vectors hold four floats (SSE, which every x86-64 CPU has).
using floatv = float __attribute__((vector_size(16)));
using intv = std::int32_t __attribute__((vector_size(16)));
#else
using floatv = float __attribute__((vector_size(32)));
using intv = std::int32_t __attribute__((vector_size(32)));
#endif
constexpr std::size_t lanes = sizeof(floatv) / sizeof(float);  // 8 (GCC) or 4 (clang)

[[gnu::always_inline]] inline floatv load_lanes(const float* p) {
    floatv v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
[[gnu::always_inline]] inline void store_lanes(float* p, floatv v) {
    std::memcpy(p, &v, sizeof v);
}

// exp(x) in float32 for x <= 0 (scores minus their row maximum), to about 2e-7 relative error, on
// eight values at once: x = n ln2 + r with |r| <= ln2 / 2, then e^r by its Taylor polynomial of
// degree 6, times 2^n built in the exponent bits. Below -87 (and for -inf, a masked score) it
// returns exactly 0. No branch: both sides of the last select are computed, then one is kept.
[[gnu::always_inline]] inline floatv exp_nonpositive(floatv x) {
    const floatv clamped = x > -87.0f ? x : floatv{} - 87.0f;
    const floatv t = clamped * 1.44269504088896341f;   // x / ln 2
    const floatv n = (t + 12582912.0f) - 12582912.0f;  // round to nearest (1.5 * 2^23 trick)
    const floatv r = (clamped - n * 0.693145751953125f) - n * 1.42860682030941723e-6f;  // Cody-Waite, ln2 hi + lo
    floatv p = r * (1.0f / 720.0f) + 1.0f / 120.0f;
    p = p * r + 1.0f / 24.0f;
    p = p * r + 1.0f / 6.0f;
    p = p * r + 0.5f;
    p = p * r + 1.0f;
    p = p * r + 1.0f;
    const intv bits = (__builtin_convertvector(n, intv) + 127) << 23;  // 2^n, n in -126..0
    floatv scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return x < -87.0f ? floatv{} : p * scale;
}

// The same for one value (the tail of a row, the KV cache).
inline float exp_nonpositive(float x) {
    return exp_nonpositive(floatv{} + x)[0];
}

// The online-softmax step of one tile, in place: scores (rows, cols) become P = exp(S - m_new),
// with the causal mask applied on the way (key k0 + j is visible to query q0 + i when
// k0 + j <= q0 + i; invisible entries become 0), m and l updated, alpha_i = exp(m_old - m_new).
// Two passes over each row (its maximum, then exp and sum), eight scores at a time;
// target_clones adds an AVX2 version that runs where the CPU has it.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("avx2", "default")))
#endif
void online_softmax_tile(float* scores, std::size_t rows, std::size_t cols, std::size_t q0, std::size_t k0, float* m,
                         float* l, float* alpha) {
    const float minus_infinity = -std::numeric_limits<float>::infinity();
    for (std::size_t i = 0; i < rows; ++i) {
        float* row = scores + i * cols;
        // Visible keys of this row: 0 .. seen-1 (all of them in a tile below the diagonal).
        const std::size_t position = q0 + i;
        const std::size_t seen = position < k0 ? 0 : std::min(cols, position - k0 + 1);
        alpha[i] = 1.0f;
        if (seen == 0) {
            std::fill(row, row + cols, 0.0f);
            continue;
        }
        // Pass 1: m_new = max(m_old, the visible scores).
        floatv largest = floatv{} + minus_infinity;
        std::size_t j = 0;
        for (; j + lanes <= seen; j += lanes) {
            const floatv s = load_lanes(row + j);
            largest = s > largest ? s : largest;
        }
        float m_new = m[i];
        for (std::size_t k = 0; k < lanes; ++k) m_new = std::max(m_new, largest[k]);
        for (; j < seen; ++j) m_new = std::max(m_new, row[j]);
        // Pass 2: P = exp(S - m_new) in place of S, and its row sum.
        floatv partial = floatv{};
        for (j = 0; j + lanes <= seen; j += lanes) {
            const floatv p = exp_nonpositive(load_lanes(row + j) - m_new);
            store_lanes(row + j, p);
            partial += p;
        }
        float sum = 0.0f;
        for (; j < seen; ++j) sum += (row[j] = exp_nonpositive(row[j] - m_new));
        for (std::size_t k = 0; k < lanes; ++k) sum += partial[k];
        std::fill(row + seen, row + cols, 0.0f);   // the masked future of a diagonal tile
        alpha[i] = exp_nonpositive(m[i] - m_new);  // 0 on the first tile (m = -inf)
        l[i] = alpha[i] * l[i] + sum;
        m[i] = m_new;
    }
}

void check_fast(const FastWeights& w) {
    const std::size_t d = w.d_model;
    if (d == 0 || w.num_heads == 0 || d % w.num_heads != 0)
        throw std::invalid_argument(fmt::format("fast attention: H = {} must divide d = {}", w.num_heads, d));
    if (w.w_qkv.size() != 3 * d * d || w.b_qkv.size() != 3 * d || w.w_out.size() != d * d || w.b_out.size() != d)
        throw std::invalid_argument("fast attention: weight sizes do not fit d_model");
}

// OpenBLAS's own threads stay out of the way while an object of this type lives: every sgemm then
// runs on the thread that calls it. OpenBLAS splits even a tiny product between its threads, which
// then wait for each other (spinning for a while after each call); beside our own threads, or on a
// machine busy with other programs, that wait is what the time goes to (ten times slower on two
// threads than on one). All the threading of this file is our own, over independent pieces of work.
// With OpenBLAS on OpenMP the limit is OpenMP's, and it holds for one thread only: the constructor
// sets it for the calling thread, and blas_on_one_thread() for each of our worker threads.
// OpenBLAS built on OpenMP (Debian's libopenblas0-openmp) ignores openblas_set_num_threads and uses
// as many threads as OpenMP allows the calling thread. OpenMP's setter and getter are looked up in
// the running program: null when no OpenMP library is loaded (OpenBLAS on pthreads).
using OmpSet = void (*)(int);
using OmpGet = int (*)();
OmpSet omp_set() {
    static const OmpSet set = reinterpret_cast<OmpSet>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
    return set;
}
OmpGet omp_get() {
    static const OmpGet get = reinterpret_cast<OmpGet>(dlsym(RTLD_DEFAULT, "omp_get_max_threads"));
    return get;
}
void blas_on_one_thread() {
    if (omp_set() != nullptr) omp_set()(1);
}
class SingleThreadedBlas {
  public:
    SingleThreadedBlas() : before_(openblas_get_num_threads()), omp_before_(omp_get() != nullptr ? omp_get()() : 0) {
        openblas_set_num_threads(1);
        blas_on_one_thread();
    }
    ~SingleThreadedBlas() {
        openblas_set_num_threads(before_);
        if (omp_set() != nullptr && omp_before_ > 0) omp_set()(omp_before_);
    }
    SingleThreadedBlas(const SingleThreadedBlas&) = delete;
    SingleThreadedBlas& operator=(const SingleThreadedBlas&) = delete;

  private:
    int before_, omp_before_;
};

// Runs work(item, worker) for item = 0 .. items-1 on `threads` threads (the caller is worker 0),
// each taking the next item from a shared counter, so a thread slowed by other programs simply
// does fewer items. No more threads than items.
template <class Work> void run_items(std::size_t items, std::size_t threads, const Work& work) {
    std::atomic<std::size_t> next{0};
    const auto worker = [&](std::size_t id) {
        for (std::size_t item = next++; item < items; item = next++) work(item, id);
    };
    std::vector<std::thread> pool;
    for (std::size_t id = 1; id < std::min(threads, items); ++id)
        pool.emplace_back([&worker, id] {
            blas_on_one_thread();  // a new thread starts with OpenMP's default (all cores)
            worker(id);
        });
    worker(0);
    for (std::thread& t : pool) t.join();
}

// out (T, n) = in (T, k) W^T + b for W (n, k): rows of `in` in pieces of at least 128 (one sgemm
// each), several pieces per thread so that the threads finish together.
void project(const float* in, std::size_t T, std::size_t k, const std::vector<float>& weight,
             const std::vector<float>& bias, float* out, std::size_t threads) {
    const std::size_t n = bias.size();
    const std::size_t piece = threads == 1 ? T : std::max<std::size_t>(128, (T + 4 * threads - 1) / (4 * threads));
    run_items((T + piece - 1) / piece, threads, [&](std::size_t item, std::size_t) {
        const std::size_t t0 = item * piece, rows = std::min(T, t0 + piece) - t0;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows), static_cast<int>(n),
                    static_cast<int>(k), 1.0f, in + t0 * k, static_cast<int>(k), weight.data(), static_cast<int>(k),
                    0.0f, out + t0 * n, static_cast<int>(n));
        for (std::size_t t = t0; t < t0 + rows; ++t)
            for (std::size_t o = 0; o < n; ++o) out[t * n + o] += bias[o];
    });
}

// qkv (T, 3d) = x (T, d) W_qkv^T + b_qkv
void project_qkv(const float* x, std::size_t T, const FastWeights& w, float* qkv, std::size_t threads = 1) {
    project(x, T, w.d_model, w.w_qkv, w.b_qkv, qkv, threads);
}

// out (T, d) = context (T, d) W_out^T + b_out
void project_out(const float* context, std::size_t T, const FastWeights& w, float* out, std::size_t threads = 1) {
    project(context, T, w.d_model, w.w_out, w.b_out, out, threads);
}

// The big arrays of one forward (Q, K, V and the merged context: 50 MB at T = 4096). Fresh memory
// reaches a program one page at a time, on first touch, and each page costs the kernel a fault: 4 KB
// pages made a quarter of the forward's time at T = 4096 on a virtual machine (about 15 us a fault).
// Above 2 MB the buffer is aligned to 2 MB and Linux is asked for huge pages (2 MB, 512 times fewer
// faults); a system that declines them simply hands out small pages.
struct FreeBuffer {
    void operator()(float* p) const { std::free(p); }
};
using Buffer = std::unique_ptr<float[], FreeBuffer>;
Buffer big_buffer(std::size_t count) {
    constexpr std::size_t huge = std::size_t{1} << 21;
    const std::size_t bytes = std::max<std::size_t>(count, 1) * sizeof(float);
    const std::size_t align = bytes >= huge ? huge : 64;
    void* p = std::aligned_alloc(align, (bytes + align - 1) / align * align);
    if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (align == huge) madvise(p, (bytes + align - 1) / align * align, MADV_HUGEPAGE);
#endif
    return Buffer(static_cast<float*>(p));
}

// The two products of a tile, c (rows, n) = scale * a (rows, k) b (k, n) [+ c], all row-major:
// S = Q K^T with b the keys of the block stored transposed, acc += P V with b the values. Small
// products like these (k = 64 or 128) are where a general sgemm loses: it copies ("packs") both
// operands into its own layout at every call, as much memory traffic as the product's arithmetic
// can hide. Here b is already laid out for the product (copied once per forward, see below) and a
// is read where it is. Six rows of c and 16 columns are held in twelve AVX registers; each step of
// the sum broadcasts one value of a per row, loads 16 values of b and does twelve fused
// multiply-adds. Columns past the last full 16 are summed one at a time.
#if defined(WB_TILE_KERNEL)
template <int R>
__attribute__((target("avx2,fma"), always_inline)) inline void
kernel_rows(const float* a, std::size_t lda, const float* b, std::size_t ldb, float* c, std::size_t ldc, std::size_t k,
            std::size_t n, float scale, bool add) {
    std::size_t j = 0;
    for (; j + 16 <= n; j += 16) {
        __m256 lo[R], hi[R];
        for (int r = 0; r < R; ++r) lo[r] = hi[r] = _mm256_setzero_ps();
        for (std::size_t p = 0; p < k; ++p) {
            const __m256 b0 = _mm256_loadu_ps(b + p * ldb + j), b1 = _mm256_loadu_ps(b + p * ldb + j + 8);
            for (int r = 0; r < R; ++r) {
                const __m256 value = _mm256_broadcast_ss(a + r * lda + p);
                lo[r] = _mm256_fmadd_ps(value, b0, lo[r]);
                hi[r] = _mm256_fmadd_ps(value, b1, hi[r]);
            }
        }
        const __m256 factor = _mm256_set1_ps(scale);
        for (int r = 0; r < R; ++r) {
            float* row = c + r * ldc + j;
            __m256 x = _mm256_mul_ps(lo[r], factor), y = _mm256_mul_ps(hi[r], factor);
            if (add) x = _mm256_add_ps(x, _mm256_loadu_ps(row)), y = _mm256_add_ps(y, _mm256_loadu_ps(row + 8));
            _mm256_storeu_ps(row, x);
            _mm256_storeu_ps(row + 8, y);
        }
    }
    for (; j < n; ++j)
        for (int r = 0; r < R; ++r) {
            float sum = 0.0f;
            for (std::size_t p = 0; p < k; ++p) sum += a[r * lda + p] * b[p * ldb + j];
            c[r * ldc + j] = scale * sum + (add ? c[r * ldc + j] : 0.0f);
        }
}

__attribute__((target("avx2,fma"))) void tile_product_avx2(const float* a, std::size_t lda, const float* b,
                                                           std::size_t ldb, float* c, std::size_t ldc, std::size_t rows,
                                                           std::size_t k, std::size_t n, float scale, bool add) {
    std::size_t i = 0;
    for (; i + 6 <= rows; i += 6) kernel_rows<6>(a + i * lda, lda, b, ldb, c + i * ldc, ldc, k, n, scale, add);
    switch (rows - i) {
    case 5:
        kernel_rows<5>(a + i * lda, lda, b, ldb, c + i * ldc, ldc, k, n, scale, add);
        break;
    case 4:
        kernel_rows<4>(a + i * lda, lda, b, ldb, c + i * ldc, ldc, k, n, scale, add);
        break;
    case 3:
        kernel_rows<3>(a + i * lda, lda, b, ldb, c + i * ldc, ldc, k, n, scale, add);
        break;
    case 2:
        kernel_rows<2>(a + i * lda, lda, b, ldb, c + i * ldc, ldc, k, n, scale, add);
        break;
    case 1:
        kernel_rows<1>(a + i * lda, lda, b, ldb, c + i * ldc, ldc, k, n, scale, add);
        break;
    default:
        break;
    }
}

// The same with AVX-512 where the CPU has it: 16 floats a register, strips of 32 columns (with
// WB_NO_AVX512 set in the environment the AVX2 kernel runs instead, to compare the two).
template <int R>
__attribute__((target("avx512f,avx2,fma"), always_inline)) inline void
kernel_rows_512(const float* a, std::size_t lda, const float* b, std::size_t ldb, float* c, std::size_t ldc,
                std::size_t k, std::size_t n, float scale, bool add) {
    std::size_t j = 0;
    for (; j + 32 <= n; j += 32) {
        __m512 lo[R], hi[R];
        for (int r = 0; r < R; ++r) lo[r] = hi[r] = _mm512_setzero_ps();
        for (std::size_t p = 0; p < k; ++p) {
            const __m512 b0 = _mm512_loadu_ps(b + p * ldb + j), b1 = _mm512_loadu_ps(b + p * ldb + j + 16);
            for (int r = 0; r < R; ++r) {
                const __m512 value = _mm512_set1_ps(a[r * lda + p]);
                lo[r] = _mm512_fmadd_ps(value, b0, lo[r]);
                hi[r] = _mm512_fmadd_ps(value, b1, hi[r]);
            }
        }
        const __m512 factor = _mm512_set1_ps(scale);
        for (int r = 0; r < R; ++r) {
            float* row = c + r * ldc + j;
            __m512 x = _mm512_mul_ps(lo[r], factor), y = _mm512_mul_ps(hi[r], factor);
            if (add) x = _mm512_add_ps(x, _mm512_loadu_ps(row)), y = _mm512_add_ps(y, _mm512_loadu_ps(row + 16));
            _mm512_storeu_ps(row, x);
            _mm512_storeu_ps(row + 16, y);
        }
    }
    for (; j < n; ++j)
        for (int r = 0; r < R; ++r) {
            float sum = 0.0f;
            for (std::size_t p = 0; p < k; ++p) sum += a[r * lda + p] * b[p * ldb + j];
            c[r * ldc + j] = scale * sum + (add ? c[r * ldc + j] : 0.0f);
        }
}

__attribute__((target("avx512f,avx2,fma"))) void tile_product_avx512(const float* a, std::size_t lda, const float* b,
                                                                     std::size_t ldb, float* c, std::size_t ldc,
                                                                     std::size_t rows, std::size_t k, std::size_t n,
                                                                     float scale, bool add) {
    std::size_t i = 0;
    for (; i + 6 <= rows; i += 6) kernel_rows_512<6>(a + i * lda, lda, b, ldb, c + i * ldc, ldc, k, n, scale, add);
    const float* a_rest = a + i * lda;
    float* c_rest = c + i * ldc;
    switch (rows - i) {
    case 5:
        kernel_rows_512<5>(a_rest, lda, b, ldb, c_rest, ldc, k, n, scale, add);
        break;
    case 4:
        kernel_rows_512<4>(a_rest, lda, b, ldb, c_rest, ldc, k, n, scale, add);
        break;
    case 3:
        kernel_rows_512<3>(a_rest, lda, b, ldb, c_rest, ldc, k, n, scale, add);
        break;
    case 2:
        kernel_rows_512<2>(a_rest, lda, b, ldb, c_rest, ldc, k, n, scale, add);
        break;
    case 1:
        kernel_rows_512<1>(a_rest, lda, b, ldb, c_rest, ldc, k, n, scale, add);
        break;
    default:
        break;
    }
}

bool cpu_has_avx512() {
    static const bool has = __builtin_cpu_supports("avx512f") && std::getenv("WB_NO_AVX512") == nullptr;
    return has;
}

bool cpu_has_avx2_fma() {
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}
#endif

// The same on any CPU: our kernel where the CPU has AVX2 and FMA, OpenBLAS's sgemm elsewhere.
void tile_product(const float* a, std::size_t lda, const float* b, std::size_t ldb, float* c, std::size_t ldc,
                  std::size_t rows, std::size_t k, std::size_t n, float scale, bool add) {
#if defined(WB_TILE_KERNEL)
    if (cpu_has_avx512()) return tile_product_avx512(a, lda, b, ldb, c, ldc, rows, k, n, scale, add);
    if (cpu_has_avx2_fma()) return tile_product_avx2(a, lda, b, ldb, c, ldc, rows, k, n, scale, add);
#endif
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, static_cast<int>(rows), static_cast<int>(n),
                static_cast<int>(k), scale, a, static_cast<int>(lda), b, static_cast<int>(ldb), add ? 1.0f : 0.0f, c,
                static_cast<int>(ldc));
}

// Per-thread scratch of the tile loop: one tile and one block's state, nothing of size T.
struct TileScratch {
    std::vector<float> scores;  // (B_q, B_k)
    std::vector<float> acc;     // (B_q, hd)
    std::vector<float> m, l;    // (B_q)
    std::vector<float> alpha;   // (B_q): exp(m_old - m_new) of the last tile
};

// Keys and values of one head laid out for tile_product, copied once per forward from the
// projection's (T, 3d): keys_t (blocks, hd, B_k), key block kb transposed (column j = key
// kb * B_k + j), values (T, hd). Rows of the projection are 3d floats apart, and a product that
// walks 64 of them at that stride keeps landing on the same few cache sets.
void lay_out_head(const float* qkv, std::size_t T, std::size_t d, std::size_t hd, std::size_t h, std::size_t block_k,
                  float* keys_t, float* values) {
    const std::size_t ld = 3 * d;
    for (std::size_t k0 = 0; k0 < T; k0 += block_k) {
        float* block = keys_t + (k0 / block_k) * hd * block_k;  // (hd, B_k)
        const std::size_t cols = std::min(block_k, T - k0);
        for (std::size_t j = 0; j < cols; ++j)
            for (std::size_t c = 0; c < hd; ++c) block[c * block_k + j] = qkv[(k0 + j) * ld + d + h * hd + c];
    }
    for (std::size_t t = 0; t < T; ++t) std::copy_n(qkv + t * ld + 2 * d + h * hd, hd, values + t * hd);
}

// One (head, query block) of the tiled causal forward: rows q0 .. q1-1 of head h, with that head's
// keys_t and values laid out by lay_out_head.
void attend_block(const float* qkv, std::size_t T, std::size_t d, std::size_t hd, std::size_t h, std::size_t q0,
                  std::size_t q1, std::size_t block_k, bool skip_future, const float* keys_t, const float* values,
                  float* context, TileScratch& s) {
    const std::size_t rows = q1 - q0, ld = 3 * d;
    const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
    const float minus_infinity = -std::numeric_limits<float>::infinity();
    std::fill(s.m.begin(), s.m.begin() + rows, minus_infinity);
    std::fill(s.l.begin(), s.l.begin() + rows, 0.0f);
    std::fill(s.acc.begin(), s.acc.begin() + rows * hd, 0.0f);
    const float* queries = qkv + q0 * ld + h * hd;  // (rows, hd), leading dimension 3d
    // Key blocks 0, 1, ... up to the one holding the last query's own key: the rest is the future
    // (computed and masked like the diagonal only when skip_future is off).
    const std::size_t key_end = skip_future ? std::min(q1, T) : T;
    for (std::size_t k0 = 0; k0 < key_end; k0 += block_k) {
        const std::size_t cols = std::min(k0 + block_k, key_end) - k0;
        // S (rows, cols) = scale * Q K^T, K^T of the block being (hd, cols) with leading dimension B_k
        tile_product(queries, ld, keys_t + (k0 / block_k) * hd * block_k, block_k, s.scores.data(), cols, rows, hd,
                     cols, scale, false);
        online_softmax_tile(s.scores.data(), rows, cols, q0, k0, s.m.data(), s.l.data(), s.alpha.data());
        for (std::size_t i = 0; i < rows; ++i)
            if (s.alpha[i] != 1.0f)
                for (std::size_t c = 0; c < hd; ++c) s.acc[i * hd + c] *= s.alpha[i];  // rescale to the new m
        // acc (rows, hd) += P (rows, cols) V (cols, hd)
        tile_product(s.scores.data(), cols, values + k0 * hd, hd, s.acc.data(), hd, rows, cols, hd, 1.0f, true);
    }
    for (std::size_t i = 0; i < rows; ++i) {
        const float inverse = s.l[i] > 0.0f ? 1.0f / s.l[i] : 0.0f;
        for (std::size_t c = 0; c < hd; ++c) context[(q0 + i) * d + h * hd + c] = s.acc[i * hd + c] * inverse;
    }
}

}  // namespace

void fast_causal_attention(const float* x, std::size_t T, const FastWeights& w, float* out,
                           const FastOptions& options) {
    check_fast(w);
    if (options.block_q == 0 || options.block_k == 0 || options.threads == 0)
        throw std::invalid_argument("fast_causal_attention: block sizes and threads must be positive");
    if (T == 0) return;
    const std::size_t d = w.d_model, H = w.num_heads, hd = d / H, bq = options.block_q;
    // Threads only for work worth one: below 64 tokens a thread costs more than it saves.
    const std::size_t threads = T < 64 ? 1 : options.threads;
    // Not zeroed: sgemm writes every element before anything reads it.
    const Buffer qkv = big_buffer(T * 3 * d);  // (T, 3d): Q | K | V, head h in columns h*hd .. of each
    const Buffer context = big_buffer(T * d);  // (T, d): the heads merged
    const SingleThreadedBlas single;
    project_qkv(x, T, w, qkv.get(), threads);

    // Every head's keys (transposed, by key block) and values, laid out for the tile products.
    const std::size_t bk = options.block_k, key_blocks = (T + bk - 1) / bk;
    const Buffer keys_t = big_buffer(H * key_blocks * hd * bk);  // (H, key blocks, hd, B_k)
    const Buffer values = big_buffer(T * d);                     // (H, T, hd)
    run_items(H, threads, [&](std::size_t h, std::size_t) {
        lay_out_head(qkv.get(), T, d, hd, h, bk, keys_t.get() + h * key_blocks * hd * bk, values.get() + h * T * hd);
    });

    std::vector<TileScratch> scratch(std::min(threads, H * ((T + bq - 1) / bq)));
    for (TileScratch& s : scratch)
        s = {std::vector<float>(bq * options.block_k), std::vector<float>(bq * hd), std::vector<float>(bq),
             std::vector<float>(bq), std::vector<float>(bq)};
    // Items: (head, query block) pairs, largest query blocks first (they have the most key blocks),
    // so that the threads finish together.
    const std::size_t blocks = (T + bq - 1) / bq;
    run_items(H * blocks, threads, [&](std::size_t item, std::size_t worker) {
        const std::size_t b = blocks - 1 - item / H, h = item % H;
        attend_block(qkv.get(), T, d, hd, h, b * bq, std::min(T, (b + 1) * bq), bk, options.skip_future,
                     keys_t.get() + h * key_blocks * hd * bk, values.get() + h * T * hd, context.get(),
                     scratch[worker]);
    });

    project_out(context.get(), T, w, out, threads);
}

void naive_causal_attention_f32(const float* x, std::size_t T, const FastWeights& w, float* out) {
    check_fast(w);
    if (T == 0) return;
    const std::size_t d = w.d_model, H = w.num_heads, hd = d / H, ld = 3 * d;
    std::vector<float> qkv(T * 3 * d);     // (T, 3d)
    std::vector<float> scores(H * T * T);  // (H, T, T): the wall
    std::vector<float> context(T * d);     // (T, d)
    project_qkv(x, T, w, qkv.data());
    const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
    const int n = static_cast<int>(T), k = static_cast<int>(hd), l = static_cast<int>(ld);
    for (std::size_t h = 0; h < H; ++h) {
        float* s = scores.data() + h * T * T;  // (T, T)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, k, scale, qkv.data() + h * hd, l,
                    qkv.data() + d + h * hd, l, 0.0f, s, n);
    }
    for (std::size_t h = 0; h < H; ++h)
        for (std::size_t i = 0; i < T; ++i) {
            float* row = scores.data() + (h * T + i) * T;
            float largest = row[0];
            for (std::size_t j = 1; j <= i; ++j) largest = std::max(largest, row[j]);
            float sum = 0.0f;
            for (std::size_t j = 0; j < T; ++j) {
                row[j] = j <= i ? exp_nonpositive(row[j] - largest) : 0.0f;  // the mask, then exp
                sum += row[j];
            }
            for (std::size_t j = 0; j < T; ++j) row[j] /= sum;
        }
    for (std::size_t h = 0; h < H; ++h)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, k, n, 1.0f, scores.data() + h * T * T, n,
                    qkv.data() + 2 * d + h * hd, l, 0.0f, context.data() + h * hd, static_cast<int>(d));
    project_out(context.data(), T, w, out);
}

FastCache make_fast_cache(const FastWeights& w, std::size_t capacity) {
    check_fast(w);
    FastCache cache;
    cache.keys.assign(w.d_model * capacity, 0.0f);    // (H, capacity, hd)
    cache.values.assign(w.d_model * capacity, 0.0f);  // (H, capacity, hd)
    cache.capacity = capacity;
    return cache;
}

void fast_cache_step(FastCache& cache, const float* x, const FastWeights& w, float* out) {
    check_fast(w);
    if (cache.length >= cache.capacity)
        throw std::length_error(fmt::format("fast_cache_step: the cache is full ({} tokens)", cache.capacity));
    const std::size_t d = w.d_model, H = w.num_heads, hd = d / H, t = cache.length, cap = cache.capacity;
    const SingleThreadedBlas single;  // a few products of a vector: too little work to share
    std::vector<float> qkv(w.b_qkv);  // (3d) = W_qkv x + b
    cblas_sgemv(CblasRowMajor, CblasNoTrans, static_cast<int>(3 * d), static_cast<int>(d), 1.0f, w.w_qkv.data(),
                static_cast<int>(d), x, 1, 1.0f, qkv.data(), 1);
    for (std::size_t h = 0; h < H; ++h)
        for (std::size_t c = 0; c < hd; ++c) {
            cache.keys[(h * cap + t) * hd + c] = qkv[d + h * hd + c];
            cache.values[(h * cap + t) * hd + c] = qkv[2 * d + h * hd + c];
        }
    cache.length = t + 1;
    const std::size_t n = cache.length;
    const float scale = 1.0f / std::sqrt(static_cast<float>(hd));
    std::vector<float> scores(n), context(d);  // (t + 1), (d)
    for (std::size_t h = 0; h < H; ++h) {
        const float* keys = cache.keys.data() + h * cap * hd;  // (n, hd)
        const float* values = cache.values.data() + h * cap * hd;
        cblas_sgemv(CblasRowMajor, CblasNoTrans, static_cast<int>(n), static_cast<int>(hd), scale, keys,
                    static_cast<int>(hd), qkv.data() + h * hd, 1, 0.0f, scores.data(), 1);
        const float largest = *std::max_element(scores.begin(), scores.end());
        float sum = 0.0f;
        for (float& s : scores) sum += (s = exp_nonpositive(s - largest));
        for (float& s : scores) s /= sum;
        cblas_sgemv(CblasRowMajor, CblasTrans, static_cast<int>(n), static_cast<int>(hd), 1.0f, values,
                    static_cast<int>(hd), scores.data(), 1, 0.0f, context.data() + h * hd, 1);
    }
    std::copy(w.b_out.begin(), w.b_out.end(), out);
    cblas_sgemv(CblasRowMajor, CblasNoTrans, static_cast<int>(d), static_cast<int>(d), 1.0f, w.w_out.data(),
                static_cast<int>(d), context.data(), 1, 1.0f, out, 1);
}

FastWeights random_fast_weights(std::size_t d_model, std::size_t num_heads, std::uint32_t seed) {
    FastWeights w;
    w.d_model = d_model;
    w.num_heads = num_heads;
    std::mt19937 gen(seed);
    const float bound = 1.0f / std::sqrt(static_cast<float>(d_model));
    std::uniform_real_distribution<float> uniform(-bound, bound);
    const auto fill = [&](std::vector<float>& v, std::size_t n) {
        v.resize(n);
        for (float& value : v) value = uniform(gen);
    };
    fill(w.w_qkv, 3 * d_model * d_model);
    fill(w.b_qkv, 3 * d_model);
    fill(w.w_out, d_model * d_model);
    fill(w.b_out, d_model);
    check_fast(w);
    return w;
}

}  // namespace ch07
