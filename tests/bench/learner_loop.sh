#!/usr/bin/env bash
# tests/bench/learner_loop.sh - measures the workbook's speed targets (a benchmark, not a test).
#
#   bash tests/bench/learner_loop.sh [RUNS]
#
# Works on a scratch clone in a temporary directory, never on your checkout, so no exercise file of
# yours is touched. Reports, for this machine:
#   clean build      configure + build everything from nothing          (target: under 3 minutes)
#   whole suite      ctest -L solutions after a build                    (target: under 20 s)
#   save -> verdict  append to one exercise file, then check-1.4         (target: 3 s or less)
#                    once on the untouched stub, once with a passing implementation
set -euo pipefail
runs=${1:-5}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git clone -q "$root" "$scratch/wb"
cd "$scratch/wb"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
# median of the arguments
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

start=$(now)
cmake --preset default > /dev/null
cmake --build --preset default > /dev/null
clean_build=$(elapsed "$start" "$(now)")

suite=()
for _ in $(seq "$runs"); do
  start=$(now)
  ctest --test-dir build -L solutions -j2 > /dev/null
  suite+=("$(elapsed "$start" "$(now)")")
done

file=exercises/ch01/ex04_softmax_stable.cpp
verdict() {  # one edit-and-check cycle; the check may fail (a stub), which is fine here
  echo "// edit $RANDOM" >> "$file"
  local start; start=$(now)
  cmake --build build -t check-1.4 > /dev/null 2>&1 || true
  elapsed "$start" "$(now)"
}
stub=(); for _ in $(seq "$runs"); do stub+=("$(verdict)"); done
cp solutions/ch01/ex04_softmax_stable.cpp "$file"
cmake --build build -t check-1.4 > /dev/null 2>&1
passing=(); for _ in $(seq "$runs"); do passing+=("$(verdict)"); done

printf '%-34s %8s   %s\n' "measure (median of $runs runs)" "seconds" "target"
printf '%-34s %8s   %s\n' "clean configure + build" "$clean_build" "< 180"
printf '%-34s %8s   %s\n' "whole suite (ctest -L solutions)" "$(median "${suite[@]}")" "< 20"
printf '%-34s %8s   %s\n' "save -> verdict, stub (check-1.4)" "$(median "${stub[@]}")" "<= 3"
printf '%-34s %8s   %s\n' "save -> verdict, passing" "$(median "${passing[@]}")" "<= 3"
