#!/usr/bin/env bash
# tests/workbook/loop.sh WORKBOOK SOURCE_DIR SCRATCH_DIR - the learner's loop end to end, on a
# scratch copy of the repository (SCRATCH_DIR/wb, built in SCRATCH_DIR/build; kept between runs so
# only what changed is rebuilt). Never touches SOURCE_DIR. Covers: list, check (not done yet, pass,
# a wrong answer in the matcher's words, a build error, an endless loop stopped by the timeout),
# and a watch loop driven by this script through a pipe (save -> verdict, next exercise, keys;
# after the last exercise round to the first one still open, n past the last, skip-then-finish).
set -uo pipefail
tool=$(realpath "$1") src=$(realpath "$2") scratch=$3
. "$(dirname "$0")/common.sh"
mkdir -p "$scratch/wb"
scratch=$(realpath "$scratch")
wb=$scratch/wb

# Copy the repository's files (git's list plus the workbook's own, in case they are not committed
# yet); rewrite only those that differ, so the scratch build stays incremental.
{
  if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then git -C "$src" ls-files; fi
  (cd "$src" && find common/workbook tests/workbook workbook -type f 2>/dev/null)
} | sort -u > "$scratch/files"
(cd "$wb" && find . -path ./.git -prune -o -path ./.workbook -prune -o -type f -print | sed 's|^\./||') | sort |
  comm -23 - "$scratch/files" | while read -r stale; do rm -f "$wb/$stale"; done
while read -r file; do
  [ -f "$src/$file" ] || continue
  if ! cmp -s "$src/$file" "$wb/$file"; then mkdir -p "$(dirname "$wb/$file")"; cp "$src/$file" "$wb/$file"; fi
done < "$scratch/files"
# Chapter 1 is enough to test the loop (the tool reads however many chapters the manifest lists),
# and keeps this test's build small: drop the later chapters from the scratch manifest.
awk '/^\[\[chapter\]\]/ { n++ } n < 2 && !/^# ---- ch0[2-9]/' "$src/exercises/manifest.toml" > "$wb/exercises/manifest.toml"
rm -rf "$wb/.workbook" "$wb/.git"
git -C "$wb" init -q && git -C "$wb" add -A &&
  git -C "$wb" -c user.name=workbook -c user.email=workbook@localhost commit -qm "the workbook as shipped"
cd "$wb" || exit 1
export WORKBOOK_ROOT=$wb WORKBOOK_BUILD_DIR=$scratch/build NO_COLOR=1
f=$wb/exercises/ch01/ex04_softmax_stable.cpp  # absolute: edits can only land in the scratch copy
solution=$wb/solutions/ch01/ex04_softmax_stable.cpp

# list: configures and builds on first use; nothing is done on the stubs.
expect_status 0 "$tool" list
expect_in " of "; expect_in "exercises done"
expect_in "> to do     1.1"; expect_in "exercises/ch01/ex04_softmax_stable.cpp"

# check: not done yet (exit 3) on the stub, with the file and line to open.
expect_status 3 "$tool" check 1.4
expect_in "[NOT DONE YET] 1.4"; expect_in "Open exercises/ch01/ex04_softmax_stable.cpp:"

# --timings after a save: the loop's build is ninja on the exercise's own program (CMake's globs
# were checked by the first build), one compile and one link, then the tests; in 80 columns.
echo "// a save" >> "$f"
COLUMNS=80 expect_status 3 "$tool" check 1.4 --timings
expect_in "[NOT DONE YET] 1.4"; expect_in "Where the time went (seconds):"; expect_in "build: ninja starting"
expect_in "build: compile ch01/ex04_softmax_stable.cpp"; expect_in "build: link ch01_tests_ex04"
expect_in "tests: ch01_tests_ex04 [1.4]"; expect_in "report: "; expect_in "  total"
expect_not_in "CMake's check of its file globs"; expect_not_in "archive"
long=$(awk 'length($0) > 80' <<<"$out"); [ -z "$long" ] || fail "check --timings printed lines over 80: $long"
# A new source file: the next build goes through CMake again (its globs), then direct once more.
touch "$wb/exercises/ch01/notes_for_myself.hpp"
expect_status 3 "$tool" check 1.4 --timings
expect_in "build: cmake --build"
expect_status 3 "$tool" check 1.4 --timings
expect_in "build: ninja starting"
rm -f "$wb/exercises/ch01/notes_for_myself.hpp"

# A wrong answer (forgets to divide by the sum): the first failure in the matcher's words.
sed "s|Vector weights = exps / total;|Vector weights = exps / (total + 1.0);|" "$solution" > "$f"
grep -q "total + 1.0" "$f" || fail "could not make the wrong answer (the solution changed?)"
expect_status 1 "$tool" check 1.4
expect_in "[FAIL] 1.4"; expect_in "largest error"; expect_in "expected"; expect_in "FAILED"
expect_not_in "not done yet"; expect_not_in "BUILD ERROR"

