# tests/workbook/common.sh - what the workbook's test scripts share (sourced, not run).
# fail MESSAGE: counts a failure and says what was expected. expect_status N COMMAND...: runs it,
# keeps its output in $out, and fails unless it exits N. expect_in TEXT: fails unless $out has TEXT.
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
expect_status() {
  local want=$1; shift
  out=$("$@" 2>&1) && status=0 || status=$?
  [ "$status" -eq "$want" ] || fail "'$*' exited $status, expected $want. Output:
$out"
}
expect_in() { grep -qF -- "$1" <<<"$out" || fail "expected '$1' in the output of the last command:
$out"; }
expect_not_in() { ! grep -qF -- "$1" <<<"$out" || fail "did not expect '$1' in the output of the last command:
$out"; }
finish() {
  if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
  echo "ok: $1"
}
# scratch_repo SOURCE DEST: a git repository at DEST holding SOURCE's exercises/ (the stubs) and
# solutions/, committed, as a learner's fresh clone would.
scratch_repo() {
  mkdir -p "$2"
  cp -r "$1/exercises" "$1/solutions" "$2/"
  git -C "$2" init -q
  git -C "$2" add -A
  git -C "$2" -c user.name=workbook -c user.email=workbook@localhost commit -qm "the workbook as shipped"
}
