#!/usr/bin/env bash
# tests/workbook/widths.sh WORKBOOK SOURCE_DIR - every verb of `./workbook` at 80 columns, and the
# watch loop's moves, on a scratch copy of the exercises with a stand-in for the build: a `cmake`
# that does nothing and test programs that are tests/workbook/fake_tests.sh (no build, a few
# seconds). Fails on any line longer than 80 characters. Also covers: the header and the verdict
# of a long FAIL report on the first 24-row screen (m shows the rest); an exercise that needs
# earlier ones names every missing one at once, and saving one of their files re-checks it; after
# the last exercise watch goes round to the first one still open, n past the last one too, and it
# says all is done only when every exercise passes. Never touches SOURCE_DIR.
set -uo pipefail
tool=$(realpath "$1") src=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"
scratch=$(mktemp -d)
watcher=
cleanup() { [ -n "$watcher" ] && kill "$watcher" 2>/dev/null; rm -rf "$scratch"; }
trap cleanup EXIT
wb=$scratch/wb
scratch_repo "$src" "$wb"
# The moves below are written for Chapters 1-7 (64 exercises, the last one 7.8): the scratch copy
# leaves later chapters out, so that a new chapter does not change what this test expects.
awk '/^\[\[chapter\]\]/ { n++ } n < 8' "$src/exercises/manifest.toml" > "$wb/exercises/manifest.toml"
rm -rf "$wb"/exercises/ch0[89] "$wb"/exercises/ch[1-9][0-9] "$wb"/solutions/ch0[89] "$wb"/solutions/ch[1-9][0-9]
git -C "$wb" add -A && git -C "$wb" -c user.name=workbook -c user.email=workbook@localhost commit -qm "Chapters 1-7"
mkdir -p "$scratch/build/bin" "$scratch/fakebin"
touch "$scratch/build/CMakeCache.txt"
printf '#!/bin/sh\nexit 0\n' > "$scratch/fakebin/cmake"
chmod +x "$scratch/fakebin/cmake"
for chapter in "$wb"/exercises/ch[0-9][0-9]; do
  install -m 755 "$here/fake_tests.sh" "$scratch/build/bin/$(basename "$chapter")_tests_exercises"
  for exercise in "$chapter"/ex[0-9]*_*.cpp; do
    number=$(basename "$exercise"); number=${number%%_*}
    install -m 755 "$here/fake_tests.sh" "$scratch/build/bin/$(basename "$chapter")_tests_${number}"
  done
