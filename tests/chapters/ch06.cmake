# Chapter 6's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch06_learning_to_attend
  GOOD "--steps 20 --hidden 16"
  BAD "--steps 19" "--steps 2001" "--steps x" "--steps" "--steps -1" "--steps 1.5" "--hidden 1" "--hidden 65"
  "--hidden 0" "--hidden x" "--seed -1" "--seed 4294967296" "--seed x" "--svg /etc/passwd"
  SAYS "--steps 0x20" "0x20 is not a decimal number" "--steps abc" "abc is not a number"
       "--steps 1e3" "1e3 is not a whole number" "--hidden 8" "--hidden 8 is outside 16..64"
       "--hidden 0x8" "not a decimal number" "--svg ''" "--svg needs a directory name" "--bogus 3" "unknown option --bogus"
  LONG "--steps 020 --seed 007" "--steps 20 --seed 0 --svg nested/dir" "--seed 5 --steps 200")

# Every line of the output fits 80 columns (tests/chapters/check_width.sh).
# The default run (300 steps: the ranges of the chaotic models) and a short one of every option.
wb_chapter_width_test(ch06_learning_to_attend default "--help" "--steps 20 --hidden 64" "--steps 20 --seed 0 --svg nested"
  "--steps 1.5" "--hidden 8")
