#!/usr/bin/env bash
# tests/bench/attention_vs_pytorch.sh [--quick] [--python PATH] - the workbook's float32 tiled causal
# attention against PyTorch, on the same machine, in one run. A benchmark, not a test: nothing
# asserts a time.
#
# What it runs (GPT-2 small's attention: d 768, 12 heads, batch 1, float32, projections included):
#   workbook   build-release/bin/attention_bench: fast_causal_attention (exercises/ch07/
#              given_fast_attention.cpp), tiled on OpenBLAS's sgemm, future skipped;
#   PyTorch    tests/bench/attention_vs_pytorch.py with PATH (default /usr/bin/python3): every
#              way that PyTorch has - nn.MultiheadAttention with a causal attn_mask, the plain
#              matmul-softmax-matmul, and where it exists (PyTorch 2) scaled_dot_product_attention
#              with is_causal - with torch.set_num_threads(N); the faster one is raced;
#   sgemm      OpenBLAS's sgemm (1024^3) on N threads: the machine's practical limit;
# for 1 and 2 threads (the workbook: N threads of its own) and T = 512, 1024, 2048, 4096: median times
# (of 5 runs, 3 above T = 1024, after a warm-up, one process per side and round; PyTorch and the
# workbook take turns for 3 rounds, and the median of a side's rounds counts), the workbook's GFLOP/s
# of useful work (8 T d^2 + 2 H hd T^2: projections and the causal half of both products) and its
# fraction of sgemm's, and the ratio workbook / PyTorch's faster way, naming that way. Then peak extra
# memory (one process per measurement, resident-set growth during one forward) up to T = 16384 for the
# workbook, and 512 generated tokens with the KV cache against recomputing. The output, machine
# description first, is ready to paste; it ends with one line per thread count:
#   threads 1: ratio at T = 2048: 0.62 (workbook 350.1 ms, PyTorch 561.3 ms, nn.MHA)
# --quick: T = 1024 only, times only, one round, ending with the same line for T = 1024.
#
# Run it on a quiet machine, from the workbook's root. It configures an optimised build in
# build-release/ (or $WB_BENCH_BUILD) and builds attention_bench only.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${WB_BENCH_BUILD:-$root/build-release}
quick=0
rounds=3
python=/usr/bin/python3
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1; rounds=1; shift ;;
    --python)
      [ $# -ge 2 ] || { echo "error: --python needs a path" >&2; exit 2; }
      python=$2; shift 2 ;;
    *) echo "error: unknown argument $1 (--quick, --python PATH)" >&2; exit 2 ;;
  esac
done
"$python" -c "import torch" 2>/dev/null || { echo "error: $python cannot import torch (apt-get install python3-torch)" >&2; exit 2; }

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null 2>&1
fi
cmake --build "$build" -t attention_bench >/dev/null 2>&1 || { echo "error: building attention_bench in $build failed" >&2; exit 1; }
bench=$build/bin/attention_bench
pybench=$root/tests/bench/attention_vs_pytorch.py

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p"; }
if [ $quick -eq 1 ]; then Ts=(1024); else Ts=(512 1024 2048 4096); fi
report_T=$([ $quick -eq 1 ] && echo 1024 || echo 2048)

