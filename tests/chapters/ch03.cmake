# Chapter 3's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch03_causal_attention
  GOOD "--seed 5" "--dropout 0" "--dropout 0.9 --seed 7" "--dropout 0.999" "--seed 4294967295"
       "--text 'Je suis étudiant'" "--text one" "--text 'two words'" "--text 'मैं खाना खा रहा हूँ' --dropout 0.1"
       "--text 'a b c d e f g h i j k l m n o p'" "--svg nested/dir"
  BAD "--dropout 1" "--dropout 1.5" "--dropout -0.1" "--dropout x" "--dropout nan" "--dropout inf" "--dropout"
  "--seed -1" "--seed 4294967296" "--seed x" "--text ''" "--text '   '"
  "--text 'a b c d e f g h i j k l m n o p q'" "--text \"$(printf 'bad\\377utf8')\"" "--svg /etc/passwd"
  SAYS "--dropout -0.1" "is negative" "--dropout nan" "is not a number" "--dropout 1" "p = 1 would drop every weight"
       "--dropout 1.5" "is not below 1"
       "--svg ''" "--svg needs a directory name" "--seed 0x7" "not a decimal number")

# Every line of the output fits 80 columns (tests/chapters/check_width.sh).
wb_chapter_width_test(ch03_causal_attention default "--help" "--dropout 0.9 --seed 7"
  "--text 'a b c d e f g h i j k l m n o p'" "--text 'मैं खाना खा रहा हूँ' --dropout 0.1" "--dropout 1")
