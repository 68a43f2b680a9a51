#!/usr/bin/env bash
# tests/workbook/fake_tests.sh - stands in for a chapter's exercise test program (chNN_tests_exercises)
# and for one exercise's (chNN_tests_exMM) in tests that look at what `./workbook` prints, not at
# what the tests find: no build needed.
# Installed as build/bin/chNN_tests_exercises and chNN_tests_exMM (copies; the chapter is read from
# the name). For each
# exercise of the chapter (exercises/chNN/exMM_*.cpp under WORKBOOK_ROOT) it writes one test case of
# Catch2's XML report: NOT DONE YET while the file has its WB_NOT_DONE_YET line, a failure with a
# long matcher-like report when the file has the line "// fake: fail", else a pass. An exercise
# whose manifest entry says `needs = [...]` stops at the first of those that is not done, as the
# real tests do when they call it. Arguments: [N.M] to run one exercise's tests, as the workbook does.
set -uo pipefail
chapter=$(basename "$0" | sed -E 's/^ch0*([0-9]+)_(tests_exercises|tests_ex[0-9]+)$/\1/')
dir=$(printf '%s/exercises/ch%02d' "$WORKBOOK_ROOT" "$chapter")
filter=""
for a in "$@"; do case $a in \[*\]) filter=$a ;; esac; done
needs_of() {  # the ids in `needs = [...]` of exercise $1 in the manifest
  awk -v id="$1" '$0 ~ "^  id = \"" id "\"" { on = 1; next } /^  id = / { on = 0 }
    on && /^  needs = / { gsub(/[^0-9. ]/, " "); print; exit }' "$WORKBOOK_ROOT/exercises/manifest.toml"
}
file_of() { ls "$(printf '%s/exercises/ch%02d' "$WORKBOOK_ROOT" "${1%%.*}")"/"$(printf 'ex%02d_' "${1#*.}")"*.cpp; }
echo '<?xml version="1.0" encoding="UTF-8"?>'
echo "<Catch name=\"fake\"><Group name=\"fake\">"
failed=0
for f in "$dir"/ex*.cpp; do
  n=$(basename "$f" | sed -E 's/^ex0*([0-9]+)_.*/\1/')
  id="$chapter.$n"
  [ -z "$filter" ] || [ "$filter" = "[$id]" ] || continue
  echo "<TestCase name=\"$id the fake tests of $id\" tags=\"[$id][ch$chapter]\" filename=\"fake\" line=\"1\">"
  stopped=""
  for need in $(needs_of "$id") "$id"; do
    if grep -q 'WB_NOT_DONE_YET(' "$(file_of "$need")"; then stopped=$need; break; fi
  done
  if [ -n "$stopped" ]; then
    echo "<Exception filename=\"fake\" line=\"1\">not done yet: exercise $stopped (fake) - open $(file_of "$stopped" | sed "s|$WORKBOOK_ROOT/||") and write it</Exception>"
    echo '<OverallResult success="false"/>'; failed=1
  elif grep -q '^// fake: fail' "$f"; then
    echo '<Expression success="false" type="REQUIRE_THAT" filename="fake" line="2"><Original>actual, Torch(expected)</Original><Expanded>'
    echo "likely mistake: every value is off by the same factor"
    for r in $(seq 60); do echo "  row $r:   0.123457   0.234568   0.345679   0.456790   0.567901   0.678912"; done
    echo '</Expanded></Expression><OverallResult success="false"/>'; failed=1
  else
    echo '<OverallResult success="true"/>'
  fi
  echo "</TestCase>"
done
echo '</Group><OverallResults successes="1" failures="0" expectedFailures="0"/></Catch>'
exit $failed
