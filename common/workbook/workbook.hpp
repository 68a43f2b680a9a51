// common/workbook/workbook.hpp - the pieces of the learner's `workbook` command.
//
// Contract:
//   - The manifest (exercises/manifest.toml) is the one list of chapters and exercises; everything
//     else (progress, hints, reset) is keyed by its exercise ids ("1.4").
//   - Progress is what the tests say now. The only cache (.workbook/cache.json) is keyed by the
//     exercise file's content and the test program's build (its size and time: each link writes
//     a new one), so a changed file or rebuilt tests are always re-run.
//   - Nothing overwrites a learner's file without first saving it under .workbook/backups/ (never
//     overwritten either). Pristine stubs live read-only in .workbook/stubs/ (see store.cpp).
//   - Child processes (build, tests) run with a time limit and are killed, with their children, when
//     they exceed it: a learner's endless loop ends in a message, not a hung terminal.
// Not: a build system (it asks CMake/Ninja to build one target) or a test framework (it runs the
// chapter's Catch2 program and reads its report).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace wbk {

inline constexpr int exit_ok = 0;
inline constexpr int exit_fail = 1;
inline constexpr int exit_usage = 2;
inline constexpr int exit_not_done = 3;  // the same as wb::exit_not_done

// ---- manifest.cpp
struct Exercise {
    std::string id;  // "1.4"
    std::string title, function, file, solution, tag;
    std::vector<std::string> hints;
    // Earlier exercises its tests also run (the function calls them, or the given code the tests
    // run does): "6.8" needs {"6.2", "6.3", "6.4", "6.5"}. Optional in the manifest.
    std::vector<std::string> needs;
    int chapter = 0;  // 1
    int number = 0;   // 4
};

struct Chapter {
    std::string id;  // "ch01"
    int number = 0;
    std::string title, program, docs;
    std::vector<Exercise> exercises;
};

struct Manifest {
    std::vector<Chapter> chapters;
    const Exercise* exercise(const std::string& id) const;
    const Chapter* chapter(int number) const;
    const Chapter& chapter_of(const Exercise& e) const;
    std::vector<const Exercise*> exercises() const;  // all, in order
    std::vector<std::string> names() const;          // "1", "1.1", ... for "did you mean"
};

struct ManifestError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads and validates the manifest's shape (types, required keys). Throws ManifestError with
// "path:line: what".
Manifest load_manifest(const std::string& path);

// Every disagreement between the manifest and the repository (files, ids, stub markers, test tags,
// docs hint blocks, chapter directories missing from the manifest). Empty means consistent.
// `bin_dir` holds the chapters' test programs (chNN_tests_solutions); empty skips the tag check.
std::vector<std::string> consistency_problems(const Manifest& m, const std::string& root, const std::string& bin_dir);

// ---- util.cpp
std::string read_file(const std::string& path);  // throws std::runtime_error if unreadable
std::optional<std::string> try_read(const std::string& path);
void write_file_atomic(const std::string& path, const std::string& content);  // temp + rename
bool exists(const std::string& path);
void make_dirs(const std::string& path);
std::uint64_t fnv1a(const std::string& bytes, std::uint64_t h = 1469598103934665603ull);
std::string hex(std::uint64_t v);
std::string trim(const std::string& s);
std::vector<std::string> split_lines(const std::string& s);
bool starts_with(const std::string& s, const std::string& prefix);
bool contains(const std::string& s, const std::string& part);
std::size_t edit_distance(const std::string& a, const std::string& b);
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);
std::string timestamp();  // 20261121-140501, UTC
// The line (1-based) of the first occurrence of `needle` in `text`, or 0.
int line_of(const std::string& text, const std::string& needle);

// ---- term.cpp
struct Style {
    bool color = false;
    std::string bold(const std::string& s) const;
    std::string dim(const std::string& s) const;
    std::string green(const std::string& s) const;
    std::string red(const std::string& s) const;
    std::string yellow(const std::string& s) const;
    std::string cyan(const std::string& s) const;
};
Style make_style(bool no_color_flag);  // colour only on a terminal with NO_COLOR unset
std::size_t terminal_width();          // COLUMNS, the terminal, or 80
std::size_t terminal_rows();           // LINES, the terminal, or 0 (unknown: not a terminal)
// One line of code (or of a diff, whose first `lead` characters are its marker) cut into lines of at
// most `width`: at a space when there is one, continuations indented four more, after the marker.
std::string wrap_code(const std::string& line, std::size_t width, std::size_t lead = 0);

// ---- process.cpp
struct ProcessResult {
    int exit_code = -1;  // when it exited
    int signal = 0;      // when a signal ended it
    bool timed_out = false;
    bool failed_to_start = false;
    std::string output;  // stdout and stderr, interleaved
    double seconds = 0;
};
// `on_output`, if given, sees the output as it comes (for progress).
ProcessResult run_process(const std::vector<std::string>& argv, double timeout_seconds, const std::string& cwd = "",
                          const std::function<void(const std::string&)>& on_output = {});

