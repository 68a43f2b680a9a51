#!/usr/bin/env bash
# tests/bench/workbook_watch.sh - save -> verdict in `./workbook watch` (a benchmark, not a test).
#
#   bash tests/bench/workbook_watch.sh [--runs N] [N.M ...]    the exercises named (default 1.4)
#   bash tests/bench/workbook_watch.sh [--runs N] --all        one exercise of every chapter
#
# Works on a scratch clone in a temporary directory (your files are never touched). For each
# exercise it builds the clone's chapter, starts `./workbook watch N.M` with its keys coming from a
# pipe, then N times (default 5) appends a line to the exercise file and times how long until the
# watch prints the verdict: first on the untouched stub (NOT DONE YET), then on a wrong answer
# (FAIL, with the matcher's report). The wrong answer is one of the chapter's mutants
# (tests/mutants/chNN/exMM_*.cpp, a whole wrong version of the file), so any exercise that has one
# can be measured; --all takes the first exercise of each chapter that has one. Prints one line per
# exercise: the median of each path and its runs. Target: 1.0 s or less.
# Includes the watch's polling (every 200 ms), the incremental build of one exercise and the tests.
set -euo pipefail
runs=5 exercises=() all=
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --all) all=1; shift ;;
    [0-9]*.[0-9]*) exercises+=("$1"); shift ;;
    *) echo "usage: bash tests/bench/workbook_watch.sh [--runs N] [N.M ... | --all]" >&2; exit 2 ;;
  esac
done
case $runs in '' | *[!0-9]* | 0) echo "error: --runs takes a whole number from 1, not '$runs'" >&2; exit 2 ;; esac
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
if [ -n "$all" ]; then
  for dir in "$root"/tests/mutants/ch[0-9][0-9]; do
    first=$(cd "$dir" && ls ex[0-9]*_*.cpp | head -n 1)
    chapter=${dir##*/ch}
    number=${first#ex}
    exercises+=("$((10#$chapter)).$((10#${number%%_*}))")
  done
fi
[ ${#exercises[@]} -gt 0 ] || exercises=(1.4)

scratch=$(mktemp -d)
watcher=
cleanup() { [ -n "$watcher" ] && kill "$watcher" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT
git clone -q "$root" "$scratch/wb"
cd "$scratch/wb"
export NO_COLOR=1

now() { date +%s.%N; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
verdicts() { grep -cE '^\[(PASS|FAIL|NOT DONE YET|BUILD ERROR|SANITIZER|TIMEOUT|CRASH)\]' watch.out || true; }

measure() {  # measure FILE: RUNS save -> verdict cycles on the watched file; sets median and times
  local before start
  times=()
  for i in $(seq "$runs"); do
    before=$(verdicts)
    start=$(now)
    echo "// edit $i $RANDOM" >> "$1"
    until [ "$(verdicts)" -gt "$before" ]; do sleep 0.02; done
    times+=("$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')")
    sleep 0.5
  done
  median=$(median "${times[@]}")
}

printf '%-9s %-24s %s\n' exercise "stub (NOT DONE YET), s" "wrong answer (FAIL), s"
for id in "${exercises[@]}"; do
  chapter=$(printf 'ch%02d' "${id%%.*}") number=$(printf 'ex%02d' "${id#*.}")
  file=$(ls exercises/"$chapter"/"$number"_*.cpp 2>/dev/null | head -n 1) || true
  mutant=$(ls tests/mutants/"$chapter"/"$number"_*.cpp 2>/dev/null | head -n 1) || true
  if [ -z "$file" ] || [ -z "$mutant" ]; then
    echo "error: exercise $id has no exercise file or no mutant to use as a wrong answer" >&2
    exit 2
  fi
  ./workbook check "$id" > /dev/null 2>&1 || true  # configures, builds the tool and the chapter's tests
  rm -f watch.in watch.out
  mkfifo watch.in
  ./workbook watch "$id" < watch.in > watch.out 2>&1 &
  watcher=$!
  exec 3> watch.in
  until [ "$(verdicts)" -ge 1 ]; do sleep 0.1; done
  measure "$file"
  stub=$median stub_times=${times[*]}
  cp "$mutant" "$file"
  until grep -q '^\[FAIL\]' watch.out; do sleep 0.1; done
  sleep 0.5
  measure "$file"
  printf '%-9s %-24s %s\n' "$id" "$stub" "$median"
  printf '%-9s %-24s %s\n' "  runs:" "$stub_times" "${times[*]}"
  echo q >&3
  exec 3>&-
  wait "$watcher" || true
  watcher=
  git checkout -q -- "$file"
done
