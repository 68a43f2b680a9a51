# Chapter 1's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch01_simplified_self_attention
  GOOD "--query 6" "--text 'Je suis étudiant' --seed 7 --dim 5 --query 3" "--text 'मैं खाना खा रहा हूँ'"
       "--text one" "--svg nested/dir" "--text 'a a a a' --dim 64"
  BAD "--dim 0 --text a" "--dim 65 --text a" "--dim x --text a" "--seed -1 --text a" "--seed 4294967296 --text a"
  "--seed 5" "--dim 4" "--query 0" "--query 7" "--query 3 --text 'a b'" "--text ''" "--text '   '"
  "--text \"$(printf 'bad\\377utf8')\"" "--svg /etc/passwd"
  SAYS "--svg ''" "--svg needs a directory name" "--seed 0x7" "not a decimal number")

# Every line of the output fits 80 columns (tests/chapters/check_width.sh).
wb_chapter_width_test(ch01_simplified_self_attention default "--help" "--query 6"
  "--text 'Je suis étudiant' --seed 7 --dim 5 --query 3" "--text 'मैं खाना खा रहा हूँ'" "--text 'a a a a' --dim 64"
  "--text 'a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff' --dim 6" "--dim 0 --text a")
