// The one Catch2 main, shared by every test program. With Catch2 2 the console is widened to 160
// columns, so Catch itself never wraps the tensor matcher's side-by-side report (expected |
// actual); Catch2 3 fixes the width when the library is built. The matcher fits its report to the
// real terminal: WB_COLUMNS (set by ./workbook to the terminal's width), capped at this width,
// side by side when both blocks fit, else expected above actual with as many columns as fit
// (wb::test::report_columns()). Keep 160 in step with wb::test::console_width in catch.hpp.
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
