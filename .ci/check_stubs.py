#!/usr/bin/env python3
"""Checks that every exercise test fails on the untouched stubs, for the right reason.

Usage: check_stubs.py BIN_DIR

For each exercise test program (BIN_DIR/chNN_tests_exercises) built from untouched stubs:
  - every test case it lists must run and fail (none may pass: a test that passes on a stub
    cannot tell a done exercise from an untouched one);
  - each failure must carry the stub's "not done yet" message;
  - the program must exit normally (a signal means a crash, which a learner must never see).
Exits 1 with one line per problem, 0 with a summary line per program.
"""
import glob
import os
import subprocess
import sys
import xml.etree.ElementTree as ET


def check(program):
    problems = []
    # Catch2 2 lists names with --list-test-names-only (its exit status is the count); Catch2 3
    # rejects that option and lists names with --list-tests --verbosity quiet.
    listed = subprocess.run([program, "--list-test-names-only"], capture_output=True, text=True, check=False)
    if "nrecognised" in listed.stdout + listed.stderr or "nrecognized" in listed.stdout + listed.stderr:
        listed = subprocess.run([program, "--list-tests", "--verbosity", "quiet"], capture_output=True, text=True,
                                check=False)
    names = [line.strip() for line in listed.stdout.splitlines() if line.strip()]
    run = subprocess.run([program, "--reporter", "xml", "--durations", "no"], capture_output=True, text=True, check=False)
    name = os.path.basename(program)
    if run.returncode < 0:
        return [f"{name}: crashed with signal {-run.returncode}"]
    try:
        root = ET.fromstring(run.stdout)
    except ET.ParseError as error:
        return [f"{name}: the XML report is unreadable ({error}); stderr: {run.stderr[:500]}"]
    seen = set()
    for case in root.iter("TestCase"):
        case_name = case.get("name")
        seen.add(case_name)
        result = case.find("OverallResult")
        if result is None or result.get("success") != "false":
            problems.append(f"{name}: '{case_name}' passes on the untouched stub")
            continue
        text = "".join(case.itertext())
        if "not done yet" not in text:
            problems.append(f"{name}: '{case_name}' fails, but not with the 'not done yet' message")
    for missing in sorted(set(names) - seen):
        problems.append(f"{name}: '{missing}' did not run")
    if not problems:
        print(f"ok: {name}: all {len(names)} test cases fail on the stubs with 'not done yet'")
    return problems


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    programs = sorted(glob.glob(os.path.join(sys.argv[1], "ch*_tests_exercises")))
    if not programs:
        print(f"no exercise test programs in {sys.argv[1]}", file=sys.stderr)
        return 1
    problems = [p for program in programs for p in check(program)]
    for problem in problems:
        print("FAIL:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
