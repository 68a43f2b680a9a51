// The one Catch2 main, shared by every test program. With Catch2 2 the console is widened so the
// tensor matcher's side-by-side report (expected | actual) does not wrap; Catch2 3 fixes the width
// when the library is built, and the matcher stacks expected above actual when they do not fit.
// Keep 160 in step with wb::test::console_width in catch.hpp.
#if __has_include(<catch2/catch_all.hpp>)
#include <catch2/catch_session.hpp>
int main(int argc, char* argv[]) {
    return Catch::Session().run(argc, argv);
}
#else
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_CONSOLE_WIDTH 160
#include <catch2/catch.hpp>
#endif
