// Tests of the workbook command's pieces that need no build: reading test output into a verdict,
// trimming build logs, nearest names, and the manifest reader.
#include "support/catch.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

#include "workbook.hpp"

namespace {

wbk::Workspace workspace() {
    wbk::Workspace ws;
    ws.root = "/home/learner/wb";
    ws.build = ws.root + "/build";
    ws.state = ws.root + "/.workbook";
    return ws;
}

wbk::ProcessResult exited(int code, std::string output) {
    wbk::ProcessResult r;
    r.exit_code = code;
    r.output = std::move(output);
    return r;
}

const char* catch_failure = R"(Filters: [1.4]

~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
ch01_tests_exercises is a Catch v2.13.10 host application.
Run with -? for options

------------------------------------------------------------------------------
1.4 the stable softmax matches PyTorch
  query 2's scores
------------------------------------------------------------------------------
/home/learner/wb/tests/ch01/test_ex04_softmax_stable.cpp:10
..............................................................................

/home/learner/wb/tests/ch01/test_ex04_softmax_stable.cpp:11: FAILED:
  REQUIRE_THAT( softmax_stable(s), Equals(w, 1e-12) )
with expansion:
  largest error 0.0457 at [1]: expected 0.237891, actual 0.192175

==============================================================================
test cases: 1 | 1 failed
assertions: 1 | 1 failed
)";

}  // namespace

TEST_CASE("workbook: test output becomes one verdict with the part that explains it", "[workbook]") {
    const wbk::Workspace ws = workspace();
    SECTION("a failed assertion: the test's name and the matcher's report, paths relative") {
        const wbk::CheckResult r = wbk::classify_test_output(exited(1, catch_failure), ws);
        CHECK(r.verdict == wbk::Verdict::fail);
        CHECK_THAT(r.report, wb::test::Contains("1.4 the stable softmax matches PyTorch"));
        CHECK_THAT(r.report, wb::test::Contains("tests/ch01/test_ex04_softmax_stable.cpp:11: FAILED:"));
        CHECK_THAT(r.report, wb::test::Contains("largest error 0.0457 at [1]"));
        CHECK(r.report.find("/home/learner") == std::string::npos);
        CHECK(r.report.find("test cases:") == std::string::npos);
        CHECK(r.report.find("~~~~") == std::string::npos);
    }
    SECTION("not done yet") {
        const wbk::CheckResult r = wbk::classify_test_output(
            exited(1, "due to unexpected exception with message:\n  not done yet: exercise 1.4 (softmax_stable) - "
                      "open exercises/ch01/ex04_softmax_stable.cpp and write it\n"),
            ws);
        CHECK(r.verdict == wbk::Verdict::not_done);
        CHECK(r.report == "not done yet: exercise 1.4 (softmax_stable) - open exercises/ch01/ex04_softmax_stable.cpp "
                          "and write it\n");
    }
    SECTION("a pass") {
        const wbk::CheckResult r =
            wbk::classify_test_output(exited(0, "All tests passed (42 assertions in 3 test cases)\n"), ws);
        CHECK(r.verdict == wbk::Verdict::pass);
    }
    SECTION("sanitizer reports win over everything else in the output") {
        const std::string asan = "not done yet: exercise 1.1\n==1==ERROR: AddressSanitizer: heap-buffer-overflow\n"
                                 "READ of size 8 at /home/learner/wb/exercises/ch01/ex01_scores_for_query.cpp:22\n";
        wbk::CheckResult r = wbk::classify_test_output(exited(1, asan), ws);
        CHECK(r.verdict == wbk::Verdict::sanitizer);
        CHECK_THAT(r.report, wb::test::Contains("exercises/ch01/ex01_scores_for_query.cpp:22"));
        r = wbk::classify_test_output(exited(1, "x.cpp:3:9: runtime error: signed integer overflow\n"), ws);
        CHECK(r.verdict == wbk::Verdict::sanitizer);
    }
    SECTION("a crash, a timeout, no tests") {
        wbk::ProcessResult crashed = exited(-1, "some output\n");
        crashed.signal = 11;
        CHECK(wbk::classify_test_output(crashed, ws).verdict == wbk::Verdict::crash);
        CHECK_THAT(wbk::classify_test_output(crashed, ws).report, wb::test::Contains("SIGSEGV"));
        wbk::ProcessResult slow = exited(-1, "");
        slow.timed_out = true;
        slow.seconds = 30;
        CHECK(wbk::classify_test_output(slow, ws).verdict == wbk::Verdict::timeout);
        CHECK(wbk::classify_test_output(exited(2, "No test cases matched '[9.9]'\n"), ws).verdict ==
              wbk::Verdict::no_tests);
    }
    SECTION("exit statuses") {
        CHECK(wbk::exit_status(wbk::Verdict::pass) == 0);
        CHECK(wbk::exit_status(wbk::Verdict::fail) == 1);
        CHECK(wbk::exit_status(wbk::Verdict::build_error) == 1);
        CHECK(wbk::exit_status(wbk::Verdict::not_done) == 3);
    }
}

