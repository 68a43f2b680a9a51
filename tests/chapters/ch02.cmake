# Chapter 2's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch02_self_attention
  GOOD "--query 6" "--seed 7 --linear-seed 1 --d-out 3" "--d-out 3 --query 1" "--d-out 1"
       "--text 'Je suis étudiant' --text-seed 7 --dim 5 --query 3" "--text 'मैं खाना खा रहा हूँ' --d-out 4"
       "--text one" "--svg nested/dir" "--text 'a a a a' --dim 64 --d-out 64" "--seed 4294967295"
  BAD "--d-out 0" "--d-out 65" "--d-out x" "--seed -1" "--seed 4294967296" "--linear-seed -3"
  "--linear-seed abc" "--text-seed 5" "--dim 4" "--dim 0 --text a" "--dim 65 --text a"
  "--text-seed -1 --text a" "--query 0" "--query 7" "--query 33" "--query 3 --text 'a b'" "--text ''"
  "--text '   '" "--text \"$(printf 'bad\\377utf8')\"" "--svg /etc/passwd" "--unknown" "--seed"
  SAYS "--svg ''" "--svg needs a directory name" "--seed 0x7" "not a decimal number")

# Every line of the output fits 80 columns (tests/chapters/check_width.sh).
wb_chapter_width_test(ch02_self_attention default "--help" "--query 6" "--d-out 3 --query 1" "--d-out 6 --query 2"
  "--text 'a a a a' --dim 64 --d-out 64" "--text 'मैं खाना खा रहा हूँ' --d-out 4"
  "--text 'a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff' --d-out 8" "--d-out 0")
