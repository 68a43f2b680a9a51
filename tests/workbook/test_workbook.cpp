// Tests of the workbook command's pieces that need no build: reading test output into a verdict,
// trimming build logs, nearest names, and the manifest reader.
#include "support/catch.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <sstream>
#include <string>
#include <sys/stat.h>
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

// AddressSanitizer's report as GCC 12's libasan prints it (shortened: the real one has 20 frames
// of Catch2 and xtensor before the learner's, and 28 KB in all).
const std::string asan_report = R"(=================================================================
==24802==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x603000000060 at pc 0x562009a9a002 bp 0x7fff6e12f8b0 sp 0x7fff6e12f8a8
READ of size 8 at 0x603000000060 thread T0
    #0 0x562009a9a001 in double const& std::max<double>(double const&, double const&) /usr/include/c++/12/bits/stl_algobase.h:259
    #1 0x562009a99b42 in xt::xtensor_container<xt::uvector<double, std::allocator<double> >, 2ul, (xt::layout_type)1, xt::xtensor_expression_tag>::operator()(unsigned long) /usr/include/xtensor/xcontainer.hpp:212
    #19 0x562009a99b42 in ch01::softmax_rows(xt::xtensor_container<xt::uvector<double, std::allocator<double> >, 2ul, (xt::layout_type)1, xt::xtensor_expression_tag> const&) /home/learner/wb/exercises/ch01/ex07_softmax_rows.cpp:23
    #20 0x562009a93614 in CATCH2_INTERNAL_TEST_0() /home/learner/wb/tests/ch01/test_ex07_softmax_rows.cpp:40
    #21 0x562009a93270 in _start (/home/learner/wb/build/bin/ch01_tests_exercises+0x11270)

0x603000000060 is located 0 bytes to the right of 32-byte region [0x603000000040,0x603000000060)
allocated by thread T0 here:
    #0 0x7f2aa60b94c8 in operator new(unsigned long) ../../../../src/libsanitizer/asan/asan_new_delete.cpp:95
    #9 0x562009a935c0 in ch01::softmax_rows(xt::xtensor_container<xt::uvector<double, std::allocator<double> >, 2ul, (xt::layout_type)1, xt::xtensor_expression_tag> const&) /home/learner/wb/exercises/ch01/ex07_softmax_rows.cpp:18

SUMMARY: AddressSanitizer: heap-buffer-overflow /usr/include/c++/12/bits/stl_algobase.h:259 in double const& std::max<double>(double const&, double const&)
Shadow bytes around the buggy address:
  0x0c067fff7fb0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
==24802==ABORTING
)";

// Catch2 2.13's XML report (as `--reporter xml` streams it) of a run that a timeout cut short:
// the first test case passed, the second was inside a section when it was stopped.
const char* xml_cut_short = R"(<?xml version="1.0" encoding="UTF-8"?>
<Catch name="ch01_tests_exercises" filters="[1.4]">
  <Group name="ch01_tests_exercises">
    <TestCase name="1.4 weights sum to 1 &amp; are &lt;= 1" tags="[1.4][ch01]" filename="/home/learner/wb/tests/ch01/test_ex04_softmax_stable.cpp" line="4">
      <OverallResult success="true"/>
    </TestCase>
    <TestCase name="1.4 scores of 1000" tags="[1.4][ch01]" filename="/home/learner/wb/tests/ch01/test_ex04_softmax_stable.cpp" line="20">
      <Section name="one score of 1000" filename="/home/learner/wb/tests/ch01/test_ex04_softmax_stable.cpp" line="22">
)";

