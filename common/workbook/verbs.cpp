// The workbook command's verbs: watch, list, check, hint, run, reset, solution, verify.
// Not: an argument-parsing library. Each verb takes a handful of arguments, parsed by hand so that
// every mistake gets "error: ...", the nearest valid name and exit status 2.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <poll.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <fmt/format.h>

#include "workbook.hpp"

namespace wbk {
namespace {

const std::vector<std::string> verbs = {"watch", "list", "check", "hint", "run", "reset", "solution", "verify", "help"};

const char* main_help = R"(workbook - the Attention Workbook's exercise runner

Usage: ./workbook [VERB] [ARGS] [--no-color]

  ./workbook                      watch the current exercise (the first one not done)
  ./workbook watch [N.M]          the same, starting at exercise N.M
  ./workbook list                 every chapter and exercise, done or not, and the file to open
  ./workbook check [N | N.M]      rebuild what the exercise needs and run its tests
  ./workbook hint [N.M]           the next hint (the last one points to the reference solution)
  ./workbook run N [--mine]       run chapter N's program (with --mine: on your own code)
  ./workbook reset N.M [--yes]    restore the original stub (your file is backed up first)
  ./workbook reset --undo N.M     bring back the file the last reset (or undo) saved
  ./workbook solution N.M         the reference solution beside your code, once yours passes
  ./workbook verify               check that the manifest agrees with the repository (for CI)

  ./workbook VERB --help          more about one verb

While watching: h next hint, n next exercise, p previous one, l list, r re-run, q quit.
Save the file to re-check it.

Exercises are named N.M (1.4 is Chapter 1, exercise 4); chapters by their number (1).
Your progress is what the tests say now: nothing is stored that could go stale.
State (backups, hint positions, original stubs, a cache keyed by file content) is in .workbook/.

Exit status: 0 pass / done, 1 an exercise fails (test failure, build error, sanitizer report,
timeout, crash) or an action was refused, 2 usage error, 3 not done yet.
Colour only on a terminal with NO_COLOR unset; --no-color turns it off.
)";

const std::map<std::string, std::string> verb_help = {
    {"watch", R"(Usage: ./workbook watch [N.M]      (also: ./workbook with no verb)

Shows the current exercise (the first one not done, or N.M), checks it, and re-checks it each
time you save its file. When it passes, moves on to the next one.
On a terminal the screen is cleared before each verdict, under a header with the exercise,
the file and line to open, and your progress. Moving into a new chapter names its docs page.
Keys: h next hint, n next exercise, p previous exercise, l list, r re-run, q quit (on a
terminal, one key press; otherwise one per line).
)"},
    {"list", R"(Usage: ./workbook list

Every chapter and exercise with its state (done, not done yet, failing, does not compile, ...),
a progress bar and the file to open. Builds and runs every chapter's exercise tests; verdicts of
unchanged files and tests come from a cache keyed by their content.
)"},
    {"check", R"(Usage: ./workbook check [N | N.M]

Rebuilds only chapter N's exercise tests and runs the tests of exercise N.M (all of chapter N's
with N, the current exercise with nothing). Prints PASS, or what went wrong: NOT DONE YET, FAIL
(the first failing check, in the tensor matcher's words), BUILD ERROR (the compiler's errors),
SANITIZER (a memory or undefined-behaviour report), TIMEOUT (stopped after 30 s), CRASH.
Options: --timeout=SECONDS (default 30).
         --sanitize: build and run in build-sanitize/ under AddressSanitizer and UBSan (slower;
         catches reads past the end of a tensor and other undefined behaviour).
Exit status: 0 pass, 1 fails, 3 not done yet.
)"},
    {"hint", R"(Usage: ./workbook hint [N.M] [--restart]

Shows the next hint for exercise N.M (the current one if omitted): each call gives one more, from
a nudge to a near-complete skeleton. After the last, it points to the reference solution.
--restart starts again from the first hint.
)"},
    {"run", R"(Usage: ./workbook run N [--mine] [PROGRAM-OPTIONS...]

Builds and runs chapter N's program, which prints every matrix of the chapter. With --mine the
program runs on your own exercise code instead of the reference solutions (an exercise that is not
done yet stops it with a message). Options after the chapter number go to the program
(`./workbook run N -- --help` lists them), e.g.
  ./workbook run 1 --mine --text "attention is all you need" --seed 7
  ./workbook run 1 --mine --query 3 --no-color
Exit status: the program's; with --mine also 1 when one of its checks prints [FAILED].
)"},
    {"reset", R"(Usage: ./workbook reset N.M [--yes]
       ./workbook reset --undo N.M

Restores exercise N.M's original stub. Your file is first saved to
.workbook/backups/<file>.<time>-<n>.cpp (never overwritten); it asks before resetting unless --yes.
--undo brings back the newest backup, after backing up the current file too (so undo again swaps back).
The original stubs are kept read-only in .workbook/stubs/ (see the README).
)"},
    {"solution", R"(Usage: ./workbook solution N.M [--diff] [--force]

Shows the reference solution beside your code, once your code passes: side by side, lined up, to
the terminal's width (< a line only in yours, > only in the reference, | a line that differs).
--diff shows a unified diff from your file to the reference instead (also on a narrow terminal).
--force shows it even though your code does not pass yet, after a warning.
)"},
    {"verify", R"(Usage: ./workbook verify [--bin DIR]

Checks that exercises/manifest.toml agrees with the repository: every exercise file and solution
exists, ids are in order, each stub's WB_NOT_DONE_YET line names its exercise and function, each
tag has tests in the chapter's test program (in DIR, default the build's bin/), every
exercises/chNN/ex*.cpp is listed, and the docs pages' hints equal the manifest's. Used by CTest.
)"},
    {"help", "Usage: ./workbook help [VERB]\n"},
};

