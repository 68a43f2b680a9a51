#!/usr/bin/env bash
# tests/bench/attention_vs_pytorch.sh [--quick] - the workbook's float32 tiled causal attention
# against PyTorch, on the same machine, in one run. A benchmark, not a test: nothing asserts a time.
#
# What it runs (GPT-2 small's attention: d 768, 12 heads, batch 1, float32, projections included):
#   workbook   build-release/bin/attention_bench: fast_causal_attention (exercises/ch07/
#              given_fast_attention.cpp), tiles of 128 x 128 on OpenBLAS's sgemm, future skipped;
#   PyTorch    tests/bench/attention_vs_pytorch.py: nn.MultiheadAttention with a causal attn_mask,
#              and the plain matmul-softmax-matmul, with torch.set_num_threads(N);
# for 1 and 2 threads (the workbook: N threads of its own, OpenBLAS's projections on N threads)
# and T = 512, 1024, 2048, 4096: median times (of 5 runs, 3 above T = 1024, after a warm-up) and the
# ratio workbook / PyTorch's faster way. Then peak extra memory (one process per measurement,
# resident-set growth during one forward) up to T = 16384 for the workbook, and 512 generated tokens
# with the KV cache against recomputing. It ends with one line per thread count:
#   threads 1: ratio at T = 2048: 0.62 (workbook 350.1 ms, PyTorch 561.3 ms)
# --quick: T = 1024 only, times only, ending with the same line for T = 1024 (under a minute once built).
#
# The machine must be quiet: run it under the shared lock, from the workbook's root:
#   flock /tmp/wb-build.lock tests/bench/attention_vs_pytorch.sh
# It configures an optimised build in build-release/ (or $WB_BENCH_BUILD) and builds attention_bench only.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${WB_BENCH_BUILD:-$root/build-release}
quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "error: unknown argument $1 (only --quick)" >&2; exit 2 ;;
esac
python=/usr/bin/python3
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

echo "Causal multi-head attention forward, GPT-2 small (d 768, 12 heads), batch 1, float32"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $("$python" -c 'import torch; print("torch", torch.__version__)')"
echo "check: $("$bench" check | sed "s/^check //")"
echo
declare -A summary
for threads in 1 2; do
  echo "threads $threads (median ms)"
  printf "  %6s  %10s  %12s  %12s  %8s\n" T workbook "nn.MHA" "matmul-sm" ratio
  torch_out=$("$python" "$pybench" time --threads "$threads" --T "${Ts[@]}")
  for T in "${Ts[@]}"; do
    reps=$([ "$T" -le 1024 ] && echo 5 || echo 3)
    ours=$("$bench" time --T "$T" --threads "$threads" --reps "$reps" | field median_ms)
    mha=$(grep "variant=mha T=$T " <<<"$torch_out" | field median_ms)
    manual=$(grep "variant=manual T=$T " <<<"$torch_out" | field median_ms)
    best=$(awk -v a="$mha" -v b="$manual" 'BEGIN { print (a < b ? a : b) }')
    ratio=$(awk -v o="$ours" -v b="$best" 'BEGIN { printf "%.2f", o / b }')
    printf "  %6s  %10s  %12s  %12s  %8s\n" "$T" "$ours" "$mha" "$manual" "$ratio"
    if [ "$T" = "$report_T" ]; then summary[$threads]="threads $threads: ratio at T = $T: $ratio (workbook $ours ms, PyTorch $best ms)"; fi
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
    echo "  threads $threads: cache $cache, recomputing the prefix every step $again: $(awk -v a="$again" -v c="$cache" 'BEGIN { printf "%.1f", a / c }')x faster (last token differs by $(field last_token_max_abs_diff <<<"$kv"))"
  done
  echo
fi
for threads in 1 2; do echo "${summary[$threads]}"; done