# A build error: the compiler's error, not a test failure.
printf 'int broken(\n' >> "$f"
expect_status 1 "$tool" check 1.4
expect_in "[BUILD ERROR] 1.4"; expect_in "error:"; expect_in "ex04_softmax_stable.cpp"; expect_not_in "[FAIL]"

# An endless loop: stopped after the timeout, with a message.
sed 's|if (scores.size() == 0)|for (volatile int spin = 0; spin == 0;) {}\n    if (scores.size() == 0)|' "$solution" > "$f"
expect_status 1 "$tool" check 1.4 --timeout=3
expect_in "[TIMEOUT] 1.4"; expect_in "did not finish within 3 s"; expect_in 'stopped in the test "1.4'

# Ctrl-C during a check ends the endless test too (nothing is left running).
"$tool" check 1.4 --timeout=300 > /dev/null 2>&1 &
checker=$!
tests_program="$scratch/build/bin/ch01_tests_ex04"
running() {  # is the test program running exercise 1.4's tests? (from /proc: no procps needed)
  local cmdline
  for cmdline in /proc/[0-9]*/cmdline; do
    tr '\0' ' ' < "$cmdline" 2>/dev/null | grep -qF "$tests_program [1.4]" && return 0
  done
  return 1
}
seen=no
for _ in $(seq 300); do running && seen=yes && break; sleep 0.2; done
[ "$seen" = yes ] || fail "the endless test never started"
kill -INT "$checker"
wait "$checker"; status=$?
[ "$status" -eq 130 ] || fail "check interrupted by Ctrl-C exited $status, expected 130"
sleep 0.5
running && fail "the endless test kept running after Ctrl-C"

# The reference solution passes; list shows it done.
cp "$solution" "$f"
expect_status 0 "$tool" check 1.4
expect_in "[PASS] 1.4"
expect_status 0 "$tool" list
expect_in "done      1.4"; expect_in "to do     1.5"; expect_in "> to do     1.1"
expect_status 0 "$tool" solution 1.4
expect_in "Your exercises/ch01/ex04_softmax_stable.cpp is the same as the reference"
printf '// my own note\n' >> "$f"
# Side by side only when every line fits half the terminal (the solution's longest is 97).
COLUMNS=200 expect_status 0 "$tool" solution 1.4
expect_in "Reference: solutions/ch01/ex04_softmax_stable.cpp"; expect_in "// my own note"; expect_in "<"
for line in $(COLUMNS=200 "$tool" solution 1.4 | awk '{ print length($0) }'); do
  [ "$line" -le 200 ] || fail "solution's side by side has a line of $line columns in a 200-column terminal"
done
COLUMNS=120 expect_status 0 "$tool" solution 1.4
expect_in "Side by side needs"; expect_in "-// my own note"
expect_status 0 "$tool" solution 1.4 --diff
expect_in "--- yours: exercises/ch01/ex04_softmax_stable.cpp"; expect_in "+++ reference: solutions/ch01/"; expect_in "-// my own note"
cp "$solution" "$f"
expect_status 1 "$tool" solution 1.5; expect_in "does not pass yet"

# watch, driven through a pipe: 1.4 passes, so it moves on to 1.5; saving 1.5's solution moves it
# on to 1.6; h shows a hint, q quits.
wait_for() {  # wait_for TEXT: until the watch output contains TEXT (at most 300 s)
  for _ in $(seq 1500); do grep -qF -- "$1" watch.out 2>/dev/null && return 0; sleep 0.2; done
  fail "watch never printed '$1'. It printed:
$(cat watch.out)"
  return 1
}
rm -f watch.in watch.out
mkfifo watch.in
"$tool" watch 1.4 < watch.in > watch.out 2>&1 &
watcher=$!
exec 3> watch.in
if wait_for "Well done: 1.4 passes. On to 1.5." && wait_for "[NOT DONE YET] 1.5" && wait_for "save it to re-check"; then
  wait_for 'Chapter 1 - ' && wait_for 'read docs/01-simplified-self-attention.md' && wait_for '`./workbook run 1`'
  wait_for "exercise 4 of" && wait_for "n next  p previous"
  cp "$wb/solutions/ch01/ex05_context_vector.cpp" "$wb/exercises/ch01/ex05_context_vector.cpp"
  wait_for "Well done: 1.5 passes. On to 1.6." && wait_for "[NOT DONE YET] 1.6"
  echo h >&3
  wait_for "Hint 1 of 2 for exercise 1.6"
  # p and n move to the previous and next exercise; one reached by a key stays even if it passes.
  echo p >&3
  wait_for "Moved to 1.5 (p, previous)" && wait_for "[PASS] 1.5"
  echo n >&3
  wait_for "Moved to 1.6 (n, next)"
  echo q >&3
  wait_for "Bye."