done
export PATH=$scratch/fakebin:$PATH WORKBOOK_ROOT=$wb WORKBOOK_BUILD_DIR=$scratch/build NO_COLOR=1 COLUMNS=80
unset LINES
cd "$wb" || exit 1
solve() { for id in "$@"; do
  local ch=${id%%.*} n=${id#*.}
  cp "$wb"/solutions/"$(printf 'ch%02d/ex%02d_' "$ch" "$n")"*.cpp "$wb/exercises/$(printf 'ch%02d/' "$ch")"
done; }
file_of() { ls "$wb"/exercises/"$(printf 'ch%02d/ex%02d_' "${1%%.*}" "${1#*.}")"*.cpp; }

# fits TEXT-FROM-$out: no line of the last command's output is longer than 80 characters.
checked=0
fits() {
  checked=$((checked + 1))
  local long
  long=$(awk 'length($0) > 80 { printf "%d: %s\n", length($0), $0 }' <<<"$out")
  [ -z "$long" ] || fail "'$*' printed lines longer than 80 characters:
$long"
}
run() { out=$("$@" 2>&1); fits "$@"; }

solve 6.1 6.2 7.7 7.8
{ cat "$wb/solutions/ch06/ex09_alignment_accuracy.cpp"; echo "// fake: fail"; } > "$(file_of 6.9)"

# Help, every verb's help, list.
run "$tool" --help
for verb in watch list check hint run reset solution verify help; do run "$tool" "$verb" --help; done
run "$tool" list
expect_in "Chapter 6 - Learning to attend"; expect_in "exercises/ch06/ex10_reinforce_backward.cpp"
expect_in "4 of 64 exercises done"

# Every hint of every exercise, and what comes after the last.
for id in $(awk -F'"' '/^  id = "/ { print $2 }' "$wb/exercises/manifest.toml"); do
  for _ in 1 2 3 4 5; do run "$tool" hint "$id"; grep -qF "No more hints" <<<"$out" && break; done
done
expect_in "No more hints"

# check: not done yet, naming every missing exercise a test needs at once; a long failure; a
# pass; a whole chapter.
expect_status 3 "$tool" check 6.8; fits check 6.8
expect_in "6.8's tests also run 6.2, 6.3, 6.4 and 6.5. Not done yet: 6.3, 6.4 and 6.5."
expect_in "6.4   exercises/ch06/ex04_attention_backward_values.cpp:"
expect_not_in "6.2   exercises"
expect_status 1 "$tool" check 6.9; fits check 6.9; expect_in "[FAIL] 6.9"
expect_status 1 "$tool" check 6.9 --timings; fits check 6.9 --timings
expect_in "Where the time went (seconds):"; expect_in "tests: ch06_tests_ex09 [6.9]"; expect_in "  total"
expect_status 0 "$tool" check 7.8; fits check 7.8; expect_in "[PASS] 7.8"
expect_status 3 "$tool" check 6.10; fits check 6.10
expect_status 3 "$tool" check 6; fits check 6
expect_status 3 "$tool" check 1.1; fits check 1.1; expect_in "Open exercises/ch01/ex01_scores_for_query.cpp:"

# solution: the same file; a long line of the learner's (a diff, wrapped); --diff; --force.
run "$tool" solution 7.8; expect_in "is the same as the reference"
printf '// %s\n' "a note of my own that is much longer than half of an eighty-column terminal, so no side by side" >> "$(file_of 7.8)"
run "$tool" solution 7.8; expect_in "+++ reference: solutions/ch07/ex08_decode_incrementally.cpp"; expect_in "-// a note"
COLUMNS=250 expect_status 0 "$tool" solution 7.8; expect_in "Reference: solutions/ch07/"; expect_in "<"
run "$tool" solution 7.7 --diff
run "$tool" solution 6.10 --force; expect_in "warning:"
run "$tool" solution 6.10; expect_in "does not pass yet"
solve 7.8
run "$tool" reset 7.7 --yes; run "$tool" reset --undo 7.7
run "$tool" chek; run "$tool" check 9.1; run "$tool" reset --yse 1.1

# watch, at 80 x 24, on a long failure: the header and the verdict on the first screen, the
# rest of the report with m.
out=$(printf 'm\nq\n' | LINES=24 "$tool" watch 6.9 2>&1); fits watch 6.9
first_screen=$(head -n 24 <<<"$out")
grep -qF "Exercise 6.9 - Alignment accuracy" <<<"$first_screen" || fail "the watch header is not on the first screen:
$first_screen"
grep -qF "[FAIL] 6.9" <<<"$first_screen" || fail "the verdict is not on the first screen:
$first_screen"
expect_in "press m to see them"; expect_in "row 60:"

# watch driven through a pipe. wait_for TEXT [N]: until the output holds TEXT N times (default 1).
wait_for() {
  local want=${2:-1}
  for _ in $(seq 300); do [ "$(grep -cF -- "$1" watch.out 2>/dev/null)" -ge "$want" ] && return 0; sleep 0.1; done
  fail "watch never printed '$1' ($want times). It printed:
$(cat watch.out)"
  return 1
}
start_watch() {  # start_watch ARGS...: watch with its keys from watch.in and its output in watch.out
  rm -f watch.in watch.out; mkfifo watch.in
  "$tool" watch "$@" < watch.in > watch.out 2>&1 &
  watcher=$!
  exec 3> watch.in
}
stop_watch() {  # stop_watch STATUS: q, then the exit status must be STATUS
  echo q >&3 2>/dev/null; exec 3>&-
  for _ in $(seq 50); do kill -0 "$watcher" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$watcher" 2>/dev/null && { fail "watch did not stop"; kill "$watcher"; }
  wait "$watcher"; local status=$?; watcher=
  [ "$status" -eq "$1" ] || fail "watch exited $status, expected $1"
  out=$(cat watch.out); fits watch
}

# 6.8 needs 6.2-6.5: all missing ones at once; saving one of their files re-checks 6.8.
# With --timings, each verdict after a save says how long the save took to notice and to settle.
start_watch 6.8 --timings
wait_for "Not done yet: 6.3, 6.4 and 6.5." && wait_for "Watching exercises/ch06/ex08_adam_step.cpp and the files of"
solve 6.3
wait_for "Not done yet: 6.4 and 6.5." && wait_for "watch: the save noticed after" &&
  wait_for "watch: waiting for the file to settle" && wait_for "tests: ch06_tests_ex08 [6.8]" 2
stop_watch 0

# Solve 7.7 and 7.8 only, watch 7.8: it passes, and watch goes round to the first one still open.
start_watch 7.8
wait_for "Well done: 7.8 passes. That was the last exercise: back to 1.1, the first one"
wait_for "[NOT DONE YET] 1.1"
stop_watch 0
expect_not_in "Every exercise passes"
# n past the last exercise: to the first one still open.
start_watch 7.6
wait_for "[NOT DONE YET] 7.6" && echo n >&3 && wait_for "[PASS] 7.7" && echo n >&3 && wait_for "[PASS] 7.8" &&
  echo n >&3 && wait_for "Moved to 1.1, the first exercise still open (n, past the last one)."
stop_watch 0
# Everything but 1.1 solved, watching 1.1: skipping the rest, it is all done only when all pass.
for f in "$wb"/solutions/ch*/ex*.cpp; do
  [ "$(basename "$f")" = ex01_scores_for_query.cpp ] && [ "$(basename "$(dirname "$f")")" = ch01 ] && continue
  cp "$f" "$wb/exercises/$(basename "$(dirname "$f")")/"
done
expect_status 0 "$tool" list; fits list; expect_in "63 of 64 exercises done"  # their verdicts, cached
start_watch 1.1
wait_for "[NOT DONE YET] 1.1"
solve 1.1
wait_for "Every exercise passes (64 of 64). Well done!"
exec 3>&-; wait "$watcher"; status=$?; watcher=
[ "$status" -eq 0 ] || fail "watch exited $status when every exercise passed"
out=$(cat watch.out); fits watch
expect_status 0 "$tool" list; fits list; expect_in "64 of 64 exercises done"
rm -f watch.in watch.out
finish "every verb fits 80 columns ($checked outputs), and watch's moves past the last exercise"