struct Args {
    std::vector<std::string> positional;
    std::vector<std::string> flags;        // --yes, --undo, ...
    std::vector<std::string> passthrough;  // after "--" or after the chapter (run)
    bool help = false;
    bool has(const std::string& flag) const { return std::find(flags.begin(), flags.end(), flag) != flags.end(); }
};

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct App {
    Workspace ws;
    Manifest manifest;
    Style style;
    Checker checker{ws, manifest, 30, {}};

    const Exercise& exercise_arg(const std::string& name) const {
        std::string id = name;
        if (const Exercise* e = manifest.exercise(id)) return *e;
        throw UsageError(fmt::format("no exercise '{}'. Did you mean {}? (./workbook list shows them all)", name,
                                     nearest(name, manifest.names())));
    }

    const Chapter& chapter_arg(const std::string& name) const {
        std::string digits = name;
        if (starts_with(digits, "ch")) digits = digits.substr(2);
        if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos && digits.size() < 4)
            if (const Chapter* c = manifest.chapter(std::stoi(digits))) return *c;
        throw UsageError(fmt::format("no chapter '{}'. Did you mean {}? (./workbook list shows them all)", name,
                                     nearest(name, manifest.names())));
    }

    std::size_t width() const { return checker.width; }

    std::string heading(const Exercise& e) const { return style.bold(fmt::format("Exercise {} - {}", e.id, e.title)); }

    std::string file_link(const Exercise& e) const {
        const std::optional<std::string> text = try_read(ws.path(e.file));
        const int line = text ? line_of(*text, "WB_NOT_DONE_YET(") : 0;
        return line > 0 ? fmt::format("{}:{}", e.file, line) : e.file;
    }

    std::string verdict_tag(Verdict v) const {
        const std::string tag = fmt::format("[{}]", verdict_label(v));
        if (v == Verdict::pass) return style.green(tag);
        if (v == Verdict::not_done || v == Verdict::unknown) return style.yellow(tag);
        return style.red(tag);
    }

    void print_result(const Exercise& e, const CheckResult& r) const {
        std::cout << verdict_tag(r.verdict) << " " << e.id << " " << e.title << "  "
                  << style.dim(fmt::format("(build {:.1f} s, tests {:.1f} s)", r.build_seconds, r.test_seconds))
                  << "\n";
        // Indented by two, unless that would push a line (a row of the matcher's matrices, laid out
        // to WB_COLUMNS) past the terminal's edge: then none is, so the columns stay aligned.
        const auto indented = [&](const std::string& text) {
            const std::vector<std::string> lines = split_lines(text);
            bool fits = true;
            for (const std::string& line : lines) fits = fits && line.size() + 2 <= width();
            std::string out;
            for (const std::string& line : lines) out += (line.empty() || !fits ? "" : "  ") + line + "\n";
            return out;
        };
        switch (r.verdict) {
        case Verdict::pass:
            std::cout << indented(r.report);
            break;
        case Verdict::not_done:
            std::cout << indented(wrap(r.report, width() - 2));
            if (contains(r.report, "exercise " + e.id + " "))
                std::cout << wrap(fmt::format("  Open {}, delete the WB_NOT_DONE_YET line and write {}.", file_link(e),
                                              e.function),
                                  width())
                          << "\n";
            else
                std::cout << "  (an earlier exercise this one uses is not done yet)\n";
            std::cout << fmt::format("  Stuck? ./workbook hint {}\n", e.id);
            break;
        case Verdict::fail:
            std::cout << "  The first failing check (the tests stop there):\n\n" << indented(r.report);
            break;
        case Verdict::build_error:
            if (!r.diagnosis.empty()) std::cout << style.yellow(wrap("  " + r.diagnosis, width())) << "\n\n";
            std::cout << "  Your code does not compile, so no test ran. The compiler says:\n\n" << indented(r.report);
            if (!contains(r.report, e.file) && contains(r.report, "exercises/"))
                std::cout << fmt::format(
                    "\n  The error is in another file: all of Chapter {}'s exercises build into one "
                    "test program, so each must compile for any to be checked.\n",
                    e.chapter);
            break;
        case Verdict::sanitizer:
            std::cout << "  A sanitizer caught undefined behaviour or a memory error:\n\n" << indented(r.report);
            break;
        default:
            std::cout << indented(r.report);
            break;
        }
        if (!r.saved.empty()) std::cout << wrap(fmt::format("\n  The whole report is in {}", r.saved), width()) << "\n";
        std::cout.flush();
    }

    std::map<std::string, Verdict> progress_or_warn() const { return checker.progress(); }

    const Exercise* current() const { return checker.current(checker.progress()); }
};

