#!/usr/bin/env bash
# tests/chapters/check_cli.sh PROGRAM [GOOD_ARGS...] -- run by CTest for every chapter program.
#
# Checks the promises every chapter makes about its command line:
#   - --help exits 0;
#   - each good run below exits 0 and prints no "[FAILED]" check; the first one, run again with
#     --no-color and with NO_COLOR=1, prints no escape codes;
#   - each bad option or value below exits 2 with "error: ..." on stderr and a usage hint,
#     never a crash (a signal) and never a partial table on stdout.
# Chapter-specific arguments come as "--good ARGS" (must exit 0 with no failed check) and
# "--bad ARGS" (must exit 2), one quoted string each; "--says ARGS TEXT" is a bad run whose
# error message must contain TEXT (so each way to be wrong gets its own reason).
# The default run (no arguments) is not made here: it is the slowest run of most chapters, and
# the docs test makes it once, as the chapter's page captures it (docs/capture_docs.cpp), with the
# same promises (exit 0, no [FAILED], under NO_COLOR) and the 80 columns. With no --good runs at
# all, the colour checks use the default run.
# --only-good (first, after PROGRAM): run the good runs and nothing else (the long ones, which
# have a test of their own).
set -u
program=$1; shift
only_good=0
[ "${1:-}" = --only-good ] && { only_good=1; shift; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

[ $only_good -eq 1 ] || "$program" --help >/dev/null 2>&1 || fail "--help exited non-zero"

bad=("--bogus" "--svg" "--no-color=maybe")
[ $only_good -eq 0 ] || bad=()
good=()
says_args=()
says_text=()
while [ $# -ge 2 ]; do
  case $1 in
    --bad) bad+=("$2") ;;
    --good) good+=("$2") ;;
    --says)
      [ $# -ge 3 ] || { echo "check_cli.sh: --says needs ARGS and TEXT"; exit 2; }
      bad+=("$2"); says_args+=("$2"); says_text+=("$3"); shift ;;
    *) echo "check_cli.sh: unknown argument $1"; exit 2 ;;
  esac
  shift 2
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
colour_args=${good[0]:-}
[ $only_good -eq 1 ] || {
out=$(cd "$scratch" && eval "\"$program\" $colour_args --no-color" 2>&1)
grep -q $'\033' <<<"$out" && fail "'$colour_args --no-color' output contains escape codes"
out=$(cd "$scratch" && eval "NO_COLOR=1 \"$program\" $colour_args" 2>&1)
grep -q $'\033' <<<"$out" && fail "NO_COLOR=1 '$colour_args' output contains escape codes"
}
for args in "${good[@]}"; do
  out=$(cd "$scratch" && eval "\"$program\" $args" 2>&1); status=$?
  [ $status -eq 0 ] || fail "'$args' exited $status, expected 0: $(tail -n 3 <<<"$out")"
  grep -q '\[FAILED\]' <<<"$out" && fail "'$args' printed a [FAILED] check"
done
for args in "${bad[@]}"; do
  stdout=$(eval "\"$program\" $args" 2>"$scratch/stderr"); status=$?
  stderr=$(cat "$scratch/stderr")
  [ $status -eq 2 ] || fail "'$args' exited $status, expected 2"
  grep -q '^error: ' <<<"$stderr" || fail "'$args' printed no 'error: ...' on stderr"
  grep -q -- '--help' <<<"$stderr" || fail "'$args' printed no usage hint"
  [ -z "$stdout" ] || fail "'$args' printed on stdout before failing"
done
for k in "${!says_args[@]}"; do
  eval "\"$program\" ${says_args[$k]}" >/dev/null 2>"$scratch/stderr"
  grep -qF -- "${says_text[$k]}" "$scratch/stderr" ||
    fail "'${says_args[$k]}' should say '${says_text[$k]}', said: $(head -n 1 "$scratch/stderr")"
done
[ $only_good -eq 1 ] && [ $failures -eq 0 ] && echo "ok: $(basename "$program"): ${#good[@]} long runs"
[ $only_good -eq 0 ] && [ $failures -eq 0 ] && echo "ok: $(basename "$program"): --help, ${#good[@]} good and ${#bad[@]} bad argument cases"
exit $((failures > 0))