// Catch2 3's XML report of a failed matcher: <Catch2TestRun>, no <Group>, skips counted.
const char* xml_catch3_failure = R"(<?xml version="1.0" encoding="UTF-8"?>
<Catch2TestRun name="ch01_tests_exercises" rng-seed="2934" xml-format-version="3" catch2-version="3.7.1" filters="[1.4]">
  <TestCase name="1.4 the stable softmax matches PyTorch" tags="[1.4][ch01]" filename="/home/learner/wb/tests/ch01/test_ex04_softmax_stable.cpp" line="10">
    <Section name="query 2's scores" filename="/home/learner/wb/tests/ch01/test_ex04_softmax_stable.cpp" line="10">
      <Info>
        the row is 2
      </Info>
      <Expression success="false" type="REQUIRE_THAT" filename="/home/learner/wb/tests/ch01/test_ex04_softmax_stable.cpp" line="11">
        <Original>
          softmax_stable(s), Equals(w, 1e-12)
        </Original>
        <Expanded>
          largest error 0.0457 at [1]:
  expected 0.237891 &amp; actual 0.192175
        </Expanded>
      </Expression>
      <OverallResults successes="0" failures="1" expectedFailures="0" skipped="false"/>
    </Section>
    <OverallResult success="false" skips="0"/>
  </TestCase>
  <OverallResults successes="3" failures="1" expectedFailures="0" skips="0"/>
  <OverallResultsCases successes="0" failures="1" expectedFailures="0" skips="0"/>
</Catch2TestRun>
)";

std::string data_file(const std::string& name) {
    return wbk::read_file(std::string(WB_TOOL_TEST_DATA) + "/" + name);
}

}  // namespace

