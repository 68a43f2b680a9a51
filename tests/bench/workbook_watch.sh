#!/usr/bin/env bash
# tests/bench/workbook_watch.sh - save -> verdict in `./workbook watch` (a benchmark, not a test).
#
#   bash tests/bench/workbook_watch.sh [RUNS]
#
# Works on a scratch clone in a temporary directory (your files are never touched): builds it, starts
# `./workbook watch 1.4` with its keys coming from a pipe, then RUNS times appends a line to the
# exercise file and times how long until the watch prints the verdict. Once on the untouched stub
# (NOT DONE YET), once on a wrong answer (FAIL, with the matcher's report). Target: 3 s or less.
# Includes the watch's polling (every 200 ms), the incremental build of one exercise and the tests.
set -euo pipefail
runs=${1:-5}
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
scratch=$(mktemp -d)
watcher=
cleanup() { [ -n "$watcher" ] && kill "$watcher" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT
git clone -q "$root" "$scratch/wb"
cd "$scratch/wb"
export NO_COLOR=1
./workbook check 1.4 > /dev/null || true  # configures, builds the tool and Chapter 1's exercise tests

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
verdicts() { grep -cE '^\[(PASS|FAIL|NOT DONE YET|BUILD ERROR|SANITIZER|TIMEOUT|CRASH)\]' watch.out || true; }
file=exercises/ch01/ex04_softmax_stable.cpp

measure() {  # measure LABEL: RUNS save -> verdict cycles on the watched file; prints the median
  local times=() before start
  for i in $(seq "$runs"); do
    before=$(verdicts)
    start=$(now)
    echo "// edit $i $RANDOM" >> "$file"
    until [ "$(verdicts)" -gt "$before" ]; do sleep 0.02; done
    times+=("$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')")
    sleep 0.5
  done
  printf '%-40s %8s   %s   (runs: %s)\n' "$1" "$(median "${times[@]}")" "<= 3" "${times[*]}"
}

mkfifo watch.in
./workbook watch 1.4 < watch.in > watch.out 2>&1 &
watcher=$!
exec 3> watch.in
until [ "$(verdicts)" -ge 1 ]; do sleep 0.1; done
printf '%-40s %8s   %s\n' "measure (median of $runs runs)" "seconds" "target"
measure "save -> verdict, stub (NOT DONE YET)"
sed 's|Vector weights = exps / total;|Vector weights = exps / (total + 1.0);|' solutions/ch01/ex04_softmax_stable.cpp > "$file"
until grep -q '^\[FAIL\]' watch.out; do sleep 0.1; done
measure "save -> verdict, wrong answer (FAIL)"
echo q >&3
exec 3>&-
wait "$watcher" || true
watcher=
