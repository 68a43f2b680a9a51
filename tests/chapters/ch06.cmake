# Chapter 6's command line: runs that must succeed, and runs that must print error: and exit 2.
wb_chapter_cli_test(ch06_learning_to_attend
  GOOD "--steps 20 --hidden 4" "--steps 20 --seed 0 --svg nested/dir" "--seed 5 --steps 200"
  BAD "--steps 19" "--steps 2001" "--steps x" "--steps" "--steps -1" "--steps 1.5" "--hidden 1" "--hidden 65"
  "--hidden 0" "--hidden x" "--seed -1" "--seed 4294967296" "--seed x" "--svg /etc/passwd")