TEST_CASE("workbook: Catch2's XML report, whole or cut short, in Catch2 2 and 3", "[workbook]") {
    const wbk::Workspace ws = workspace();
    SECTION("a timeout names the test case and the section that was running") {
        wbk::ProcessResult slow = exited(-1, xml_cut_short);
        slow.timed_out = true;
        slow.seconds = 30;
        const wbk::CheckResult r = wbk::classify_test_output(slow, ws, 200);
        CHECK(r.verdict == wbk::Verdict::timeout);
        CHECK_THAT(r.report, wb::test::Contains("in the test \"1.4 scores of 1000\", section \"one score of 1000\""));
        const wbk::TestRunReport xml = wbk::read_test_xml(xml_cut_short, 80);
        CHECK(xml.found);
        CHECK_FALSE(xml.complete);
        REQUIRE(xml.cases.size() == 2);
        CHECK(xml.cases[0].name == "1.4 weights sum to 1 & are <= 1");  // entities read by the parser
        CHECK(xml.cases[0].success);
        REQUIRE(xml.running() == &xml.cases[1]);
    }
    SECTION("a crash in the middle names the test case too") {
        wbk::ProcessResult crashed = exited(-1, xml_cut_short);
        crashed.signal = 11;
        const wbk::CheckResult r = wbk::classify_test_output(crashed, ws, 200);
        CHECK(r.verdict == wbk::Verdict::crash);
        CHECK_THAT(r.report, wb::test::Contains("SIGSEGV"));
        CHECK_THAT(r.report, wb::test::Contains("\"1.4 scores of 1000\""));
    }
    SECTION("Catch2 3: the failed check with its sections, message and the matcher's report") {
        const wbk::CheckResult r = wbk::classify_test_output(exited(1, xml_catch3_failure), ws, 100);
        CHECK(r.verdict == wbk::Verdict::fail);
        CHECK(r.report == "1.4 the stable softmax matches PyTorch\n"
                          "  query 2's scores\n"
                          "\n"
                          "tests/ch01/test_ex04_softmax_stable.cpp:11: FAILED:\n"
                          "  REQUIRE_THAT( softmax_stable(s), Equals(w, 1e-12) )\n"
                          "with expansion:\n"
                          "largest error 0.0457 at [1]:\n"
                          "  expected 0.237891 & actual 0.192175\n"
                          "with message:\n"
                          "  the row is 2\n");
    }
    SECTION("a narrow terminal: the lines the tool lays out are wrapped to its width") {
        const wbk::CheckResult r = wbk::classify_test_output(exited(1, xml_catch3_failure), ws, 40);
        // Only a single word longer than the line (a path, kept whole so it stays clickable) may stick out.
        for (const std::string& line : wbk::split_lines(r.report))
            CHECK((line.size() <= 40 || wbk::trim(line).find(' ') == std::string::npos ||
                   wbk::starts_with(line, "tests/ch01/test_ex04_softmax_stable.cpp:11: FAILED:")));
        CHECK_THAT(r.report, wb::test::Contains("  REQUIRE_THAT( softmax_stable(s),\n  Equals(w, 1e-12) )\n"));
    }
    SECTION("a pass, not done yet, and no tests") {
        const std::string pass = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Catch name=\"t\"><Group name=\"t\">"
                                 "<TestCase name=\"a\" tags=\"[1.4]\"><OverallResult success=\"true\"/></TestCase>"
                                 "<OverallResults successes=\"7\" failures=\"0\"/></Group>"
                                 "<OverallResults successes=\"7\" failures=\"0\"/></Catch>\n";
        wbk::CheckResult r = wbk::classify_test_output(exited(0, pass), ws);
        CHECK(r.verdict == wbk::Verdict::pass);
        CHECK(r.report == "All tests passed (7 assertions in 1 test cases)\n");
        const std::string not_done =
            "<?xml version=\"1.0\"?>\n<Catch2TestRun name=\"t\"><TestCase name=\"a\" tags=\"[1.4]\">"
            "<Exception filename=\"x.cpp\" line=\"3\">\n  not done yet: exercise 1.4 (softmax_stable) - open "
            "exercises/ch01/ex04_softmax_stable.cpp and write it\n</Exception><OverallResult success=\"false\"/>"
            "</TestCase><OverallResults successes=\"0\" failures=\"1\"/></Catch2TestRun>\n";
        r = wbk::classify_test_output(exited(1, not_done), ws);
        CHECK(r.verdict == wbk::Verdict::not_done);
        CHECK(r.report == "not done yet: exercise 1.4 (softmax_stable) - open exercises/ch01/ex04_softmax_stable.cpp "
                          "and write it\n");
        // Thrown inside a check, as Catch2 2.13 writes it: the Exception is a child of the Expression.
        const std::string thrown_in_check =
            "<?xml version=\"1.0\"?>\n<Catch name=\"t\"><Group name=\"t\"><TestCase name=\"a\" tags=\"[1.4]\">"
            "<Expression success=\"false\" type=\"REQUIRE_THAT\" filename=\"t.cpp\" line=\"11\"><Original>\n"
            "ch01::softmax_stable(s), Equals(w)\n</Original><Expanded>\nch01::softmax_stable(s), Equals(w)\n"
            "</Expanded><Exception filename=\"t.cpp\" line=\"11\">\nnot done yet: exercise 1.4 (softmax_stable) - "
            "open exercises/ch01/ex04_softmax_stable.cpp and write it\n</Exception></Expression>"
            "<OverallResult success=\"false\"/></TestCase><OverallResults successes=\"0\" failures=\"1\"/>"
            "</Group><OverallResults successes=\"0\" failures=\"1\"/></Catch>\n";
        r = wbk::classify_test_output(exited(1, thrown_in_check), ws);
        CHECK(r.verdict == wbk::Verdict::not_done);
        CHECK(r.report == "not done yet: exercise 1.4 (softmax_stable) - open exercises/ch01/ex04_softmax_stable.cpp "
                          "and write it\n");
        const std::string none = "<?xml version=\"1.0\"?>\n<Catch name=\"t\"><Group name=\"t\"><OverallResults "
                                 "successes=\"0\"/></Group><OverallResults successes=\"0\"/></Catch>\n";
        CHECK(wbk::classify_test_output(exited(0, none), ws).verdict == wbk::Verdict::no_tests);
    }
}

