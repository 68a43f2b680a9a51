# Chapter 8's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch08_transformer_block
  GOOD "--positions rope" "--positions sinusoidal" "--positions learned --seed 0" "--seed 4294967295"
       "--d-model 2 --heads 1 --layers 1" "--d-model 2 --heads 2 --layers 1" "--d-model 2 --heads 1 --positions rope"
       "--d-model 16 --heads 4 --layers 3 --positions rope" "--d-model 08 --heads 02" "--svg nested/dir"
       "--heads 1 --svg nested --no-color"
  BAD "--seed -1" "--seed 4294967296" "--seed x" "--d-model 1" "--d-model 65" "--d-model 0" "--d-model -8"
      "--d-model 1.5" "--heads 0" "--heads 17" "--heads 3" "--layers 0" "--layers 13" "--layers x" "--positions"
      "--positions ROPE" "--positions ''" "--positions rope --d-model 6 --heads 2" "--svg /etc/passwd"
  SAYS "--heads 3" "--heads 3 does not divide --d-model 8" "--d-model 65" "--d-model 65 is outside 2..64"
       "--layers 13" "--layers 13 is outside 1..12" "--heads 17" "--heads 17 is outside 1..16"
       "--positions absolute" "--positions absolute is not one of learned, sinusoidal, rope"
       "--positions rope --d-model 6 --heads 2" "needs an even head size" "--d-model 0x8" "0x8 is not a decimal number"
       "--layers abc" "abc is not a number" "--seed 1e3" "1e3 is not a whole number" "--svg ''" "--svg needs a directory name"
       "--steps 5" "unknown option --steps" "--heads 2 extra" "unexpected argument 'extra'")

# Every line of the output fits 80 columns (tests/chapters/check_width.sh): the default run, --help,
# each position scheme, the narrowest and the widest model, and a run with --svg.
wb_chapter_width_test(ch08_transformer_block default "--help" "--positions rope" "--positions sinusoidal"
  "--d-model 2 --heads 1 --layers 1" "--svg nested" "--heads 3" LONG "--d-model 64 --heads 16 --layers 12")
