# Chapter 4's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch04_multi_head_attention
  GOOD "--heads 1" "--heads 4 --d-out 8" "--heads 3 --d-out 3 --seed 7" "--context-length 1024"
       "--text 'Je suis étudiant' --seed 7 --dim 4 --heads 2 --d-out 4" "--text one" "--svg nested/dir"
       "--text 'a b c d e f g h' --context-length 8"
  BAD "--heads 3" "--heads 3 --d-out 4" "--heads 0" "--heads -1" "--d-out 0" "--d-out -2" "--heads 65"
  "--d-out 65" "--context-length 0" "--context-length -3" "--context-length 5" "--text 'a b c' --context-length 2"
  "--heads x" "--dim 4" "--dim 0 --text a" "--seed -1" "--seed 4294967296" "--text ''"
  "--text \"$(printf 'bad\\377utf8')\"" "--svg /etc/passwd"
  SAYS "--svg ''" "--svg needs a directory name" "--seed 0x7" "not a decimal number")

# Every line of the output fits 80 columns (tests/chapters/check_width.sh).
wb_chapter_width_test(ch04_multi_head_attention default "--help" "--heads 4 --d-out 8" "--context-length 1024"
  "--heads 64 --d-out 64" "--text 'a b c d e f g h' --context-length 8"
  "--text 'a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff' --dim 64 --heads 2 --d-out 64"
  "--heads 3")