TEST_CASE("workbook: a sanitizer report becomes its headline, the learner's frame and that line", "[workbook]") {
    char dir_template[] = "/tmp/wb-asan-XXXXXX";
    wbk::Workspace ws;
    ws.root = mkdtemp(dir_template);
    ws.build = ws.root + "/build";
    ws.state = ws.root + "/.workbook";
    wbk::make_dirs(ws.root + "/exercises/ch01");
    std::string source;
    for (int line = 1; line <= 30; ++line)
        source += line == 23 ? "        largest = std::max(largest, scores(i, j + 1));\n" : "// line\n";
    wbk::write_file_atomic(ws.root + "/exercises/ch01/ex07_softmax_rows.cpp", source);
    std::string report = asan_report;
    for (std::size_t at = report.find("/home/learner/wb"); at != std::string::npos;
         at = report.find("/home/learner/wb"))
        report.replace(at, std::string("/home/learner/wb").size(), ws.root);

    const wbk::CheckResult r = wbk::classify_test_output(exited(1, report), ws);
    CHECK(r.verdict == wbk::Verdict::sanitizer);
    CHECK(r.report == "AddressSanitizer: heap-buffer-overflow: READ of size 8\n"
                      "the address is 0 bytes to the right of a 32-byte block\n"
                      "\n"
                      "exercises/ch01/ex07_softmax_rows.cpp:23: #19 in ch01::softmax_rows(...)\n"
                      "  largest = std::max(largest, scores(i, j + 1));\n");
    CHECK(r.report.size() < 300);  // not the 28 KB of the whole report

    SECTION("UBSan: the runtime error's own location") {
        const wbk::CheckResult u = wbk::classify_test_output(
            exited(1, ws.root + "/exercises/ch01/ex07_softmax_rows.cpp:23:9: runtime error: signed integer overflow: "
                                "2147483647 + 1 cannot be represented in type 'int'\n"),
            ws);
        CHECK(u.verdict == wbk::Verdict::sanitizer);
        CHECK_THAT(u.report, wb::test::Contains("exercises/ch01/ex07_softmax_rows.cpp:23"));
        CHECK_THAT(u.report, wb::test::Contains("largest = std::max"));
    }
    std::system(("rm -rf '" + ws.root + "'").c_str());
}

TEST_CASE("workbook: compiler errors that are known xtensor traps name their section of the pitfalls page",
          "[workbook]") {
    const std::string root = WB_TOOL_TEST_ROOT;
    // Real errors of wrong exercise code (see tests/workbook/data/): GCC 12 and clang 14.
    for (const char* log :
         {"gcc12_amax_to_double.log", "gcc12_auto_sum_compared.log", "gcc12_auto_amax_in_std_max.log",
          "gcc12_auto_amax_times_two.log", "clang14_amax_to_double.log", "clang14_auto_sum_compared.log"}) {
        CAPTURE(log);
        const std::string line = wbk::diagnose_build_error(data_file(log), root);
        CHECK_THAT(line, wb::test::Contains("docs/xtensor-pitfalls.md, section 8, \"A full reduction is a 0-D "
                                            "expression, not a number\""));
        CHECK_THAT(line, wb::test::Contains("xt::sum(v)()"));
    }
    for (const char* log : {"gcc12_auto_xfunction_resize.log", "clang14_auto_xfunction_resize.log"}) {
        CAPTURE(log);
        CHECK_THAT(wbk::diagnose_build_error(data_file(log), root),
                   wb::test::Contains("docs/xtensor-pitfalls.md, section 2, \"`auto` holds a lazy expression, not a "
                                      "result\""));
    }
    SECTION("a name of xtensor's used without its header: the header to include") {
        // GCC 12 and clang 14's words for xt::linalg::dot and xt::argmax without their headers.
        CHECK_THAT(wbk::diagnose_build_error("ex05_head_scores.cpp:30:29: error: \xE2\x80\x98xt::linalg\xE2\x80\x99 "
                                             "has not been declared\n",
                                             root),
                   wb::test::Contains("add `#include <xtensor-blas/xlinalg.hpp>`"));
        CHECK_THAT(wbk::diagnose_build_error("ex05.cpp:30:29: error: 'linalg' is not a member of 'xt'\n", root),
                   wb::test::Contains("add `#include <xtensor-blas/xlinalg.hpp>`"));
        CHECK_THAT(
            wbk::diagnose_build_error("ex05.cpp:30:29: error: no member named 'linalg' in namespace 'xt'\n", root),
            wb::test::Contains("xt::linalg comes from the header <xtensor-blas/xlinalg.hpp>"));
        CHECK_THAT(wbk::diagnose_build_error("ex09.cpp:25:27: error: 'argmax' is not a member of 'xt'\n", root),
                   wb::test::Contains("add `#include <xtensor/xsort.hpp>`"));
    }
    SECTION("other errors get no such line") {
        CHECK(wbk::diagnose_build_error("x.cpp:20:1: error: expected ';' before '}' token\n", root).empty());
        CHECK(wbk::diagnose_build_error("x.cpp:3:5: error: cannot convert 'std::string' to 'double'\n", root).empty());
    }
}

