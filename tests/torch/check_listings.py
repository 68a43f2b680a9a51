#!/usr/bin/env python3
"""Checks that the docs' PyTorch listings print the same numbers as the chapter programs.

Usage: /usr/bin/python3 tests/torch/check_listings.py BIN_DIR

Each listing docs/listings/*.py names its program in a line
    # CI runs it and checks that every number it prints also appears in <program> [args]'s output.
(the arguments, if any, follow the program's name); the program runs with --no-color. Every
number the listing prints with four decimals (as torch prints with precision=4) must appear in
the program's output, so a learner who types the listing sees the numbers the workbook showed.
A default run (no arguments) is not made again when a chapter page captures it
(<!-- capture: PROGRAM --no-color ... -->): the captured block is that run's output, as the docs
test checks, and is what the learner reads. Exits 1 naming the numbers that are missing, 2 if
torch is missing.
"""
import glob
import os
import re
import subprocess
import sys

PROGRAM_LINE = re.compile(r"appears in (\S+(?: --?[^']*)?)'s output")
CAPTURE = re.compile(r"<!-- capture: (\S+)(?: --no-color)?(?: --svg \S+)? -->\n```text\n(.*?)```\n<!-- end capture -->",
                     re.S)


def captured_default_runs(root):
    """{program: the output of its default run, as a chapter page captured it}."""
    runs = {}
    for page in glob.glob(os.path.join(root, "docs", "[0-9][0-9]-*.md")):
        with open(page, encoding="utf-8") as f:
            for program, output in CAPTURE.findall(f.read()):
                runs[program] = output
    return runs
NUMBER = re.compile(r"-?\d+\.\d{4}\b")


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import torch  # noqa: F401  (only to fail early with a clear message)
    except ImportError:
        print("check_listings: torch is missing; run with /usr/bin/python3 after "
              "'sudo apt-get install python3-torch'", file=sys.stderr)
        return 2
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    failed = False
    listings = sorted(glob.glob(os.path.join(root, "docs", "listings", "*.py")))
    captured = captured_default_runs(root)
    for path in listings:
        listing = os.path.relpath(path, root)
        with open(path, encoding="utf-8") as f:
            found = PROGRAM_LINE.search(f.read())
        if not found:
            print(f"FAIL: {listing} has no line naming its program (\"... appears in <program>'s output\")")
            failed = True
            continue
        command = found.group(1).split() + ["--no-color"]
        torch_out = subprocess.run([sys.executable, os.path.join(root, listing)],
                                   capture_output=True, text=True, check=True).stdout
        program = [os.path.join(sys.argv[1], command[0])] + command[1:]
        if len(command) == 2 and command[0] in captured:
            cpp_out = captured[command[0]]  # its default run, as its page captured it
        else:
            cpp_out = subprocess.run(program, capture_output=True, text=True, check=True).stdout
        wanted = NUMBER.findall(torch_out)
        shown = set(NUMBER.findall(cpp_out))
        missing = sorted(set(n for n in wanted if n not in shown and n != "-0.0000"))
        if not wanted:
            print(f"FAIL: {listing} printed no numbers")
            failed = True
        elif missing:
            print(f"FAIL: {listing} prints numbers {command[0]} does not: {' '.join(missing[:20])}")
            failed = True
        else:
            print(f"ok: all {len(wanted)} numbers {listing} prints appear in {command[0]}'s output")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