fi
exec 3>&-
for _ in $(seq 50); do kill -0 "$watcher" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$watcher" 2>/dev/null; then fail "watch did not quit on q"; kill "$watcher"; fi
wait "$watcher"; status=$?
[ "$status" -eq 0 ] || fail "watch exited $status after q"
rm -f watch.in watch.out
# After the last exercise, watch goes round to the first one still open, and never says all is
# done while exercises are open: 1.10 (which needs 1.4, solved) passes, then back to 1.1.
cp "$wb/solutions/ch01/ex10_softmax_temperature.cpp" "$wb/exercises/ch01/ex10_softmax_temperature.cpp"
start_watch() {  # start_watch N.M: watch with its keys from watch.in, its output in watch.out
  rm -f watch.in watch.out
  mkfifo watch.in
  "$tool" watch "$1" < watch.in > watch.out 2>&1 &
  watcher=$!
  exec 3> watch.in
}
stop_watch() {  # stop_watch: q, and watch must end with status 0
  echo q >&3 2>/dev/null
  exec 3>&-
  for _ in $(seq 50); do kill -0 "$watcher" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$watcher" 2>/dev/null; then fail "watch did not stop"; kill "$watcher"; fi
  wait "$watcher"; status=$?
  [ "$status" -eq 0 ] || fail "watch exited $status, expected 0"
}
start_watch 1.10
wait_for "Well done: 1.10 passes. That was the last exercise: back to 1.1" && wait_for "[NOT DONE YET] 1.1"
stop_watch
grep -qF "Every exercise passes" watch.out && fail "watch said every exercise passes with 2 of 10 done:
$(cat watch.out)"
# n past the last exercise: the first one still open. From 1.9, n to 1.10 (it stays), n again.
start_watch 1.9
if wait_for "[NOT DONE YET] 1.9"; then
  echo n >&3
  wait_for "Moved to 1.10 (n, next)" && wait_for "[PASS] 1.10" && echo n >&3 &&
    wait_for "Moved to 1.1, the first exercise still open (n, past the last one)." && wait_for "[NOT DONE YET] 1.1"
fi
stop_watch
# Skip, then finish: everything but 1.1 solved while 1.1 is watched; saving 1.1 passes it, the
# others are checked on the way, and only then is all done (exit 0); list agrees.
for solved in "$wb"/solutions/ch01/ex*.cpp; do
  [ "$(basename "$solved")" = ex01_scores_for_query.cpp ] || cp "$solved" "$wb/exercises/ch01/$(basename "$solved")"
done
start_watch 1.1
wait_for "[NOT DONE YET] 1.1" && cp "$wb/solutions/ch01/ex01_scores_for_query.cpp" "$wb/exercises/ch01/"
wait_for "Every exercise passes (10 of 10). Well done!"
exec 3>&-
for _ in $(seq 50); do kill -0 "$watcher" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$watcher" 2>/dev/null; then fail "watch did not end when every exercise passed"; kill "$watcher"; fi
wait "$watcher"; status=$?
[ "$status" -eq 0 ] || fail "watch exited $status when every exercise passed"
rm -f watch.in watch.out
expect_status 0 "$tool" list
expect_in "10 of 10 exercises done"

# run N --mine on the learner's code: every chapter 1 exercise solved, then one wrong.
for solved in "$wb"/solutions/ch01/ex*.cpp; do cp "$solved" "$wb/exercises/ch01/$(basename "$solved")"; done
"$tool" run --help | grep -E '^  \./workbook run ' | sed 's|^  \./workbook|"$tool"|' > examples.sh
[ -s examples.sh ] || fail "run --help shows no example"
while read -r example; do
  out=$(eval "$example" 2>&1) && status=0 || status=$?
  [ "$status" -eq 0 ] || fail "run --help's example '$example' exited $status:
$out"
done < examples.sh
rm -f examples.sh
expect_status 0 "$tool" run 1 --mine
expect_in "Chapter 1's program on YOUR code"; expect_in "[ok]"
grep -q '^  \[FAILED\]' <<<"$out" && fail "run 1 --mine on the solutions printed a [FAILED] check: $out"
sed "s|Vector weights = exps / total;|Vector weights = exps / (total + 1.0);|" "$solution" > "$f"
expect_status 1 "$tool" run 1 --mine
expect_in "[FAILED]"; expect_in "printed [FAILED]"; expect_in "./workbook check 1"
cp "$solution" "$f"
finish "workbook list, check (not done, fail, build error, timeout, pass), solution, and a scripted watch loop"