TEST_CASE("workbook: text is wrapped to the terminal's width, keeping indentation", "[workbook]") {
    CHECK(wbk::wrap("  one two three four five six seven eight nine ten", 20) ==
          "  one two three four\n  five six seven\n  eight nine ten");
    CHECK(wbk::wrap("short\n", 20) == "short\n");
    const std::string path = "exercises/ch01/ex04_softmax_stable.cpp:12:3: error: x";
    CHECK(wbk::wrap(path, 20) == "exercises/ch01/ex04_softmax_stable.cpp:12:3:\nerror: x");
}

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
        wbk::CheckResult r = wbk::classify_test_output(exited(1, "not done yet: exercise 1.1\n" + asan_report), ws);
        CHECK(r.verdict == wbk::Verdict::sanitizer);
        CHECK_THAT(r.report, wb::test::Contains("exercises/ch01/ex07_softmax_rows.cpp:23"));
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

TEST_CASE("workbook: an exercise's needs are earlier exercises its hints name, and the missing ones are named at once",
          "[workbook]") {
    const std::string root = WB_TOOL_TEST_ROOT;
    wbk::Manifest m = wbk::load_manifest(root + "/exercises/manifest.toml");
    const wbk::Exercise* adam = m.exercise("6.8");
    REQUIRE(adam != nullptr);
    CHECK(adam->needs == std::vector<std::string>{"6.2", "6.3", "6.4", "6.5"});
    const auto about = [&](const std::string& needle) {
        std::vector<std::string> found;
        for (const std::string& p : wbk::consistency_problems(m, root, ""))
            if (p.find(needle) != std::string::npos) found.push_back(p);
        return found;
    };
    CHECK(about("needs").empty());
    wbk::Exercise& e = const_cast<wbk::Exercise&>(*adam);
    SECTION("a later exercise is not a need") {
        e.needs.push_back("6.9");
        CHECK(about("exercise 6.8: needs 6.9, which is not an earlier exercise").size() == 1);
    }
    SECTION("a need no hint names") {
        e.needs.push_back("6.1");
        CHECK(about("exercise 6.8: needs 6.1, but no hint names it").size() == 1);
    }
    SECTION("the missing ones: those still holding their WB_NOT_DONE_YET line, and the one the tests stopped at") {
        wbk::Workspace ws;
        ws.root = root;  // the repository's stubs: 6.2 to 6.5 all missing
        std::vector<std::string> ids;
        for (const wbk::Exercise* x : wbk::missing_needs(ws, m, *adam, "6.3")) ids.push_back(x->id);
        CHECK(ids == std::vector<std::string>{"6.2", "6.3", "6.4", "6.5"});
        ids.clear();
        for (const wbk::Exercise* x : wbk::missing_needs(ws, m, *m.exercise("6.7"), "6.1")) ids.push_back(x->id);
        CHECK(ids == std::vector<std::string>{"6.1"});  // no needs listed: the one it stopped at
        CHECK(wbk::join_ids({"6.2", "6.3", "6.4"}) == "6.2, 6.3 and 6.4");
    }
}

