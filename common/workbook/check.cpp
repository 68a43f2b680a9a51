// Checking exercises: build the chapter's exercise tests, run them, and say what happened in one
// of a few verdicts (pass, not done yet, test failure, build error, sanitizer report, timeout,
// crash), with the part of the output that explains it.
// Not: a parser of everything Catch2 can print; it reads the console report of one tag (check) and
// the XML report of a whole chapter (progress), in both Catch2 2 and 3.
#include <algorithm>
#include <chrono>
#include <dirent.h>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "workbook.hpp"

namespace wbk {
namespace {

std::string tests_target(const Chapter& c) {
    return fmt::format("ch{:02d}_tests_exercises", c.number);
}

const char* verdict_key(Verdict v) {
    switch (v) {
    case Verdict::pass:
        return "pass";
    case Verdict::fail:
        return "fail";
    case Verdict::not_done:
        return "not_done";
    case Verdict::build_error:
        return "build_error";
    case Verdict::sanitizer:
        return "sanitizer";
    case Verdict::timeout:
        return "timeout";
    case Verdict::crash:
        return "crash";
    case Verdict::no_tests:
        return "no_tests";
    case Verdict::unknown:
        break;
    }
    return "unknown";
}

Verdict verdict_from_key(const std::string& key) {
    for (Verdict v : {Verdict::pass, Verdict::fail, Verdict::not_done, Verdict::build_error, Verdict::sanitizer,
                      Verdict::timeout, Verdict::crash, Verdict::no_tests})
        if (key == verdict_key(v)) return v;
    return Verdict::unknown;
}

bool is_separator(const std::string& line, char c) {
    return line.size() >= 20 && line.find_first_not_of(c) == std::string::npos;
}

std::string signal_name(int signal) {
    switch (signal) {
    case 6:
        return "SIGABRT, an abort";
    case 8:
        return "SIGFPE, an arithmetic error";
    case 9:
        return "SIGKILL";
    case 11:
        return "SIGSEGV, a bad memory access";
    default:
        return "signal " + std::to_string(signal);
    }
}

nlohmann::json load_cache(const Workspace& ws) {
    const std::optional<std::string> text = try_read(ws.state + "/cache.json");
    if (!text) return nlohmann::json::object();
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

void save_cache(const Workspace& ws, const nlohmann::json& cache) {
    make_dirs(ws.state);
    if (!exists(ws.state + "/.gitignore")) write_file_atomic(ws.state + "/.gitignore", "*\n");
    write_file_atomic(ws.state + "/cache.json", cache.dump(1) + "\n");
}

std::string content_hash(const std::string& path) {
    const std::optional<std::string> text = try_read(path);
    return text ? hex(fnv1a(*text)) : "missing";
}

// Which build of a test program this is: its size and modification time. Every link writes the
// program anew, so a rebuilt program has a new key; reading and hashing the whole program (20 MB
// with its debug information) took a quarter of a second per check.
std::string build_key(const std::string& path) {
    struct stat s {};
    if (::stat(path.c_str(), &s) != 0) return "missing";
    return fmt::format("{}:{}.{:09d}", s.st_size, s.st_mtim.tv_sec, s.st_mtim.tv_nsec);
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long long now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void list_tree(const std::string& dir, const std::string& relative, std::string& out) {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return;
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(d)) {
        const std::string name = entry->d_name;
        if (!name.empty() && name[0] != '.') names.push_back(name);
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
        const std::string path = dir + "/" + name;
        struct stat s {};
        if (::stat(path.c_str(), &s) != 0) continue;
        if (S_ISDIR(s.st_mode)) {
            if (exists(path + "/CMakeCache.txt")) continue;  // a build directory
            out += relative + name + "/\n";
            list_tree(path, relative + name + "/", out);
            continue;
        }
        const bool cmake = name == "CMakeLists.txt" || name == "CMakePresets.json" || ends_with(name, ".cmake");
        if (!cmake && !ends_with(name, ".cpp") && !ends_with(name, ".hpp") && !ends_with(name, ".h")) continue;
        out += relative + name;
        if (cmake) out += fmt::format(" {}.{}", s.st_mtim.tv_sec, s.st_mtim.tv_nsec);
        out += "\n";
    }
}

// CMakeCache.txt's value of `key` ("CMAKE_MAKE_PROGRAM"), or "".
std::string cache_value(const std::string& cache, const std::string& key) {
    for (const std::string& line : split_lines(cache))
        if (starts_with(line, key + ":")) {
            const std::size_t eq = line.find('=');
            return eq == std::string::npos ? "" : line.substr(eq + 1);
        }
    return "";
}

}  // namespace

std::string exercise_tests_target(const Exercise& e) {
    return fmt::format("ch{:02d}_tests_ex{:02d}", e.chapter, e.number);
}

std::string build_step_name(const std::string& output) {
    const std::string base = output.substr(output.rfind('/') + 1);
    if (base == "cmake.verify_globs") return "CMake's check of its file globs";
    if (ends_with(base, ".gch")) return "precompiled header";
    if (ends_with(base, ".o")) {
        // exercises/CMakeFiles/ch01_exercises_objects.dir/ch01/ex04_softmax_stable.cpp.o
        std::string source = output;
        const std::size_t dir = source.find(".dir/");
        if (dir != std::string::npos) source = source.substr(dir + 5);
        return "compile " + source.substr(0, source.size() - 2);
    }
    if (ends_with(base, ".a")) return "archive " + base;
    if (ends_with(base, ".cmake") || base == "build.ninja") return "";
    return "link " + base;
}

std::vector<Timing> read_ninja_steps(const std::string& log, long long since_ns) {
    // One line per output: start and end (ms since that ninja started), the output's mtime (ns),
    // its path, a hash. The outputs of one step share its start and end.
    struct Step {
        long long start, end;
        std::string name;
    };
    std::vector<Step> steps;
    for (const std::string& line : split_lines(log)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        long long start = 0, end = 0, mtime = 0;
        std::string output;
        if (!(fields >> start >> end >> mtime >> output) || mtime < since_ns) continue;
        const std::string name = build_step_name(output);
        auto same =
            std::find_if(steps.begin(), steps.end(), [&](const Step& s) { return s.start == start && s.end == end; });
        if (same == steps.end())
            steps.push_back({start, end, name});
        else if (same->name.empty())
            same->name = name;
    }
    std::stable_sort(steps.begin(), steps.end(), [](const Step& a, const Step& b) { return a.start < b.start; });
    std::vector<Timing> timings;
    for (const Step& s : steps)
        if (!s.name.empty()) timings.push_back({"build: " + s.name, static_cast<double>(s.end - s.start) / 1000.0});
    return timings;
}

std::string format_timings(const std::vector<Timing>& timings, std::size_t width) {
    // Label and seconds in at most 80 columns (and the terminal's width, from 40).
    const std::size_t columns = std::min<std::size_t>(std::max<std::size_t>(width, 40), 80);
    const std::size_t label = columns - 2 - 8;
    std::string out = "Where the time went (seconds):\n";
    double total = 0;
    const auto row = [&](std::string what, double seconds) {
        if (what.size() > label) what = what.substr(0, label - 1) + ">";
        return fmt::format("  {:<{}}{:>8.2f}\n", what, label, seconds);
    };
    for (const Timing& t : timings) {
        out += row(t.what, t.seconds);
        total += t.seconds;
    }
    out += row("total", total);
    return out;
}

std::string source_tree_fingerprint(const std::string& root) {
    std::string listing;
    list_tree(root, "", listing);
    return hex(fnv1a(listing));
}

const char* verdict_label(Verdict v) {
    switch (v) {
    case Verdict::pass:
        return "PASS";
    case Verdict::fail:
        return "FAIL";
    case Verdict::not_done:
        return "NOT DONE YET";
    case Verdict::build_error:
        return "BUILD ERROR";
    case Verdict::sanitizer:
        return "SANITIZER";
    case Verdict::timeout:
        return "TIMEOUT";
    case Verdict::crash:
        return "CRASH";
    case Verdict::no_tests:
        return "NO TESTS";
    case Verdict::unknown:
        break;
    }
    return "UNKNOWN";
}

int exit_status(Verdict v) {
    if (v == Verdict::pass) return exit_ok;
    if (v == Verdict::not_done) return exit_not_done;
    return exit_fail;
}

std::string trim_build_errors(const std::string& log, const Workspace& ws, std::size_t max_lines) {
    std::vector<std::string> kept;
    bool started = false;
    for (const std::string& line : split_lines(ws.relative(log))) {
        if (starts_with(line, "[") || starts_with(line, "FAILED:") || starts_with(line, "ninja:") ||
            starts_with(line, "/usr/bin/") || (contains(line, " -c ") && contains(line, " -o ")))
            continue;
        if (!started && !contains(line, "error") && !contains(line, "Error") && !contains(line, "In function") &&
            !contains(line, "In file included"))
            continue;
        started = true;
        kept.push_back(line);
    }
    if (kept.empty()) {  // nothing recognisable: show the end of the log
        const std::vector<std::string> lines = split_lines(ws.relative(log));
        const std::size_t from = lines.size() > max_lines ? lines.size() - max_lines : 0;
        kept.assign(lines.begin() + static_cast<std::ptrdiff_t>(from), lines.end());
    }
    std::string out;
    for (std::size_t i = 0; i < kept.size() && i < max_lines; ++i) out += kept[i] + "\n";
    if (kept.size() > max_lines) out += fmt::format("... ({} more lines)\n", kept.size() - max_lines);
    return out;
}

namespace {

// The lines that are not the XML report's markup: what the program printed beside it.
std::string outside_xml(const std::string& output) {
    std::string kept;
    for (const std::string& line : split_lines(output))
        if (!trim(line).empty() && trim(line)[0] != '<') kept += line + "\n";
    return kept;
}

std::string last_lines(const std::string& text, std::size_t n) {
    const std::vector<std::string> lines = split_lines(text);
    std::string tail;
    for (std::size_t i = lines.size() > n ? lines.size() - n : 0; i < lines.size(); ++i) tail += lines[i] + "\n";
    return tail;
}

// The console reporter's output (Catch2 2 and 3): the first failure, between its separators.
CheckResult classify_console(CheckResult r, const ProcessResult& run, const std::string& output) {
    const std::vector<std::string> lines = split_lines(output);
    if (run.signal != 0) {
        r.verdict = Verdict::crash;
        r.report = fmt::format("The tests crashed ({}). The last lines they printed:\n{}", signal_name(run.signal),
                               last_lines(output, 15));
        return r;
    }
    for (const std::string& line : lines)
        if (contains(line, "not done yet:")) {
            r.verdict = Verdict::not_done;
            r.report = trim(line) + "\n";
            return r;
        }
    if (contains(output, "No test cases matched") || contains(output, "No tests ran")) {
        r.verdict = Verdict::no_tests;
        r.report = "No tests carry this exercise's tag.\n";
        return r;
    }
    if (run.exit_code == 0 && contains(output, "All tests passed")) {
        r.verdict = Verdict::pass;
        for (const std::string& line : lines)
            if (starts_with(line, "All tests passed")) r.report = line + "\n";
        return r;
    }
    r.verdict = Verdict::fail;
    std::size_t i = 0;
    while (i < lines.size() && !is_separator(lines[i], '-')) ++i;
    std::string report;
    for (; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (is_separator(line, '=')) break;
        if (is_separator(line, '-') || is_separator(line, '.')) continue;
        report += line + "\n";
    }
    r.report = report.empty() ? output : report;
    return r;
}

}  // namespace

CheckResult classify_test_output(const ProcessResult& run, const Workspace& ws, std::size_t width) {
    CheckResult r;
    r.test_seconds = run.seconds;
    const std::string output = ws.relative(run.output);
    const TestRunReport xml = read_test_xml(output, width);
    const TestCaseReport* running = xml.running();
    const std::string in_case = running ? " in the test " + describe_case(*running) : "";
    if (run.timed_out) {
        r.verdict = Verdict::timeout;
        r.report = wrap(fmt::format("The tests did not finish within {:.0f} s and were stopped{}. Look for a loop "
                                    "that never ends (an index that never reaches its bound, a size_t counting down "
                                    "past 0).",
                                    run.seconds, in_case),
                        width) +
                   "\n";
        return r;
    }
    if (std::optional<SanitizerSummary> s = read_sanitizer_report(output)) {
        r.verdict = Verdict::sanitizer;
        r.report = s->headline + "\n";
        if (!in_case.empty()) r.report += wrap("while running the test " + describe_case(*running), width) + "\n";
        if (!s->location.empty()) {
            r.report += fmt::format("\n{}: {}\n", s->location, s->frame.empty() ? "here" : s->frame);
            const std::string source = source_line(ws.root, s->location);
            if (!source.empty()) r.report += fmt::format("  {}\n", trim(source));
        } else {
            r.report += "\n(no stack frame in exercises/: the report names the library code it stopped in)\n";
        }
        return r;
    }
    if (run.failed_to_start) {
        r.verdict = Verdict::crash;
        r.report = output;
        return r;
    }
    if (!xml.found) return classify_console(r, run, output);

    if (run.signal != 0 || !xml.complete) {
        r.verdict = Verdict::crash;
        const std::string how =
            run.signal != 0 ? signal_name(run.signal) : fmt::format("exit status {}", run.exit_code);
        r.report = wrap(fmt::format("The tests crashed ({}){}.", how, in_case), width) + "\n";
        const std::string other = outside_xml(output);
        if (!other.empty()) r.report += "The last lines they printed:\n" + last_lines(other, 15);
        return r;
    }
    const TestCaseReport* failed = xml.first_failed();
    if (failed == nullptr) {
        r.verdict = xml.cases.empty() ? Verdict::no_tests : Verdict::pass;
        r.report = xml.cases.empty() ? "No tests carry this exercise's tag.\n"
                                     : fmt::format("All tests passed ({} assertions in {} test cases)\n",
                                                   xml.assertions_passed, xml.cases.size());
        return r;
    }
    for (const std::string& line : split_lines(failed->message))
        if (contains(line, "not done yet:")) {
            r.verdict = Verdict::not_done;
            r.report = trim(line) + "\n";
            return r;
        }
    r.verdict = Verdict::fail;
    r.report = wrap(failed->name, width) + "\n";
    for (const std::string& section : failed->sections) r.report += wrap("  " + section, width) + "\n";
    r.report += "\n" + failed->failure;
    return r;
}

std::string Checker::ensure_configured() const {
    if (exists(ws.build + "/CMakeCache.txt")) return "";
    std::vector<std::string> argv = {"cmake", "-S", ws.root, "-B", ws.build, "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Debug"};
    argv.insert(argv.end(), configure_args.begin(), configure_args.end());
    std::cerr << fmt::format("workbook: configuring the build in {} (once)...\n", ws.relative(ws.build));
    ProcessResult configured = run_process(argv, 600);
    if (configured.exit_code == 0) return "";
    return trim_build_errors(configured.output, ws);
}

std::optional<std::string> Checker::build(const std::vector<std::string>& targets, double* seconds,
                                          std::vector<Timing>* steps) const {
    const std::string configure_error = ensure_configured();
    if (!configure_error.empty()) return "Configuring the build failed:\n" + configure_error;
    // The direct way needs a Ninja build whose sources are as CMake last saw them: the
    // fingerprint recorded after the last successful `cmake --build` through the workbook.
    const std::string stamp = ws.build + "/workbook-sources.txt";
    const std::string fingerprint = source_tree_fingerprint(ws.root);
    const std::string cache = try_read(ws.build + "/CMakeCache.txt").value_or("");
    const std::string ninja = cache_value(cache, "CMAKE_MAKE_PROGRAM");
    const bool direct = cache_value(cache, "CMAKE_GENERATOR") == "Ninja" && !ninja.empty() &&
                        exists(ws.build + "/build.ninja") && try_read(stamp).value_or("") == fingerprint + "\n";
    const std::string loop_file = ws.build + "/workbook-loop.ninja";
    if (direct && !exists(loop_file))
        write_file_atomic(loop_file,
                          "# Written by ./workbook: the build without its rule to re-run CMake first, for the\n"
                          "# learner's loop. The workbook builds through `cmake --build` instead whenever a\n"
                          "# source file is added or removed or a CMake file changes.\n"
                          "include build.ninja\n");
    const auto long_way = [&] {
        std::vector<std::string> argv = {"cmake", "--build", ws.build, "--target"};
        argv.insert(argv.end(), targets.begin(), targets.end());
        return argv;
    };
    std::vector<std::string> argv = long_way();
    if (direct) {
        argv = {ninja, "-C", ws.build, "-f", "workbook-loop.ninja"};
        argv.insert(argv.end(), targets.begin(), targets.end());
    }
    BuildProgress progress(isatty(STDERR_FILENO) != 0, width);
    const long long started = now_ns();
    ProcessResult built = run_process(argv, 900, "", [&](const std::string& chunk) { progress.feed(chunk); });
    progress.done();
    bool went_long = !direct;
    if (direct && built.exit_code != 0 && !built.timed_out && !contains(built.output, "FAILED:")) {
        // Not a compile error (a target this build.ninja does not know, ...): the long way.
        const double first = built.seconds;
        built = run_process(long_way(), 900, "", [&](const std::string& chunk) { progress.feed(chunk); });
        progress.done();
        built.seconds += first;
        went_long = true;
    }
    if (seconds) *seconds = built.seconds;
    if (steps) {
        *steps = read_ninja_steps(try_read(ws.build + "/.ninja_log").value_or(""), started - 1000000);
        double listed = 0;
        for (const Timing& t : *steps) listed += t.seconds;
        // What the steps do not account for: starting ninja (and cmake), reading the build files.
        steps->insert(steps->begin(), {went_long ? "build: cmake --build, ninja starting" : "build: ninja starting",
                                       std::max(0.0, built.seconds - listed)});
    }
    if (built.exit_code == 0) {
        if (went_long) write_file_atomic(stamp, fingerprint + "\n");
        return std::nullopt;
    }
    if (built.timed_out) return std::string("The build did not finish within 15 minutes and was stopped.\n");
    return trim_build_errors(built.output, ws);
}

CheckResult Checker::check(const Exercise& e) const {
    CheckResult r;
    std::vector<Timing> steps;
    const std::string target = exercise_tests_target(e);
    if (std::optional<std::string> errors = build({target}, &r.build_seconds, &steps)) {
        r.verdict = Verdict::build_error;
        r.report = *errors;
        r.diagnosis = diagnose_build_error(*errors, ws.root);
        r.timings = steps;
        return r;
    }
    const std::string program = ws.bin(target);
    // The XML report streams: a test case's start is on the pipe before its first check, so a
    // timeout or a crash can name the test that was running (Catch2 2 and 3 alike).
    ProcessResult run =
        run_process({program, e.tag, "--abort", "--reporter", "xml", "--durations", "no"}, test_timeout, ws.root);
    const auto reading = std::chrono::steady_clock::now();
    const double build_seconds = r.build_seconds;
    r = classify_test_output(run, ws, width);
    r.build_seconds = build_seconds;
    if (r.verdict == Verdict::sanitizer || r.verdict == Verdict::crash) {
        // The whole report is long (every frame of Catch2 and xtensor): keep it in a file.
        const std::string dir = ws.state + "/reports";
        make_dirs(dir);
        if (!exists(ws.state + "/.gitignore")) write_file_atomic(ws.state + "/.gitignore", "*\n");
        const std::string path = fmt::format("{}/{}-{}-{}.txt", dir, e.id, timestamp(),
                                             r.verdict == Verdict::sanitizer ? "sanitizer" : "crash");
        write_file_atomic(path, ws.relative(run.output));
        r.saved = ws.relative(path);
    }

    nlohmann::json cache = load_cache(ws);
    cache[e.id] = {
        {"file", content_hash(ws.path(e.file))}, {"tests", build_key(program)}, {"verdict", verdict_key(r.verdict)}};
    save_cache(ws, cache);
    r.timings = steps;
    r.timings.push_back({fmt::format("tests: {} {}", target, e.tag), run.seconds});
    r.timings.push_back({"report: reading the tests' output, saving the verdict", seconds_since(reading)});
    return r;
}

std::map<std::string, Verdict> Checker::progress() const {
    std::map<std::string, Verdict> verdicts;
    std::vector<std::string> targets;
    for (const Chapter& c : manifest.chapters) targets.push_back(tests_target(c));
    // Build every chapter; a chapter whose code does not compile is reported, the others still run.
    std::set<int> broken;
    if (build(targets)) {
        // Something does not compile: build each chapter alone, so one broken chapter does not hide
        // the others, and name the exercise file that failed.
        for (const Chapter& c : manifest.chapters) {
            std::vector<std::string> argv = {"cmake", "--build", ws.build, "--target", tests_target(c)};
            ProcessResult alone = run_process(argv, 900);
            if (alone.exit_code == 0) continue;
            broken.insert(c.number);
            for (const std::string& line : split_lines(alone.output)) {
                if (!starts_with(line, "FAILED:")) continue;
                for (const Exercise& e : c.exercises) {
                    const std::string stem = e.file.substr(e.file.rfind('/') + 1);
                    if (contains(line, "/" + stem + ".o")) verdicts[e.id] = Verdict::build_error;
                }
            }
        }
    }
    nlohmann::json cache = load_cache(ws);
    bool cache_changed = false;
    for (const Chapter& c : manifest.chapters) {
        if (broken.count(c.number) != 0) {
            for (const Exercise& e : c.exercises)
                if (verdicts.count(e.id) == 0) verdicts[e.id] = Verdict::unknown;
            continue;
        }
        const std::string program = ws.bin(tests_target(c));
        const std::string tests_hash = build_key(program);
        bool all_cached = true;
        for (const Exercise& e : c.exercises) {
            const nlohmann::json& entry = cache.contains(e.id) ? cache[e.id] : nlohmann::json::object();
            if (entry.is_object() && entry.value("file", "") == content_hash(ws.path(e.file)) &&
                entry.value("tests", "") == tests_hash)
                verdicts[e.id] = verdict_from_key(entry.value("verdict", ""));
            else
                all_cached = false;
        }
        if (all_cached) continue;

        // One run of the chapter's whole test program, read from its XML report.
        ProcessResult run = run_process({program, "--reporter", "xml", "--durations", "no"}, 60, ws.root);
        std::map<std::string, Verdict> by_tag;
        const TestRunReport report = read_test_xml(ws.relative(run.output), width);
        const bool sanitizer = read_sanitizer_report(ws.relative(run.output)).has_value();
        for (const TestCaseReport& test : report.cases) {
            Verdict v = Verdict::pass;
            if (!test.finished)
                v = run.timed_out ? Verdict::timeout : sanitizer ? Verdict::sanitizer : Verdict::crash;
            else if (!test.success)
                v = contains(test.message, "not done yet:") ? Verdict::not_done : Verdict::fail;
            static const std::regex tag_pattern(R"(\[[^\]]*\])");
            for (std::sregex_iterator it(test.tags.begin(), test.tags.end(), tag_pattern), stop; it != stop; ++it) {
                auto [at, fresh] = by_tag.emplace(it->str(), v);
                if (fresh || v == Verdict::pass) continue;
                // The worst verdict wins: a real failure outranks "not done yet", which outranks a pass.
                if (at->second == Verdict::pass || (at->second == Verdict::not_done && v != Verdict::not_done))
                    at->second = v;
            }
        }
        const bool complete = report.complete;
        for (const Exercise& e : c.exercises) {
            auto it = by_tag.find(e.tag);
            Verdict v = it != by_tag.end() ? it->second : (complete ? Verdict::no_tests : Verdict::unknown);
            if (v == Verdict::unknown || v == Verdict::timeout || v == Verdict::crash) {
                // The chapter run stopped early: ask this exercise's tests alone.
                ProcessResult alone = run_process({program, e.tag, "--abort"}, 10, ws.root);
                v = classify_test_output(alone, ws).verdict;
            }
            verdicts[e.id] = v;
            cache[e.id] = {{"file", content_hash(ws.path(e.file))}, {"tests", tests_hash}, {"verdict", verdict_key(v)}};
            cache_changed = true;
        }
    }
    if (cache_changed) save_cache(ws, cache);
    return verdicts;
}

std::map<std::string, Verdict> Checker::known_progress() const {
    std::map<std::string, Verdict> known;
    const nlohmann::json cache = load_cache(ws);
    for (const Exercise* e : manifest.exercises()) {
        if (!cache.contains(e->id) || !cache[e->id].is_object()) continue;
        const nlohmann::json& entry = cache[e->id];
        if (entry.value("file", "") == content_hash(ws.path(e->file)))
            known[e->id] = verdict_from_key(entry.value("verdict", ""));
    }
    return known;
}

std::string join_ids(const std::vector<std::string>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i == 0 ? "" : i + 1 == ids.size() ? " and " : ", ") + ids[i];
    return out;
}

std::vector<const Exercise*> missing_needs(const Workspace& ws, const Manifest& m, const Exercise& e,
                                           const std::string& stopped_at) {
    std::vector<const Exercise*> missing;
    for (const std::string& id : e.needs) {
        const Exercise* other = m.exercise(id);
        if (other == nullptr) continue;
        const std::optional<std::string> text = try_read(ws.path(other->file));
        if (!text || line_of(*text, "WB_NOT_DONE_YET(") > 0 || id == stopped_at) missing.push_back(other);
    }
    const Exercise* stopped = m.exercise(stopped_at);
    if (stopped != nullptr && stopped != &e && std::find(missing.begin(), missing.end(), stopped) == missing.end())
        missing.insert(missing.begin(), stopped);
    return missing;
}

const Exercise* Checker::current(const std::map<std::string, Verdict>& progress) const {
    for (const Exercise* e : manifest.exercises()) {
        auto it = progress.find(e->id);
        if (it == progress.end() || it->second != Verdict::pass) return e;
    }
    return nullptr;
}

}  // namespace wbk
