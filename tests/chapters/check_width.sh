#!/usr/bin/env bash
# tests/chapters/check_width.sh PROGRAM [--strict] [ARGS...] -- run by CTest for every chapter
# program.
#
# Runs PROGRAM once per ARGS string (one quoted string each: "default" is the run with no
# arguments, as CMake drops empty strings; "--help" its usage) with COLUMNS=80 and --no-color,
# standard output and error together, and fails naming every line wider than 80 columns (display
# columns: a Devanagari vowel sign takes none, so `wc -L` in a UTF-8 locale measures, not bytes).
# A run that exits with a status other than 0 or 2 (a usage error is a fine thing to measure)
# fails too.
# --strict: the runs are the long ones (full trainings listed after LONG), made only here, so they
# also keep check_cli.sh's promises for a good run: exit 0, no "[FAILED]" check, no escape codes.
set -u
export LC_ALL=C.UTF-8 COLUMNS=80
program=$1; shift
strict=0
[ "${1:-}" = --strict ] && { strict=1; shift; }
[ $# -gt 0 ] || set -- default
failures=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for args in "$@"; do
  [ "$args" = default ] && args=""
  (cd "$scratch" && eval "\"$program\" $args --no-color") >"$scratch/out" 2>&1; status=$?
  if [ $status -ne 0 ] && { [ $status -ne 2 ] || [ $strict -eq 1 ]; }; then
    echo "FAIL: '$args' exited $status: $(tail -n 2 "$scratch/out")"
    failures=$((failures + 1))
  fi
  if [ $strict -eq 1 ] && grep -q '\[FAILED\]' "$scratch/out"; then
    echo "FAIL: '$args' printed a [FAILED] check: $(grep -m 1 '\[FAILED\]' "$scratch/out")"
    failures=$((failures + 1))
  fi
  if [ $strict -eq 1 ] && grep -q $'\033' "$scratch/out"; then
    echo "FAIL: '$args --no-color' output contains escape codes"
    failures=$((failures + 1))
  fi
  widest=$(wc -L <"$scratch/out")
  if [ "$widest" -gt 80 ]; then
    n=0
    while IFS= read -r line; do
      n=$((n + 1))
      width=$(printf '%s' "$line" | wc -L)
      [ "$width" -gt 80 ] && echo "FAIL: '$args' line $n is $width columns: $line"
    done <"$scratch/out"
    failures=$((failures + 1))
  fi
done
[ $failures -eq 0 ] && echo "ok: $(basename "$program"): $# runs, no line wider than 80 columns"
exit $((failures > 0))