TEST_CASE("workbook: hints are rendered for the terminal: LaTeX as plain text, links as paths", "[workbook]") {
    const std::string page = "docs/02-self-attention.md";
    const auto render = [&](const std::string& text) { return wbk::render_hint(text, page, 100); };
    SECTION("LaTeX") {
        CHECK(render("$X^\\top$ is (d_in, T)") == "X^T is (d_in, T)\n");
        CHECK(render("divide by $\\sqrt{d_k}$, or $\\sqrt{d_{out}}$") == "divide by sqrt(d_k), or sqrt(d_out)\n");
        CHECK(render("$x^{(i+1)} W$ and $u_k = \\sum_a s_a W_{ak}$") == "x^(i+1) W and u_k = sum_a s_a W_ak\n");
        CHECK(render("$\\frac{Q K^\\top}{\\sqrt{d_k}}$") == "(Q K^T)/sqrt(d_k)\n");
        CHECK(render("$\\frac{1}{T}$, $a \\cdot b$, $\\Omega = Q K^\\top$") == "1/T, a · b, Ω = Q K^T\n");
        CHECK(render("$\\mathrm{softmax}(x)_i \\le 1$") == "softmax(x)_i <= 1\n");
        CHECK(render("`cost $5` stays code") == "`cost $5` stays code\n");
    }
    SECTION("links become the path from the repository's top") {
        CHECK(render("see [xtensor-pitfalls.md](xtensor-pitfalls.md).") == "see docs/xtensor-pitfalls.md.\n");
        CHECK(render("see [the pitfalls](xtensor-pitfalls.md#2-auto) and [the README](../README.md)") ==
              "see the pitfalls (docs/xtensor-pitfalls.md) and the README (README.md)\n");
    }
    SECTION("a section reference names its page; one that names it already is left alone") {
        CHECK(render("Section 4(c): subtract") == "Section 4(c) of docs/02-self-attention.md: subtract\n");
        CHECK(render("Follow section 3 line by line") ==
              "Follow section 3 of docs/02-self-attention.md line by line\n");
        CHECK(render("section 2 of docs/xtensor-pitfalls.md") == "section 2 of docs/xtensor-pitfalls.md\n");
        CHECK(render("section 12 of docs/x.md") == "section 12 of docs/x.md\n");
    }
    SECTION("paragraphs re-flowed to the width, code blocks kept") {
        const std::string text = "one two three four five six\nseven eight nine\n\n```cpp\nint x = a   +   b;\n```\n";
        CHECK(wbk::render_hint(text, page, 20) ==
              "one two three four\nfive six seven eight\nnine\n\n    int x = a   +   b;\n");
    }
    SECTION("every hint in exercises/manifest.toml: no $, no LaTeX command, no Markdown link left") {
        const wbk::Manifest m = wbk::load_manifest(std::string(WB_TOOL_TEST_ROOT) + "/exercises/manifest.toml");
        const std::regex command(R"(\\[A-Za-z]+)"), link(R"(\]\()"),
            bare_section(R"(\b[Ss]ection \d+(\([a-z]\))?(?![\d(]| of ))");
        std::size_t rendered = 0;
        for (const wbk::Exercise* e : m.exercises())
            for (const std::string& hint : e->hints) {
                const std::string text = wbk::render_hint(hint, m.chapter_of(*e).docs, 80);
                CAPTURE(e->id, text);
                CHECK(text.find('$') == std::string::npos);
                CHECK_FALSE(std::regex_search(text, command));
                CHECK_FALSE(std::regex_search(text, link));
                CHECK_FALSE(std::regex_search(text, bare_section));
                for (const std::string& line : wbk::split_lines(text))
                    if (!wbk::starts_with(line, "    "))
                        CHECK((line.size() <= 80 || line.find(' ') == std::string::npos));
                ++rendered;
            }
        CHECK(rendered >= 40);
    }
}