TEST_CASE("workbook: a build log is trimmed to the compiler's errors", "[workbook]") {
    const std::string log =
        "[1/3] Building CXX object exercises/CMakeFiles/ch01_exercises.dir/ch01/ex04_softmax_stable.cpp.o\n"
        "FAILED: exercises/CMakeFiles/ch01_exercises.dir/ch01/ex04_softmax_stable.cpp.o\n"
        "/usr/bin/c++ -DFMT_SHARED -Wall -o x.o -c /home/learner/wb/exercises/ch01/ex04_softmax_stable.cpp\n"
        "/home/learner/wb/exercises/ch01/ex04_softmax_stable.cpp:20:1: error: expected ';' before '}' token\n"
        "   20 | }\n"
        "      | ^\n"
        "ninja: build stopped: subcommand failed.\n";
    const std::string trimmed = wbk::trim_build_errors(log, workspace());
    CHECK(trimmed == "exercises/ch01/ex04_softmax_stable.cpp:20:1: error: expected ';' before '}' token\n"
                     "   20 | }\n"
                     "      | ^\n");
}

TEST_CASE("workbook: the nearest valid name", "[workbook]") {
    CHECK(wbk::nearest("chek", {"watch", "list", "check", "hint"}) == "check");
    CHECK(wbk::nearest("1.11", {"1", "1.1", "2", "2.1"}) == "1.1");
    CHECK(wbk::edit_distance("reset", "rest") == 1);
    CHECK(wbk::edit_distance("", "abc") == 3);
}

TEST_CASE("workbook: the manifest reader", "[workbook]") {
    char dir_template[] = "/tmp/wb-manifest-XXXXXX";
    const std::string dir = mkdtemp(dir_template);
    const std::string path = dir + "/manifest.toml";
    SECTION("chapters, exercises and hints, trimmed") {
        std::ofstream(path) << "[[chapter]]\nid = \"ch01\"\nnumber = 1\ntitle = \"T\"\nprogram = \"p\"\n"
                               "docs = \"d.md\"\n  [[chapter.exercise]]\n  id = \"1.1\"\n  title = \"E\"\n"
                               "  function = \"f\"\n  file = \"exercises/ch01/ex01_f.cpp\"\n"
                               "  solution = \"solutions/ch01/ex01_f.cpp\"\n  tag = \"[1.1]\"\n"
                               "  hints = [\n'''\nfirst\n''',\n'''\nsecond\n''',\n  ]\n";
        const wbk::Manifest m = wbk::load_manifest(path);
        REQUIRE(m.chapters.size() == 1);
        REQUIRE(m.exercises().size() == 1);
        const wbk::Exercise* e = m.exercise("1.1");
        REQUIRE(e != nullptr);
        CHECK(e->hints == std::vector<std::string>{"first", "second"});
        CHECK(e->chapter == 1);
        CHECK(e->number == 1);
        CHECK(m.names() == std::vector<std::string>{"1", "1.1"});
        // The file and solution do not exist here: the consistency check says so.
        const std::vector<std::string> problems = wbk::consistency_problems(m, dir, "");
        CHECK_FALSE(problems.empty());
    }
    SECTION("a missing key names the line") {
        std::ofstream(path) << "[[chapter]]\nid = \"ch01\"\nnumber = 1\n";
        CHECK_THROWS_WITH(wbk::load_manifest(path), wb::test::Contains("missing key 'title'"));
    }
    SECTION("a syntax error names the line") {
        std::ofstream(path) << "[[chapter]]\nid = \n";
        CHECK_THROWS_WITH(wbk::load_manifest(path), wb::test::Contains(path + ":2"));
    }
    std::remove(path.c_str());
    rmdir(dir.c_str());
}
