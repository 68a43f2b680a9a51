# Chapter 7's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch07_attention_at_scale
  GOOD "--block 1" "--block 6" "--block-q 1 --block-k 6" "--block-q 4 --block-k 5" "--seed 7" "--seed 0"
       "--seed 4294967295" "--svg nested/dir" "--block 3 --no-color"
  BAD "--block 0" "--block 7" "--block -1" "--block x" "--block-q 0" "--block-k 7" "--block 2 --block-q 2"
      "--block 2 --block-k 3" "--seed -1" "--seed 4294967296" "--measure-max 1024" "--measure --measure-max 100"
      "--measure --measure-max 16384" "--measure --measure-max 64" "--unknown" "--svg /etc/passwd")