TEST_CASE("workbook: a long build shows its progress, condensed from ninja's lines", "[workbook]") {
    using wbk::BuildProgress;
    CHECK(BuildProgress::condense("[12/85] Building CXX object "
                                  "exercises/CMakeFiles/ch01_exercises.dir/ch01/ex04_softmax_stable.cpp.o") ==
          "[12/85] exercises/ch01/ex04_softmax_stable.cpp");
    CHECK(BuildProgress::condense("[85/85] Linking CXX executable bin/ch01_tests_exercises") ==
          "[85/85] linking bin/ch01_tests_exercises");
    CHECK(BuildProgress::condense("FAILED: exercises/CMakeFiles/x.dir/ch01/ex04.cpp.o").empty());
    CHECK(BuildProgress::condense("[not a count] x").empty());
    CHECK(BuildProgress::condense("ninja: no work to do.").empty());

    std::ostringstream seen;
    std::streambuf* saved = std::cerr.rdbuf(seen.rdbuf());
    SECTION("without a terminal: a line now and then (every 0 s here), nothing for other lines") {
        BuildProgress progress(false, 80, 0);
        progress.feed("[1/3] Building CXX object exercises/CMakeFiles/ch01_exercises.dir/ch01/ex01_a.cpp.o\n[2/");
        progress.feed("3] Building CXX object tests/CMakeFiles/ch01_tests.dir/ch01/test_ex01_a.cpp.o\nwarning: x\n");
        progress.done();
        std::cerr.rdbuf(saved);
        CHECK_THAT(seen.str(), wb::test::Contains("workbook: building [2/3] tests/ch01/test_ex01_a.cpp"));
        CHECK(seen.str().find('\r') == std::string::npos);
        CHECK(seen.str().find("warning") == std::string::npos);
    }
    SECTION("without a terminal, a build shorter than the period prints nothing") {
        BuildProgress progress(false, 80, 600);
        progress.feed("[1/1] Linking CXX executable bin/workbook\n");
        progress.done();
        std::cerr.rdbuf(saved);
        CHECK(seen.str().empty());
    }
    SECTION("on a terminal: one line, rewritten in place, cut to the width, cleared at the end") {
        BuildProgress progress(true, 40, 600);
        progress.feed(
            "[1/2] Building CXX object exercises/CMakeFiles/ch01_exercises.dir/ch01/ex04_softmax_stable.cpp.o\n");
        progress.feed("[2/2] Linking CXX executable bin/workbook\n");
        progress.done();
        std::cerr.rdbuf(saved);
        // 39 columns: a line as wide as the terminal would move the cursor to the next one.
        CHECK(seen.str() == "\r\x1b[Kworkbook: building [1/2] exercises/ch0>\r\x1b[Kworkbook: building [2/2] "
                            "linking bin/w>\r\x1b[K");
        CHECK(seen.str().find('\n') == std::string::npos);
    }
    std::cerr.rdbuf(saved);
}

