# Chapter 9's command line: runs that must succeed, and runs that must print error: and exit 2.
# The short runs train a few steps (the targets' checks then say [FAILED], which is not an error);
# the default run (about a minute of training) is in the long test.
wb_chapter_cli_test(ch09_tiny_gpt
  GOOD "--steps 3 --task induction" "--steps 2 --task coreference --heads 4 --layers 1"
       "--steps 002 --seed 0 --svg nested/dir" "--steps 1 --heads 8 --layers 4 --seed 4294967295"
       "--steps 1 --heads 1 --task all --no-color"
  BAD "--seed -1" "--seed 4294967296" "--seed x" "--steps 0" "--steps 20001" "--steps x" "--steps -3"
      "--steps 1.5" "--steps" "--layers 0" "--layers 5" "--layers x" "--heads 0" "--heads 3" "--heads 16"
      "--task" "--task Induction" "--task ''" "--svg /etc/passwd" "--full 1"
  SAYS "--steps 0" "--steps 0 is outside 1..20000" "--layers 5" "--layers 5 is outside 1..4"
       "--heads 3" "--heads 3 is not 1, 2, 4 or 8" "--task copy" "--task copy is not induction, coreference or all"
       "--steps 0x10" "0x10 is not a decimal number" "--seed 1e3" "1e3 is not a whole number"
       "--svg ''" "--svg needs a directory name" "--bogus" "unknown option --bogus"
  LONG "--task coreference --seed 2")

# Every line of the output fits 80 columns (tests/chapters/check_width.sh): the default run (long),
# --help, and short runs of every section and option.
wb_chapter_width_test(ch09_tiny_gpt default "--help" "--steps 3 --svg nested" "--steps 2 --heads 8 --layers 4"
  "--steps 2 --heads 1 --layers 1 --task coreference" "--heads 3")