way_name() { case "$1" in mha) echo nn.MHA ;; manual) echo matmul-sm ;; sdpa) echo SDPA ;; *) echo "$1" ;; esac; }
info=$("$bench" info)
pyinfo=$("$python" "$pybench" info)
echo "Causal multi-head attention forward, GPT-2 small (d 768, 12 heads), batch 1, float32"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, $(. /etc/os-release; echo "$PRETTY_NAME")"
echo "workbook: $(sed -n 's/.*compiler=//p' <<<"$info"), OpenBLAS $(field openblas <<<"$info") ($(field kernels <<<"$info") kernels)"
ways=$(field ways <<<"$pyinfo")
kernel=$(field sdpa_kernel <<<"$pyinfo")
echo "PyTorch: torch $(field torch <<<"$pyinfo") (Python $(field python <<<"$pyinfo")), ways: $(for w in ${ways//,/ }; do printf '%s ' "$(way_name "$w")"; done | sed 's/ $//')$([ "$kernel" != none ] && echo ", SDPA kernel: $kernel")"
echo "check: $("$bench" check | sed 's/^check //')"
echo
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
declare -A summary
for threads in 1 2; do
  sgemm=$("$bench" sgemm --threads "$threads" | field gflops)
  # Rounds: PyTorch (every way, every T, one process), then the workbook (every T), again and again,
  # so that a slow stretch of the machine hits both sides; each side's time is the median of its
  # rounds' medians.
  declare -A ours_r=() torch_r=()
  for ((round = 1; round <= rounds; round++)); do
    torch_out=$("$python" "$pybench" time --threads "$threads" --T "${Ts[@]}")
    for T in "${Ts[@]}"; do
      for w in ${ways//,/ }; do torch_r[$w,$T]+=" $(grep "variant=$w T=$T " <<<"$torch_out" | field median_ms)"; done
    done
    for T in "${Ts[@]}"; do
      reps=$([ "$T" -le 1024 ] && echo 5 || echo 3)
      ours_r[$T]+=" $("$bench" time --T "$T" --threads "$threads" --reps "$reps" | field median_ms)"
    done
  done
  echo "threads $threads (median ms of $rounds rounds; OpenBLAS sgemm 1024^3: $sgemm GFLOP/s)"
  printf "  %6s  %9s  %7s  %8s  %9s  %-9s  %5s\n" T workbook GFLOP/s "of sgemm" PyTorch "its way" ratio
  for T in "${Ts[@]}"; do
    ours=$(median <<<"${ours_r[$T]}")
    best=; way=
    for w in ${ways//,/ }; do
      t=$(median <<<"${torch_r[$w,$T]}")
      if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; way=$(way_name "$w"); fi
    done
    ratio=$(awk -v o="$ours" -v b="$best" 'BEGIN { printf "%.2f", o / b }')
    gflops=$(awk -v t="$T" -v ms="$ours" 'BEGIN { printf "%.1f", (8 * t * 768 * 768 + 2 * 768 * t * t) / (ms * 1e6) }')
    share=$(awk -v g="$gflops" -v s="$sgemm" 'BEGIN { printf "%.0f %%", 100 * g / s }')
    printf "  %6s  %9s  %7s  %8s  %9s  %-9s  %5s\n" "$T" "$ours" "$gflops" "$share" "$best" "$way" "$ratio"
    if [ "$T" = "$report_T" ]; then summary[$threads]="threads $threads: ratio at T = $T: $ratio (workbook $ours ms, PyTorch $best ms, $way)"; fi
  done
  echo
done

if [ $quick -eq 0 ]; then
  echo "peak extra memory during one forward (MB; one process each, 1 thread)"
  printf "  %6s  %10s  %10s  %10s  %10s  %14s\n" T workbook naive "nn.MHA" "matmul-sm" "scores alone"
  for T in "${Ts[@]}" 16384; do
    mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
    ours=$(mb "$("$bench" memory --T "$T" | field extra_bytes)")
    scores=$(awk -v t="$T" 'BEGIN { printf "%.1f", 4 * 12 * t * t / 1e6 }')
    if [ "$T" -le 4096 ]; then
      naive=$(mb "$("$bench" memory --T "$T" --variant naive | field extra_bytes)")
      mha=$(mb "$("$python" "$pybench" memory --variant mha --T "$T" | field extra_bytes)")
      manual=$(mb "$("$python" "$pybench" memory --variant manual --T "$T" | field extra_bytes)")
    else
      naive=-; mha=-; manual=-
    fi
    printf "  %6s  %10s  %10s  %10s  %10s  %14s\n" "$T" "$ours" "$naive" "$mha" "$manual" "$scores"
  done
  echo
  echo "KV cache: generating 512 tokens one at a time (ms)"
  for threads in 1 2; do
    kv=$("$bench" kv --tokens 512 --threads "$threads")
    cache=$(field cache_ms <<<"$kv"); again=$(field recompute_ms <<<"$kv")
    echo "  threads $threads: cache $cache, recomputing $again: $(awk -v a="$again" -v c="$cache" 'BEGIN { printf "%.1f", a / c }')x (last token differs by $(field last_token_max_abs_diff <<<"$kv"))"
  done
  echo
fi
for threads in 1 2; do echo "${summary[$threads]}"; done