TEST_CASE("workbook: --timings names each build step from ninja's log, in 80 columns", "[workbook]") {
    CHECK(wbk::build_step_name("exercises/CMakeFiles/ch01_exercises_objects.dir/ch01/ex04_softmax_stable.cpp.o") ==
          "compile ch01/ex04_softmax_stable.cpp");
    CHECK(wbk::build_step_name("/home/learner/wb/build/CMakeFiles/cmake.verify_globs") ==
          "CMake's check of its file globs");
    CHECK(wbk::build_step_name("exercises/libch01_exercises.a") == "archive libch01_exercises.a");
    CHECK(wbk::build_step_name("bin/ch01_tests_ex04") == "link ch01_tests_ex04");
    CHECK(wbk::build_step_name("tests/ch01_tests_exercises_tests-b12d07c.cmake").empty());
    CHECK(wbk::build_step_name("common/CMakeFiles/wb_pch.dir/cmake_pch.hxx.gch") == "precompiled header");

    // A log with one earlier build (mtimes before 2000000000000) and this one: a step's outputs
    // share its start and end (the link writes the program and CTest's list), in start order.
    const std::string log = "# ninja log v5\n"
                            "10\t900\t1000000000000\texercises/CMakeFiles/x.dir/ch01/ex01_a.cpp.o\tab\n"
                            "35\t111\t2000000000001\t/b/CMakeFiles/cmake.verify_globs\tcd\n"
                            "124\t1567\t2000000000002\texercises/CMakeFiles/x.dir/ch01/ex04_b.cpp.o\tef\n"
                            "1567\t1917\t2000000000003\ttests/ch01_tests_exercises_tests-1.cmake\t01\n"
                            "1567\t1917\t2000000000003\tbin/ch01_tests_ex04\t01\n";
    const std::vector<wbk::Timing> steps = wbk::read_ninja_steps(log, 2000000000000);
    REQUIRE(steps.size() == 3);
    CHECK(steps[0].what == "build: CMake's check of its file globs");
    CHECK(steps[0].seconds == Approx(0.076));
    CHECK(steps[1].what == "build: compile ch01/ex04_b.cpp");
    CHECK(steps[1].seconds == Approx(1.443));
    CHECK(steps[2].what == "build: link ch01_tests_ex04");
    CHECK(steps[2].seconds == Approx(0.35));

    std::vector<wbk::Timing> all = {{"watch: the save noticed after", 0.031}};
    all.insert(all.end(), steps.begin(), steps.end());
    all.push_back({"build: compile ch06/ex05_attention_backward_scores_with_a_very_long_name_indeed.cpp", 2});
    all.push_back({"tests: ch01_tests_ex04 [1.4]", 0.02});
    for (std::size_t width : {40, 80, 200}) {
        const std::string table = wbk::format_timings(all, width);
        CHECK_THAT(table, wb::test::Contains("Where the time went"));
        CHECK_THAT(table, wb::test::Contains("  build: compile ch01/ex04_b.cpp"));
        CHECK_THAT(table, wb::test::Contains("1.44\n"));
        CHECK_THAT(table, wb::test::Contains("total"));
        CHECK_THAT(table, wb::test::Contains("3.92\n"));  // the sum of the rows
        for (const std::string& line : wbk::split_lines(table)) CHECK(line.size() <= std::max<std::size_t>(width, 40));
    }
}

TEST_CASE("workbook: the sources' fingerprint changes when a file is added or a CMake file changes", "[workbook]") {
    char dir_template[] = "/tmp/wb-fingerprint-XXXXXX";
    const std::string dir = ::mkdtemp(dir_template);
    const auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir + "/" + name) << text;
    };
    write("CMakeLists.txt", "project(x)\n");
    write("a.cpp", "int a;\n");
    const std::string first = wbk::source_tree_fingerprint(dir);
    CHECK(wbk::source_tree_fingerprint(dir) == first);
    write("a.cpp", "int a = 1;\n");  // an edit of a source: the same files
    CHECK(wbk::source_tree_fingerprint(dir) == first);
    write(".a.cpp.swp", "x");  // an editor's hidden file, or a file CMake does not glob
    write("notes.txt", "x");
    CHECK(wbk::source_tree_fingerprint(dir) == first);
    write("b.cpp", "int b;\n");  // a new source
    const std::string second = wbk::source_tree_fingerprint(dir);
    CHECK(second != first);
    ::mkdir((dir + "/build").c_str(), 0755);  // a build directory is not looked into
    write("build/CMakeCache.txt", "");
    write("build/c.cpp", "");
    CHECK(wbk::source_tree_fingerprint(dir) == second);
    ::usleep(20000);
    write("CMakeLists.txt", "project(y)\n");  // a CMake file changed
    CHECK(wbk::source_tree_fingerprint(dir) != second);
    std::system(("rm -rf " + dir).c_str());
}
