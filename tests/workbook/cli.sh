#!/usr/bin/env bash
# tests/workbook/cli.sh WORKBOOK SOURCE_DIR - the workbook command's usage: help, exit statuses,
# "error: ..." with the nearest valid name, no colour when not a terminal. On a scratch copy; needs
# no build.
set -uo pipefail
tool=$(realpath "$1") src=$(realpath "$2")
. "$(dirname "$0")/common.sh"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
scratch_repo "$src" "$scratch/wb"
export WORKBOOK_ROOT=$scratch/wb WORKBOOK_BUILD_DIR=$scratch/no-build
unset NO_COLOR

expect_status 0 "$tool" --help
expect_in "./workbook check [N | N.M]"; expect_in "Exit status"
for verb in watch list check hint run reset solution verify; do
  expect_status 0 "$tool" "$verb" --help
  expect_in "Usage: ./workbook $verb"
done
expect_status 0 "$tool" help book
expect_in "Usage: ./workbook book"

# The launcher's own verb, book: usage errors come before it looks for MkDocs.
launcher=$src/workbook
expect_status 0 "$launcher" book --help
expect_in "usage: ./workbook book [--out DIR] [--serve [--port N] [--host ADDR]]"
expect_in "./workbook setup --book"
long=$(awk 'length > 80' <<<"$out"); [ -z "$long" ] || fail "book --help is wider than 80 columns: $long"
expect_status 2 "$launcher" book --sreve
expect_in "error: '--sreve' is not an option of ./workbook book"
expect_status 2 "$launcher" book --port 8001
expect_in "error: --port and --host go with --serve"
expect_status 2 "$launcher" book --serve --port eighty
expect_in "error: --port needs a number from 1 to 65535"
expect_status 2 "$launcher" book --out
expect_in "error: --out needs a folder"
expect_status 2 "$launcher" setup --bok
expect_in "error: ./workbook setup takes only --torch and --book"
expect_status 0 "$launcher" setup --help
expect_in "with --book also"
long=$(awk 'length > 80' <<<"$out"); [ -z "$long" ] || fail "setup --help is wider than 80 columns: $long"

expect_status 2 "$tool" chek 1.1
expect_in "error: unknown verb 'chek'. Did you mean 'check'?"
expect_status 2 "$tool" hint 1.99
expect_in "error: no exercise '1.99'"; expect_in "Did you mean"
expect_status 2 "$tool" hint 19.1
expect_in "error: no exercise '19.1'"
expect_status 2 "$tool" run 12
expect_in "error: no chapter '12'"
expect_status 2 "$tool" reset
expect_in "error: reset needs one exercise"
expect_status 2 "$tool" reset 1.1 --yse
expect_in "error: '--yse' is not an option of './workbook reset'. Did you mean '--yes'?"
expect_status 2 "$tool" check 1.1 --timeout=forever
expect_in "error: --timeout needs a number"
expect_status 2 "$tool" solution
expect_status 0 "$tool" hint 1.1 --restart
expect_in "Hint 1 of"
expect_not_in $'\033'

# Every command a message shows works when typed: ./workbook check 1.8, never a bare "workbook
# check 1.8" (bash: command not found). In the tool's output, its sources, the stubs, the
# manifest's hints and the docs.
bare='(^|[^./A-Za-z_-])workbook( (watch|list|check|hint|run|reset|solution|verify|help|VERB)\b|, to watch)'
for args in "--help" "hint 1.1" "hint 1.1" "hint 1.1" "reset 1.1 --yes" "reset --undo 1.1" "solution" "run" \
  "hint 1.99" "chek" "check --timeout=x" "reset 1.1 --yse"; do
  out=$("$tool" $args 2>&1)
  ! grep -qE "$bare" <<<"$out" || fail "'workbook $args' shows a command that is not ./workbook: $(grep -E "$bare" <<<"$out")"
done
for verb in watch list check hint run reset solution verify; do
  out=$("$tool" "$verb" --help 2>&1)
  ! grep -qE "$bare" <<<"$out" || fail "'$verb --help' shows a bare workbook command: $(grep -E "$bare" <<<"$out")"
done
found=$(cd "$src" && grep -rnE "$bare" common/workbook exercises docs README.md 2>/dev/null)
[ -z "$found" ] || fail "bare workbook commands (type ./workbook):
$found"

# run's help examples are accepted: the options after the chapter go to the chapter program.
examples=$("$tool" run --help | grep -E '^  \./workbook run ')
[ -n "$examples" ] || fail "run --help has no example"
finish "workbook command line: help, usage errors (exit 2, nearest name), no colour off a terminal"