// ---- list

std::string progress_bar(std::size_t done, std::size_t total, std::size_t width) {
    const std::size_t filled = total == 0 ? 0 : done * width / total;
    return "[" + std::string(filled, '#') + std::string(width - filled, '-') + "]";
}

std::string state_word(Verdict v) {
    switch (v) {
    case Verdict::pass:
        return "done";
    case Verdict::not_done:
        return "to do";
    case Verdict::fail:
        return "failing";
    case Verdict::build_error:
        return "no build";
    case Verdict::sanitizer:
        return "sanitizer";
    case Verdict::timeout:
        return "timeout";
    case Verdict::crash:
        return "crash";
    case Verdict::no_tests:
        return "no tests";
    case Verdict::unknown:
        break;
    }
    return "unknown";
}

int verb_list(App& app, const Args&) {
    const std::map<std::string, Verdict> progress = app.checker.progress();
    const Exercise* current = app.checker.current(progress);
    std::size_t done = 0, total = 0;
    for (const auto& [id, v] : progress) done += v == Verdict::pass ? 1 : 0, total += 1;
    const Style& s = app.style;
    std::cout << s.bold("The Attention Workbook")
              << fmt::format("  {} {} of {} exercises done\n", progress_bar(done, total, 30), done, total);
    std::size_t title_width = 0;
    for (const Exercise* e : app.manifest.exercises()) title_width = std::max(title_width, e->title.size());
    for (const Chapter& c : app.manifest.chapters) {
        std::size_t chapter_done = 0;
        for (const Exercise& e : c.exercises) chapter_done += progress.at(e.id) == Verdict::pass ? 1 : 0;
        std::cout << "\n"
                  << s.bold(fmt::format("Chapter {} - {}", c.number, c.title))
                  << fmt::format("  {}/{}   docs/{}\n", chapter_done, c.exercises.size(),
                                 c.docs.substr(c.docs.rfind('/') + 1));
        for (const Exercise& e : c.exercises) {
            const Verdict v = progress.at(e.id);
            std::string word = fmt::format("{:<9}", state_word(v));
            word = v == Verdict::pass ? s.green(word) : v == Verdict::not_done ? s.dim(word) : s.red(word);
            const bool is_current = current == &e;
            std::cout << (is_current ? s.cyan(" > ") : "   ") << word << " " << fmt::format("{:<5}", e.id) << " "
                      << fmt::format("{:<{}}", e.title, title_width) << "  " << e.file << "\n";
        }
        const Exercise* broken = nullptr;  // the file that does not compile, else the first unknown
        for (Verdict wanted : {Verdict::build_error, Verdict::unknown})
            for (const Exercise& e : c.exercises)
                if (!broken && progress.at(e.id) == wanted) broken = &e;
        if (broken)
            std::cout << s.dim(
                fmt::format("   Chapter {} does not compile, so its tests cannot run: `./workbook check {}` "
                            "shows the compiler's errors.\n",
                            c.number, broken->id));
    }
    std::cout << "\n";
    if (current)
        std::cout << fmt::format("Next: {} - open {}\n      ./workbook check {}   (or just: ./workbook, to watch it)\n",
                                 current->id, current->file, current->id);
    else
        std::cout << s.green("Every exercise passes. Well done!") << "\n";
    return exit_ok;
}

// ---- check

int verb_check(App& app, const Args& args) {
    if (args.positional.size() > 1) throw UsageError("check takes one exercise (N.M) or chapter (N)");
    if (args.positional.empty() || contains(args.positional[0], ".")) {
        const Exercise* e = args.positional.empty() ? app.current() : &app.exercise_arg(args.positional[0]);
        if (e == nullptr) {
            std::cout << app.style.green("Every exercise passes.") << " Check one again with: ./workbook check N.M\n";
            return exit_ok;
        }
        const CheckResult r = app.checker.check(*e);
        app.print_result(*e, r);
        return exit_status(r.verdict);
    }
    const Chapter& c = app.chapter_arg(args.positional[0]);
    const Exercise* first_bad = nullptr;
    CheckResult first_result;
    for (const Exercise& e : c.exercises) {
        const CheckResult r = app.checker.check(e);
        std::cout << app.verdict_tag(r.verdict) << " " << e.id << " " << e.title << "\n";
        if (r.verdict == Verdict::build_error) {  // the whole chapter does not compile
            first_bad = &e, first_result = r;
            break;
        }
        if (r.verdict != Verdict::pass && first_bad == nullptr) first_bad = &e, first_result = r;
    }
    if (first_bad == nullptr) return exit_ok;
    std::cout << "\n";
    app.print_result(*first_bad, first_result);
    return exit_status(first_result.verdict);
}

// ---- hint

