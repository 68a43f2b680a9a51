#!/usr/bin/env bash
# tests/chapters/check_cli.sh PROGRAM [GOOD_ARGS...] -- run by CTest for every chapter program.
#
# Checks the promises every chapter makes about its command line:
#   - the default run and --help exit 0; the default run prints no "[FAILED]" check;
#   - each bad option or value below exits 2 with "error: ..." on stderr and a usage hint,
#     never a crash (a signal) and never a partial table on stdout;
#   - --no-color and NO_COLOR give output without escape codes.
# Chapter-specific arguments come as "--good ARGS" (must exit 0 with no failed check) and
# "--bad ARGS" (must exit 2), one quoted string each; "--says ARGS TEXT" is a bad run whose
# error message must contain TEXT (so each way to be wrong gets its own reason).
# --skip-default (first, after PROGRAM): leave out the two default runs, when a test of their own
# (labelled long) makes them.
set -u
program=$1; shift
skip_default=0
[ "${1:-}" = --skip-default ] && { skip_default=1; shift; }
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if [ $skip_default -eq 0 ]; then
  out=$("$program" --no-color 2>&1); status=$?
  [ $status -eq 0 ] || fail "default run exited $status"
  grep -q '\[FAILED\]' <<<"$out" && fail "default run printed a [FAILED] check"
  grep -q $'\033' <<<"$out" && fail "--no-color output contains escape codes"
  out=$(NO_COLOR=1 "$program" 2>&1)
  grep -q $'\033' <<<"$out" && fail "NO_COLOR output contains escape codes"
fi
"$program" --help >/dev/null 2>&1 || fail "--help exited non-zero"

bad=("--bogus" "--svg" "--no-color=maybe")
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
[ $skip_default -eq 0 ] && ran="default run, " || ran=""
[ $failures -eq 0 ] && echo "ok: $(basename "$program"): $ran--help, ${#good[@]} good and ${#bad[@]} bad argument cases"
exit $((failures > 0))
