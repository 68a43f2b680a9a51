# Chapter 5's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch05_encoder_decoder_attention
  GOOD "--no-color --pair 2" "--pair 3" "--seed 0 --pair 3" "--seed 4294967295" "--svg nested/dir --pair 3"
  BAD "--pair 0" "--pair 4" "--pair x" "--pair" "--pair 1.5" "--seed -1" "--seed 4294967296" "--seed x"
  "--svg /etc/passwd" "--text 'Je suis'"
  SAYS "--svg ''" "--svg needs a directory name" "--seed 0x7" "not a decimal number")

# Every line of the output fits 80 columns (tests/chapters/check_width.sh).
wb_chapter_width_test(ch05_encoder_decoder_attention default "--help" "--pair 2" "--pair 3" "--seed 0" "--pair 4")