int show_hint(App& app, const Exercise& e, bool restart) {
    int next = restart ? 0 : next_hint(app.ws, e.id);
    const int total = static_cast<int>(e.hints.size());
    if (next >= total) {
        std::cout << wrap(fmt::format("No more hints for {} (you have seen all {}).\nThe reference solution is {}: "
                                      "`./workbook solution {}` shows it beside your code once yours passes (or now, "
                                      "with --force).\n`./workbook hint {} --restart` shows the hints again.\n",
                                      e.id, total, e.solution, e.id, e.id),
                          app.width());
        return exit_ok;
    }
    std::cout << app.style.bold(fmt::format("Hint {} of {} for exercise {} - {}", next + 1, total, e.id, e.title))
              << "\n\n";
    const std::string hint = render_hint(e.hints[static_cast<std::size_t>(next)], app.manifest.chapter_of(e).docs,
                                         app.width() > 12 ? app.width() - 2 : app.width());
    for (const std::string& line : split_lines(hint)) std::cout << (line.empty() ? "" : "  ") << line << "\n";
    std::cout << "\n";
    if (next + 1 == total)
        std::cout << app.style.dim("That was the last hint. Next time: where the reference solution is.") << "\n";
    set_next_hint(app.ws, e.id, next + 1);
    return exit_ok;
}

int verb_hint(App& app, const Args& args) {
    if (args.positional.size() > 1) throw UsageError("hint takes one exercise (N.M)");
    const Exercise* e = args.positional.empty() ? app.current() : &app.exercise_arg(args.positional[0]);
    if (e == nullptr) {
        std::cout << "Every exercise passes: no hint needed. Ask for one by name: ./workbook hint N.M\n";
        return exit_ok;
    }
    return show_hint(app, *e, args.has("--restart"));
}

// ---- run

int verb_run(App& app, const Args& args) {
    if (args.positional.empty()) throw UsageError("run needs a chapter number, e.g. ./workbook run 1");
    const Chapter& c = app.chapter_arg(args.positional[0]);
    const bool mine = args.has("--mine");
    const std::string target = c.program + (mine ? "_mine" : "");
    if (std::optional<std::string> errors = app.checker.build({target})) {
        std::cout << app.verdict_tag(Verdict::build_error) << " " << target << "\n\n" << *errors;
        return exit_fail;
    }
    std::vector<std::string> argv = {app.ws.bin(target)};
    for (std::size_t i = 1; i < args.positional.size(); ++i) argv.push_back(args.positional[i]);
    argv.insert(argv.end(), args.passthrough.begin(), args.passthrough.end());
    if (mine)
        std::cout << app.style.bold(wrap(fmt::format("Chapter {}'s program on YOUR code: every function comes from "
                                                     "your exercises/ch{:02d}/ files, not from the reference "
                                                     "solutions. A check marked [FAILED] is a mistake in your code.",
                                                     c.number, c.number),
                                         app.width()))
                  << "\n\n";
    std::cout.flush();
    const RelayResult run = relay_process(argv, "[FAILED]");
    if (run.failed_to_start) throw std::runtime_error("cannot run " + argv[0]);
    if (run.signal != 0) return 128 + run.signal;
    if (run.exit_code != 0) return run.exit_code;
    if (mine && run.markers > 0) {
        std::cout << "\n"
                  << app.style.red(wrap(fmt::format("{} check(s) printed [FAILED]: your code gives other numbers than "
                                                    "the chapter expects. `./workbook check {}` shows which exercise "
                                                    "and where.",
                                                    run.markers, c.number),
                                        app.width()))
                  << "\n";
        return exit_fail;
    }
    return exit_ok;
}

// ---- reset

