# Chapter 9's program trains three small GPTs for thousands of steps. In the Debug build of the
# quick start (-O0 with xtensor's assertions) one step of 16 sequences takes about 3.5 s; compiled
# with -O2 and no assertions, 11 ms. So the program and the libraries it links are compiled that
# way in every build type (wb_chapter in chapters/CMakeLists.txt); ch09_tiny_gpt_mine, on your
# own exercise code, stays a Debug program.
set(optimised ON)
