#!/usr/bin/env bash
# tests/workbook/reset_hint.sh WORKBOOK SOURCE_DIR - hint, reset and undo on a scratch copy of the
# repository (a git repository like a learner's clone). Never touches SOURCE_DIR. Needs no build.
set -uo pipefail
tool=$(realpath "$1") src=$(realpath "$2")
. "$(dirname "$0")/common.sh"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
scratch_repo "$src" "$scratch/wb"
cd "$scratch/wb" || exit 1
export WORKBOOK_ROOT=$scratch/wb WORKBOOK_BUILD_DIR=$scratch/no-build NO_COLOR=1
f=$scratch/wb/exercises/ch01/ex04_softmax_stable.cpp  # absolute: edits can only land in the scratch copy
stub=$(cat "$f")

# Hints: one more each time, then the pointer to the reference solution; --restart starts again.
expect_status 0 "$tool" hint 1.4; expect_in "Hint 1 of 3 for exercise 1.4"
expect_status 0 "$tool" hint 1.4; expect_in "Hint 2 of 3"
expect_status 0 "$tool" hint 1.4; expect_in "Hint 3 of 3"; expect_in "That was the last hint"
expect_status 0 "$tool" hint 1.4; expect_in "No more hints for 1.4"; expect_in "solutions/ch01/ex04_softmax_stable.cpp"
expect_status 0 "$tool" hint 1.4 --restart; expect_in "Hint 1 of 3"
expect_status 0 "$tool" hint 1.2; expect_in "Hint 1 of 2 for exercise 1.2"
[ -f .workbook/stubs/exercises/ch01/ex04_softmax_stable.cpp ] || fail "the first run did not record the original stub in .workbook/stubs/"
[ -w .workbook/stubs/exercises/ch01/ex04_softmax_stable.cpp ] && [ "$(id -u)" -ne 0 ] && fail "the recorded stub is writable"
git status --porcelain | grep -q workbook && fail "git sees .workbook/ (it should ignore itself)"

# A reset of a file with edits that look unsaved (an editor's swap file beside it): it warns, asks,
# and "no" changes nothing.
printf '// my work in progress\n' >> "$f"
work=$(cat "$f")
touch "$scratch/wb/exercises/ch01/.ex04_softmax_stable.cpp.swp"
out=$(printf 'n\n' | "$tool" reset 1.4 2>&1) && status=0 || status=$?
[ "$status" -eq 1 ] || fail "declined reset exited $status, expected 1"
expect_in "an editor may have"; expect_in "open with unsaved changes"
expect_in "Nothing changed."
[ "$(cat "$f")" = "$work" ] || fail "a declined reset changed the file"
ls .workbook/backups/exercises/ch01/ 2>/dev/null | grep -q . && fail "a declined reset wrote a backup"

# "yes": the file is the stub again and the work is in a timestamped backup.
out=$(printf 'y\n' | "$tool" reset 1.4 2>&1) && status=0 || status=$?
[ "$status" -eq 0 ] || fail "reset exited $status: $out"
[ "$(cat "$f")" = "$stub" ] || fail "reset did not restore the original stub"
backup=$(ls .workbook/backups/exercises/ch01/ex04_softmax_stable.*.cpp)
[ "$(cat "$backup")" = "$work" ] || fail "the backup does not hold the learner's work"
expect_in "./workbook reset --undo 1.4"
rm "$scratch/wb/exercises/ch01/.ex04_softmax_stable.cpp.swp"

# Resetting a stub does nothing; undo brings the work back and keeps the replaced version too.
expect_status 0 "$tool" reset 1.4 --yes; expect_in "already the original stub"
expect_status 0 "$tool" reset --undo 1.4
[ "$(cat "$f")" = "$work" ] || fail "undo did not bring the work back"
[ "$(ls .workbook/backups/exercises/ch01/ | wc -l)" -eq 2 ] || fail "undo did not back up the file it replaced"
expect_status 0 "$tool" reset --undo 1.4
[ "$(cat "$f")" = "$stub" ] || fail "a second undo did not swap back"
expect_status 0 "$tool" reset --undo 1.4
[ "$(cat "$f")" = "$work" ] || fail "a third undo did not swap back again"
[ "$(ls .workbook/backups/exercises/ch01/ | wc -l)" -eq 4 ] || fail "a backup was overwritten or not written"
expect_status 1 "$tool" reset --undo 1.3; expect_in "no backup of exercises/ch01/ex03_softmax_naive.cpp"

# The learner commits their work and the recorded stubs are lost: the stub still comes back, from
# git history (the newest committed version carrying its WB_NOT_DONE_YET line), not from HEAD.
sed -i 's/WB_NOT_DONE_YET("1.4", "softmax_stable");/return scores;/' "$f"
git -C "$scratch/wb" -c user.name=learner -c user.email=l@localhost commit -qam "my 1.4"
chmod -R u+w .workbook/stubs && rm -rf .workbook/stubs
expect_status 0 "$tool" reset 1.4 --yes; expect_in "(from git"
[ "$(cat "$f")" = "$stub" ] || fail "reset after a commit did not restore the original stub"
expect_status 0 "$tool" reset --undo 1.4
grep -q "return scores;" "$f" || fail "undo after the git-history reset lost the committed work"
finish "workbook hint, reset (with a swap file beside it), undo, and stubs from git history"