// Ninja's "[12/85] Building CXX object exercises/CMakeFiles/ch01_exercises.dir/ch01/ex04.cpp.o"
// lines, shown while a build runs: on a terminal one line that updates in place, otherwise a line
// every `period` seconds (none for a build that ends sooner). Writes to stderr.
class BuildProgress {
  public:
    explicit BuildProgress(bool terminal, std::size_t width, double period = 15);
    void feed(const std::string& chunk);  // the build's output, as it comes
    void done();                          // clears the updating line
    // "[12/85] exercises/ch01/ex04.cpp" for one of ninja's lines, or "" for any other line.
    static std::string condense(const std::string& ninja_line);

  private:
    bool terminal_;
    std::size_t width_;
    double period_, start_, last_shown_;
    std::string pending_, latest_;
    bool shown_ = false;
};
// Runs a program with its output going to ours as it comes (through a terminal of its own when
// ours is one, so it keeps its colours), counting how often `marker` appears in it.
struct RelayResult {
    int exit_code = -1, signal = 0;
    bool failed_to_start = false;
    std::size_t markers = 0;
};
RelayResult relay_process(const std::vector<std::string>& argv, const std::string& marker);
// Ends the child run_process is waiting for, with its children (async-signal-safe: for Ctrl-C).
void kill_running_child();

// ---- store.cpp: the repository on disk and the .workbook/ state directory.
struct Workspace {
    std::string root;   // the repository's top directory
    std::string build;  // the CMake build directory
    std::string state;  // root/.workbook
    std::string path(const std::string& relative) const { return root + "/" + relative; }
    std::string relative(const std::string& text) const;  // strips "root/" from every path in text
    std::string bin(const std::string& program) const { return build + "/bin/" + program; }
};
Workspace find_workspace();  // WORKBOOK_ROOT / WORKBOOK_BUILD_DIR, else the ones this tool was built for

// Stubs: the original text of an exercise file.
void snapshot_stubs(const Workspace& ws, const Manifest& m);  // records stubs still pristine
std::optional<std::string> pristine_stub(const Workspace& ws, const Exercise& e, std::string* source);

// Backups: .workbook/backups/<file>.<timestamp>-<n>.cpp, never overwritten. Returns its path.
std::string backup(const Workspace& ws, const std::string& relative_file);
std::vector<std::string> backups_of(const Workspace& ws, const std::string& relative_file);  // oldest first

// Hints: which hint is next, per exercise (not progress).
int next_hint(const Workspace& ws, const std::string& id);
void set_next_hint(const Workspace& ws, const std::string& id, int index);

// Editor swap or lock files next to a file (vim .swp, emacs .#, ...): unsaved edits may exist.
std::vector<std::string> editor_lock_files(const std::string& path);

// ---- check.cpp
// The exercises `e` needs whose files still hold their WB_NOT_DONE_YET line (no build needed), in
// order, with `stopped_at` (the exercise whose "not done yet" the tests stopped at, or "") added
// when it is another one and not among them.
std::vector<const Exercise*> missing_needs(const Workspace& ws, const Manifest& m, const Exercise& e,
                                           const std::string& stopped_at);
// "6.2, 6.3 and 6.4"
std::string join_ids(const std::vector<std::string>& ids);

enum class Verdict { pass, fail, not_done, build_error, sanitizer, timeout, crash, no_tests, unknown };
const char* verdict_label(Verdict v);  // "PASS", "NOT DONE YET", ...
int exit_status(Verdict v);

// One part of a check and its seconds ("build: compile ch01/ex04_softmax_stable.cpp", 0.41), for
// `./workbook check --timings`.
struct Timing {
    std::string what;
    double seconds = 0;
};

struct CheckResult {
    Verdict verdict = Verdict::unknown;
    std::string report;     // what to show the learner (trimmed, paths relative)
    std::string diagnosis;  // one line naming a known mistake, shown above the report, or ""
    std::string saved;      // where the full output is kept (.workbook/reports/...), or ""
    double build_seconds = 0, test_seconds = 0;
    std::vector<Timing> timings;  // where the time went: build steps, test run, report
};

// The small program that runs one exercise's tests in the loop (tests/CMakeLists.txt): its
// test file, the chapter's exercise objects and the Catch2 main. "ch01_tests_ex04".
std::string exercise_tests_target(const Exercise& e);
// What one of ninja's outputs was made by, in a learner's words: "compile ch01/ex04_softmax_stable.cpp",
// "link ch01_tests_ex04", "archive libch01_exercises.a", "CMake's check of its file globs"; ""
// for a by-product of another step (the test list CTest reads is written by the link).
std::string build_step_name(const std::string& output);
// The steps of the build that started at `since_ns` (nanoseconds since the epoch; outputs older
// than that are from earlier builds), read from the text of ninja's log (.ninja_log), in the
// order they started.
std::vector<Timing> read_ninja_steps(const std::string& log, long long since_ns);
// The timings as a small table for `width` columns, with their total.
std::string format_timings(const std::vector<Timing>& timings, std::size_t width);
// A fingerprint of what decides CMake's view of the sources: every C++ source and header, CMake
// file and directory below `root` (by name; CMake files also by time), skipping build directories
// (any with a CMakeCache.txt) and hidden files. While it stays the same, the loop builds with
// ninja directly, without CMake's re-check of its file globs.
std::string source_tree_fingerprint(const std::string& root);