bool confirm(const std::string& question) {
    std::cout << question << " [y/N] " << std::flush;
    std::string answer;
    if (!std::getline(std::cin, answer)) {
        std::cout << "\n";
        return false;
    }
    answer = trim(answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

void warn_editor_locks(App& app, const Exercise& e) {
    for (const std::string& lock : editor_lock_files(app.ws.path(e.file)))
        std::cout << app.style.yellow("warning: ")
                  << fmt::format("{} exists: an editor may have {} open with unsaved changes. Save or close it "
                                 "first, or it may write its buffer back over the file.\n",
                                 app.ws.relative(lock), e.file);
}

int verb_reset(App& app, const Args& args) {
    if (args.positional.size() != 1) throw UsageError("reset needs one exercise, e.g. ./workbook reset 1.4");
    const Exercise& e = app.exercise_arg(args.positional[0]);
    const std::string path = app.ws.path(e.file);
    const std::optional<std::string> current = try_read(path);
    warn_editor_locks(app, e);
    if (args.has("--undo")) {
        const std::vector<std::string> saved = backups_of(app.ws, e.file);
        if (saved.empty()) {
            std::cout << fmt::format("error: there is no backup of {} to bring back (.workbook/backups/ has none)\n",
                                     e.file);
            return exit_fail;
        }
        const std::string latest = saved.back();
        const std::string content = read_file(latest);
        if (current && *current == content) {
            std::cout << fmt::format("{} is already the same as its newest backup ({}). Nothing changed.\n", e.file,
                                     app.ws.relative(latest));
            return exit_ok;
        }
        std::string kept;
        if (current) kept = backup(app.ws, e.file);
        write_file_atomic(path, content);
        std::cout << fmt::format("Brought back {} from {}.\n", e.file, app.ws.relative(latest));
        if (!kept.empty())
            std::cout << fmt::format("The version it replaced is saved in {} (undo again to swap back).\n",
                                     app.ws.relative(kept));
        return exit_ok;
    }
    std::string source;
    const std::optional<std::string> stub = pristine_stub(app.ws, e, &source);
    if (!stub) {
        std::cout << fmt::format("error: cannot find the original stub of {}: .workbook/stubs/ has no copy and git "
                                 "history has no version with its WB_NOT_DONE_YET line. Nothing changed.\n",
                                 e.file);
        return exit_fail;
    }
    if (current && *current == *stub) {
        std::cout << fmt::format("{} is already the original stub. Nothing changed.\n", e.file);
        return exit_ok;
    }
    if (!args.has("--yes") &&
        !confirm(
            fmt::format("Reset {} to the original stub? Your version is saved in .workbook/backups/ first.", e.file))) {
        std::cout << "Nothing changed.\n";
        return exit_fail;
    }
    std::string kept;
    if (current) kept = backup(app.ws, e.file);
    write_file_atomic(path, *stub);
    std::cout << fmt::format("{} is the original stub again (from {}).\n", e.file, source);
    if (!kept.empty())
        std::cout << fmt::format("Your version is saved in {}\nBring it back with: ./workbook reset --undo {}\n",
                                 app.ws.relative(kept), e.id);
    return exit_ok;
}

// ---- solution

std::string fit(const std::string& line, std::size_t width) {
    std::string out = line;
    for (std::size_t at = out.find('\t'); at != std::string::npos; at = out.find('\t')) out.replace(at, 1, "    ");
    if (out.size() > width) out = out.substr(0, width - 1) + ">";
    return out + std::string(width - out.size(), ' ');
}

int verb_solution(App& app, const Args& args) {
    if (args.positional.size() != 1) throw UsageError("solution needs one exercise, e.g. ./workbook solution 1.4");
    const Exercise& e = app.exercise_arg(args.positional[0]);
    const CheckResult r = app.checker.check(e);
    if (r.verdict != Verdict::pass) {
        if (!args.has("--force")) {
            std::cout << fmt::format(
                "Your {} does not pass yet ({}). Working it out is the point: try `./workbook hint "
                "{}` first.\nTo see the reference solution anyway: ./workbook solution {} --force\n",
                e.id, verdict_label(r.verdict), e.id, e.id);
            return exit_fail;
        }
        std::cout << app.style.yellow("warning: ")
                  << fmt::format("your {} does not pass yet ({}); here is the reference solution anyway.\n\n", e.id,
                                 verdict_label(r.verdict));
    }
    // GNU diff (Debian's diffutils, always installed) lines the two files up: equal lines side by
    // side, yours marked <, the reference's >, changed ones |. --diff: a unified diff.
    const std::size_t width = app.width();
    const bool unified = args.has("--diff") || width < 60;
    std::vector<std::string> diff = {"diff", "--expand-tabs"};
    if (unified)
        diff.insert(diff.end(), {"-u", "--label", "yours: " + e.file, "--label", "reference: " + e.solution});
    else
        diff.insert(diff.end(), {"--side-by-side", "--width=" + std::to_string(width)});
    diff.insert(diff.end(), {app.ws.path(e.file), app.ws.path(e.solution)});
    const ProcessResult shown = run_process(diff, 30);
    if (!shown.failed_to_start && (shown.exit_code == 0 || shown.exit_code == 1)) {
        if (shown.exit_code == 0) {
            std::cout << fmt::format("Your {} is the same as the reference solution, {}.\n", e.file, e.solution);
            return exit_ok;
        }
        if (!unified) {
            const std::size_t column = (width - 3) / 2;
            std::cout << app.style.bold(fit("Yours: " + e.file, column)) << "   "
                      << app.style.bold("Reference: " + e.solution) << "\n";
        }
        std::cout << shown.output;
        if (!unified)
            std::cout << app.style.dim("(< only in yours, > only in the reference, | different; --diff: a unified "
                                       "diff)")
                      << "\n";
        return exit_ok;
    }
    // No diff program: the two files next to each other, line by line.
    const std::vector<std::string> mine = split_lines(try_read(app.ws.path(e.file)).value_or(""));
    const std::vector<std::string> theirs = split_lines(read_file(app.ws.path(e.solution)));
    const std::size_t column = (width - 3) / 2;
    if (column < 50) {
        std::cout << app.style.bold("Yours: " + e.file) << "\n";
        for (const std::string& line : mine) std::cout << line << "\n";
        std::cout << "\n" << app.style.bold("Reference: " + e.solution) << "\n";
        for (const std::string& line : theirs) std::cout << line << "\n";
        return exit_ok;
    }
    std::cout << app.style.bold(fit("Yours: " + e.file, column)) << " | " << app.style.bold("Reference: " + e.solution)
              << "\n";
    std::cout << std::string(column, '-') << "-+-" << std::string(column, '-') << "\n";
    for (std::size_t i = 0; i < std::max(mine.size(), theirs.size()); ++i) {
        const std::string left = i < mine.size() ? mine[i] : "", right = i < theirs.size() ? theirs[i] : "";
        std::string line = fit(left, column) + " | " + right.substr(0, column);
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::cout << line << "\n";
    }
    return exit_ok;
}

// ---- verify

int verb_verify(App& app, const Args& args) {
    std::string bin = app.ws.build + "/bin";
    for (std::size_t i = 0; i + 1 < args.positional.size(); ++i)
        if (args.positional[i] == "--bin") bin = args.positional[i + 1];
    if (!args.positional.empty() && args.positional[0] != "--bin") throw UsageError("verify takes only --bin DIR");
    const std::vector<std::string> problems = consistency_problems(app.manifest, app.ws.root, bin);
    for (const std::string& p : problems) std::cout << "FAIL: " << p << "\n";
    if (!problems.empty()) {
        std::cout << fmt::format("{} problem(s): exercises/manifest.toml and the repository disagree.\n",
                                 problems.size());
        return exit_fail;
    }
    std::cout << fmt::format("ok: the manifest's {} chapters and {} exercises agree with their files, stubs, "
                             "solutions, test tags and docs hints\n",
                             app.manifest.chapters.size(), app.manifest.exercises().size());
    return exit_ok;
}

// ---- watch

termios saved_terminal;
bool terminal_changed = false;

void restore_terminal() {
    if (terminal_changed) ::tcsetattr(STDIN_FILENO, TCSANOW, &saved_terminal);
    terminal_changed = false;
}

extern "C" void on_signal(int signal) {
    kill_running_child();  // Ctrl-C during a check must not leave a build or an endless test running
    restore_terminal();
    ::signal(signal, SIG_DFL);
    ::raise(signal);
}

struct RawInput {
    bool tty = isatty(STDIN_FILENO) != 0;
    RawInput() {
        if (!tty || ::tcgetattr(STDIN_FILENO, &saved_terminal) != 0) {
            tty = false;
            return;
        }
        termios raw = saved_terminal;
        raw.c_lflag &= static_cast<tcflag_t>(~(ICANON | ECHO));  // keys one at a time; Ctrl-C still works
        raw.c_cc[VMIN] = 0;
        raw.c_cc[VTIME] = 0;
        terminal_changed = ::tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0;
        std::atexit(restore_terminal);
    }
    ~RawInput() { restore_terminal(); }
    RawInput(const RawInput&) = delete;
    RawInput& operator=(const RawInput&) = delete;
};

std::string file_state(const std::string& path) {
    struct stat s {};
    if (::stat(path.c_str(), &s) != 0) return "missing";
    return fmt::format("{}.{}:{}", s.st_mtim.tv_sec, s.st_mtim.tv_nsec, s.st_size);
}

int verb_watch(App& app, const Args& args) {
    if (args.positional.size() > 1) throw UsageError("watch takes at most one exercise (N.M)");
    const Exercise* e = args.positional.empty() ? app.current() : &app.exercise_arg(args.positional[0]);
    RawInput input;
    const bool clear = isatty(STDOUT_FILENO) != 0;
    const std::vector<const Exercise*> all = app.manifest.exercises();
    std::string line_buffer;

    const Chapter* shown_chapter = nullptr;  // the chapter of the exercise on screen

    // The header stays at the top of every screen: the exercise, the file and line to open, and
    // the progress (from the verdicts cached for the files as they are now: no build needed).
    const auto banner = [&](const Exercise& ex) {
        const auto position = std::find(all.begin(), all.end(), &ex) - all.begin();
        const std::map<std::string, Verdict> known = app.checker.known_progress();
        std::size_t done = 0;
        for (const auto& [id, v] : known) done += v == Verdict::pass ? 1 : 0;
        std::cout << app.heading(ex)
                  << app.style.dim(fmt::format("   exercise {} of {}   {} {} done", position + 1, all.size(),
                                               progress_bar(done, all.size(), 20), done))
                  << "\n"
                  << "  " << app.file_link(ex) << "\n\n";
    };
    const auto footer = [&](const Exercise& ex) {
        std::cout << "\n"
                  << app.style.dim(wrap(fmt::format("Watching {} - save it to re-check.", ex.file), app.width()))
                  << "\n"
                  << app.style.dim("h hint  n next  p previous  l list  r re-run  q quit") << "\n"
                  << std::flush;
    };
    // Leaving a chapter: which of its exercises are still open. Entering one: its page and program.
    const auto chapter_notes = [&](const Exercise& ex) {
        const Chapter& chapter = app.manifest.chapter_of(ex);
        std::string notes;
        if (shown_chapter != nullptr && shown_chapter != &chapter) {
            const std::map<std::string, Verdict> known = app.checker.known_progress();
            std::vector<std::string> open;
            for (const Exercise& other : shown_chapter->exercises) {
                const auto it = known.find(other.id);
                if (it == known.end() || it->second != Verdict::pass) open.push_back(other.id);
            }
            std::string list;
            for (const std::string& id : open) list += (list.empty() ? "" : ", ") + id;
            notes += open.empty() ? fmt::format("Chapter {} is done: every exercise passes.\n", shown_chapter->number)
                                  : fmt::format("Chapter {}: still open: {} (./workbook check {}).\n",
                                                shown_chapter->number, list, shown_chapter->number);
        }
        if (shown_chapter != &chapter)
            notes += fmt::format("Chapter {} - {}: read {} and run `./workbook run {}` to see it.\n", chapter.number,
                                 chapter.title, chapter.docs, chapter.number);
        shown_chapter = &chapter;
        return notes;
    };
    const auto check_and_show = [&](const Exercise& ex, const std::string& note) {
        if (clear) std::cout << app.style.dim(fmt::format("checking {}...", ex.id)) << "\n" << std::flush;
        const CheckResult r = app.checker.check(ex);
        if (clear) std::cout << "\x1b[2J\x1b[H";  // a clean screen for each verdict
        const std::string chapter = chapter_notes(ex);
        if (!note.empty()) std::cout << app.style.green(wrap(note, app.width())) << "\n";
        if (!chapter.empty()) std::cout << app.style.cyan(wrap(chapter, app.width()));
        if (!note.empty() || !chapter.empty()) std::cout << "\n";
        banner(ex);
        app.print_result(ex, r);
        return r.verdict;
    };
    std::string moved;  // set by the n and p keys: the note for the next screen

    while (e != nullptr) {
        // An exercise reached with n or p stays on screen even when it passes; one reached by
        // passing the one before moves on by itself.
        const bool by_key = !moved.empty();
        Verdict v = check_and_show(*e, moved);
        moved.clear();
        // A passing exercise: say so briefly and move on to the next one that does not pass.
        while (v == Verdict::pass && !by_key) {
            const auto it = std::find(all.begin(), all.end(), e);
            const Exercise* next = it + 1 != all.end() ? *(it + 1) : nullptr;
            if (next == nullptr) break;
            const std::string note = fmt::format("Well done: {} passes. On to {}.", e->id, next->id);
            e = next;
            v = check_and_show(*e, note);
        }
        if (v == Verdict::pass && !by_key) {
            std::cout << "\n" << app.style.green("Every exercise passes. Well done!") << "\n";
            return exit_ok;
        }
        footer(*e);
        std::string seen = file_state(app.ws.path(e->file));
        std::string seen_content = try_read(app.ws.path(e->file)).value_or("");
        bool recheck = false;
        while (!recheck) {
            pollfd p{STDIN_FILENO, POLLIN, 0};
            const int ready = ::poll(&p, 1, 200);
            if (ready > 0) {
                char buffer[256];
                const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
                if (n <= 0) {  // end of input: a script is done with us
                    if (input.tty) continue;
                    return exit_ok;
                }
                std::string keys(buffer, static_cast<std::size_t>(n));
                if (!input.tty) {  // one command per line
                    line_buffer += keys;
                    keys.clear();
                    for (std::size_t nl; (nl = line_buffer.find('\n')) != std::string::npos;) {
                        const std::string command = trim(line_buffer.substr(0, nl));
                        line_buffer.erase(0, nl + 1);
                        keys += command.empty() ? ' ' : command[0];
                    }
                }
                for (char key : keys) {
                    if (key == 'q' || key == 'Q' || key == 4) {
                        std::cout << "Bye. Your progress is in your files: `./workbook` picks up where you left off.\n";
                        return exit_ok;
                    }
                    if (key == 'h' || key == 'H') {
                        std::cout << "\n";
                        show_hint(app, *e, false);
                        footer(*e);
                    } else if (key == 'l' || key == 'L') {
                        std::cout << "\n";
                        verb_list(app, Args{});
                        footer(*e);
                    } else if (key == 'r' || key == 'R') {
                        recheck = true;
                    } else if (key == 'n' || key == 'N' || key == 'p' || key == 'P') {
                        const auto it = std::find(all.begin(), all.end(), e);
                        const bool forward = key == 'n' || key == 'N';
                        if (forward ? it + 1 == all.end() : it == all.begin()) {
                            std::cout << (forward ? "This is the last exercise.\n" : "This is the first exercise.\n")
                                      << std::flush;
                            continue;
                        }
                        e = forward ? *(it + 1) : *(it - 1);
                        moved = fmt::format("Moved to {} ({}).", e->id, forward ? "n, next" : "p, previous");
                        recheck = true;
                        break;
                    }
                }
            } else if (ready < 0 && errno != EINTR) {
                return exit_fail;
            }
            const std::string now = file_state(app.ws.path(e->file));
            if (now != seen) {
                seen = now;
                const std::string content = try_read(app.ws.path(e->file)).value_or("");
                if (content != seen_content) recheck = true;  // a save that changed nothing is not a change
                seen_content = content;
            }
        }
    }
    std::cout << app.style.green("Every exercise passes. Well done!") << "\n";
    return exit_ok;
}

}  // namespace

int run_cli(int argc, char** argv) {
    Args args;
    std::string verb;
    bool no_color = false, after_dashes = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (after_dashes) {
            args.passthrough.push_back(a);
        } else if (a == "--") {
            after_dashes = true;
        } else if (a == "--no-color" && verb != "run") {
            no_color = true;
        } else if (a == "--help" || a == "-h") {
            args.help = true;
        } else if (verb.empty() && !starts_with(a, "-")) {
            verb = a;
        } else if (verb == "run" && !args.positional.empty()) {
            args.passthrough.push_back(a);  // options for the chapter program
            if (a == "--mine") args.passthrough.pop_back(), args.flags.push_back(a);
        } else if (starts_with(a, "--") && a != "--bin") {
            args.flags.push_back(a);
        } else {
            args.positional.push_back(a);
        }
    }
    if (verb.empty()) verb = args.help ? "help" : "watch";
    if (std::find(verbs.begin(), verbs.end(), verb) == verbs.end()) {
        std::cerr << fmt::format("error: unknown verb '{}'. Did you mean '{}'?\nRun './workbook --help' for usage.\n",
                                 verb, nearest(verb, verbs));
        return exit_usage;
    }
    if (verb == "help") {
        if (!args.positional.empty() && verb_help.count(args.positional[0]) != 0)
            std::cout << verb_help.at(args.positional[0]);
        else
            std::cout << main_help;
        return exit_ok;
    }
    if (args.help) {
        std::cout << verb_help.at(verb);
        return exit_ok;
    }
    const std::map<std::string, std::vector<std::string>> allowed = {{"watch", {}},
                                                                     {"list", {}},
                                                                     {"check", {"--timeout", "--sanitize"}},
                                                                     {"hint", {"--restart"}},
                                                                     {"run", {"--mine"}},
                                                                     {"reset", {"--yes", "--undo"}},
                                                                     {"solution", {"--force", "--diff"}},
                                                                     {"verify", {}}};
    std::vector<std::string> flags = args.flags;
    args.flags.clear();
    for (std::size_t i = 0; i < flags.size(); ++i) {
        const std::vector<std::string>& ok = allowed.at(verb);
        const std::string name = flags[i].substr(0, flags[i].find('='));
        if (std::find(ok.begin(), ok.end(), name) == ok.end()) {
            std::vector<std::string> candidates = ok;
            candidates.push_back("--help");
            std::cerr << fmt::format("error: '{}' is not an option of './workbook {}'. Did you mean '{}'?\nRun "
                                     "'./workbook {} --help' for usage.\n",
                                     flags[i], verb, nearest(flags[i], candidates), verb);
            return exit_usage;
        }
        args.flags.push_back(name);
        if (name == "--timeout")
            args.flags.push_back(flags[i].find('=') != std::string::npos ? flags[i].substr(10) : "");
    }

    App app{find_workspace(), {}, make_style(no_color)};
    // The test programs lay their reports out to the terminal's width (the tensor matcher reads
    // WB_COLUMNS); a sanitizer's report gets its stack, so the learner's frame can be found.
    app.checker.width = terminal_width();
    ::setenv("WB_COLUMNS", std::to_string(app.checker.width).c_str(), 1);
    ::setenv("UBSAN_OPTIONS", "print_stacktrace=1", 0);
    const std::string manifest_path = app.ws.root + "/exercises/manifest.toml";
    try {
        app.manifest = load_manifest(manifest_path);
    } catch (const ManifestError& error) {
        std::cerr << "error: the manifest cannot be read: " << app.ws.relative(error.what()) << "\n";
        return exit_fail;
    }
    if (verb == "check" && args.has("--sanitize")) {
        app.ws.build = app.ws.root + "/build-sanitize";
        app.checker.configure_args = {"-DWB_SANITIZE=ON"};
    }
    if (verb == "check") {
        const auto it = std::find(args.flags.begin(), args.flags.end(), "--timeout");
        if (it != args.flags.end()) {
            const std::string value = *(it + 1);
            char* end = nullptr;
            const double seconds = std::strtod(value.c_str(), &end);
            if (value.empty() || *end != '\0' || !(seconds > 0 && seconds <= 3600)) {
                std::cerr << "error: --timeout needs a number of seconds between 1 and 3600, e.g. --timeout=60\n"
                             "Run './workbook check --help' for usage.\n";
                return exit_usage;
            }
            app.checker.test_timeout = seconds;
        }
    }
    for (int s : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) ::signal(s, on_signal);
    try {
        snapshot_stubs(app.ws, app.manifest);
    } catch (const std::exception&) {
        // Recording stubs is a convenience for a later reset; never a reason to stop.
    }
    try {
        if (verb == "watch") return verb_watch(app, args);
        if (verb == "list") return verb_list(app, args);
        if (verb == "check") return verb_check(app, args);
        if (verb == "hint") return verb_hint(app, args);
        if (verb == "run") return verb_run(app, args);
        if (verb == "reset") return verb_reset(app, args);
        if (verb == "solution") return verb_solution(app, args);
        return verb_verify(app, args);
    } catch (const UsageError& error) {
        std::cerr << "error: " << error.what() << "\nRun './workbook " << verb << " --help' for usage.\n";
        return exit_usage;
    }
}

}  // namespace wbk
