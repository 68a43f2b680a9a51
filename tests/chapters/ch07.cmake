# Chapter 7's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch07_attention_at_scale
  GOOD "--block 1" "--block 6" "--block-q 1 --block-k 6" "--block-q 4 --block-k 5" "--seed 7" "--seed 0" "--block 03"
       "--seed 4294967295" "--svg nested/dir" "--block 3 --no-color" "--no-color --block 3 --svg nested/dir"
  BAD "--block 0" "--block 7" "--block -1" "--block x" "--block-q 0" "--block-k 7" "--block 2 --block-q 2"
      "--block 2 --block-k 3" "--seed -1" "--seed 4294967296" "--measure-max 1024" "--measure --measure-max 100"
      "--measure --measure-max 16384" "--measure --measure-max 64" "--unknown" "--svg /etc/passwd"
  SAYS "--steps 5" "unknown option --steps" "--block 0x3" "0x3 is not a decimal number"
       "--block abc" "abc is not a number" "--seed 0x7" "not a decimal number" "--svg ''" "--svg needs a directory name"
       "--block 2 extra" "unexpected argument 'extra'" "--steps=5" "unknown option --steps")

# Every line of the output fits 80 columns (tests/chapters/check_width.sh).
wb_chapter_width_test(ch07_attention_at_scale default "--help" "--block 1" "--block 6" "--block-q 1 --block-k 6"
  "--svg nested" "--measure --measure-max 128" "--steps 5")