struct Checker {
    const Workspace& ws;
    const Manifest& manifest;
    double test_timeout = 30;
    std::vector<std::string> configure_args;  // extra CMake options if the build must be configured
    std::size_t width = 80;                   // the terminal's columns, for the reports

    // Builds the exercise's own test program (exercise_tests_target) and runs its tests.
    CheckResult check(const Exercise& e) const;
    // Every exercise's verdict, building all chapters' exercise tests once and running each
    // chapter's test program once (cached by content, see the header comment).
    std::map<std::string, Verdict> progress() const;
    // The verdicts cached for the exercise files as they are now (no build, no test run): what a
    // screen header can show. Exercises without one are missing.
    std::map<std::string, Verdict> known_progress() const;
    // The first exercise not done, or nullptr when all are.
    const Exercise* current(const std::map<std::string, Verdict>& progress) const;
    // Makes sure the build directory is configured; returns an error report or "".
    std::string ensure_configured() const;
    // Builds the given targets; on failure returns the trimmed compiler errors. `steps`, if given,
    // receives where the build's time went. The first build after a change to the set of source
    // files (or to a CMake file) goes through `cmake --build`, which re-checks CMake's globs and
    // re-configures when needed; later ones run ninja on the targets directly (a few tenths of a
    // second less per save), through build/workbook-loop.ninja, which includes build.ninja
    // without the rule that re-runs CMake.
    std::optional<std::string> build(const std::vector<std::string>& targets, double* seconds = nullptr,
                                     std::vector<Timing>* steps = nullptr) const;
};

// Reads one run of a test program (Catch2's XML report, or its console output) into a verdict and
// the part that explains it, laid out for `width` columns. A sanitizer report is summarised; the
// caller keeps the whole output (see Checker::check).
CheckResult classify_test_output(const ProcessResult& run, const Workspace& ws, std::size_t width = 80);
// Trims a build log to the compiler's errors (with their source lines), at most `max_lines`.
std::string trim_build_errors(const std::string& log, const Workspace& ws, std::size_t max_lines = 40);

// ---- report.cpp: reading what the test programs and the compiler print.
struct TestCaseReport {
    std::string name, tags;
    bool finished = false;  // its result was read; else it was running when the run ended
    bool success = false;
    std::vector<std::string> sections;  // the sections of the failure, or those it was running in
    std::string failure;                // the first failed check, laid out for the terminal
    std::string message;                // its message or expansion as the program wrote it
};
struct TestRunReport {
    bool found = false;     // the output holds a Catch2 XML report (Catch2 2 or 3)
    bool complete = false;  // ... that was read to its end
    std::size_t assertions_passed = 0;
    std::vector<TestCaseReport> cases;
    const TestCaseReport* running() const;       // started and never finished, or nullptr
    const TestCaseReport* first_failed() const;  // or nullptr
};
// Catch2's XML report in `output` (whole, or cut short by a timeout or a crash).
TestRunReport read_test_xml(const std::string& output, std::size_t width);
// "\"1.4 the stable softmax\", section \"query 2\""
std::string describe_case(const TestCaseReport& c);

struct SanitizerSummary {
    std::string headline;  // "AddressSanitizer: heap-buffer-overflow: READ of size 8"
    std::string frame;     // "#19 ch01::softmax_rows(...)": the first frame in exercises/
    std::string location;  // "exercises/ch01/ex07_softmax_rows.cpp:23", or ""
};
// The first sanitizer report in `output` (paths already relative to the repository).
std::optional<SanitizerSummary> read_sanitizer_report(const std::string& output);
// Line `location` ("file:line") of the repository's file, or "".
std::string source_line(const std::string& root, const std::string& location);
// One line naming the known xtensor trap a compiler error is (docs/xtensor-pitfalls.md and its
// section, read from `root`), or "".
std::string diagnose_build_error(const std::string& log, const std::string& root);
// Wraps every line longer than `width` at spaces; continuation lines keep the line's indentation.
std::string wrap(const std::string& text, std::size_t width);

// ---- hint.cpp
// A hint's Markdown and LaTeX as plain text for a terminal of `width` columns: math as X^T,
// sqrt(d_k), d_out; links as the path from the repository's top; "section 4(c)" naming `page`
// (the chapter's docs page, "docs/01-simplified-self-attention.md"); paragraphs re-flowed.
std::string render_hint(const std::string& markdown, const std::string& page, std::size_t width);

// ---- verbs.cpp
int run_cli(int argc, char** argv);

}  // namespace wbk
