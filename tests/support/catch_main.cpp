// The one Catch2 main, shared by every test program. The console is wide enough for the tensor
// matcher's side-by-side report (expected | actual) not to wrap.
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_CONSOLE_WIDTH 160
#include <catch2/catch.hpp>
