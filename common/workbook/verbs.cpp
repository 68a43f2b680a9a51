// The workbook command's verbs: watch, list, check, hint, run, reset, solution, verify.
// Not: an argument-parsing library. Each verb takes a handful of arguments, parsed by hand so that
// every mistake gets "error: ...", the nearest valid name and exit status 2.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <poll.h>
#include <regex>
#include <sys/stat.h>
#include <termios.h>
#include <thread>
#include <unistd.h>

#include <fmt/format.h>

#include "workbook.hpp"

namespace wbk {
namespace {

const std::vector<std::string> verbs = {"watch", "list", "check", "hint", "run", "reset", "solution", "verify", "help"};

const char* main_help = R"(workbook - the Attention Workbook's exercise runner

Usage: ./workbook [VERB] [ARGS] [--no-color]

  ./workbook                    watch the current exercise (the first not done)
  ./workbook watch [N.M]        the same, starting at exercise N.M
  ./workbook list               every exercise, done or not, and its file
  ./workbook check [N | N.M]    rebuild what the exercise needs, run its tests
  ./workbook hint [N.M]         the next hint (the last points to the solution)
  ./workbook run N [--mine]     run chapter N's program (--mine: on your code)
  ./workbook reset N.M [--yes]  restore the original stub (yours is backed up)
  ./workbook reset --undo N.M   bring back the file the last reset or undo saved
  ./workbook solution N.M       the reference solution and your code, once yours
                                passes
  ./workbook verify             check that the manifest agrees with the
                                repository (for CI)
  ./workbook book [--serve]     the chapter pages as a book in your browser
                                (./workbook setup --book installs what it needs)

  ./workbook VERB --help        more about one verb

While watching: h next hint, n next exercise, p previous one, l list, r re-run,
m the rest of a long report, q quit. Save the file to re-check it.

Exercises are named N.M (1.4 is Chapter 1, exercise 4); chapters by their
number (1). Your progress is what the tests say now: nothing is stored that
could go stale. State (backups, hint positions, original stubs, a cache keyed
by file content) is in .workbook/.

Exit status: 0 pass / done, 1 an exercise fails (test failure, build error,
sanitizer report, timeout, crash) or an action was refused, 2 usage error,
3 not done yet.
Colour only on a terminal with NO_COLOR unset; --no-color turns it off.
)";

const std::map<std::string, std::string> verb_help = {
    {"watch", R"(Usage: ./workbook watch [N.M] [--timings]   (also: ./workbook alone)

Shows the current exercise (the first one not done, or N.M), checks it, and
re-checks it each time you save its file, or the file of an earlier exercise
its tests also run. When it passes, moves on to the next one still open (after
the last, back to the first one still open); says all is done only when every
exercise passes.
On a terminal the screen is cleared before each verdict, under a header with
the exercise, your progress and the file and line to open; a report taller
than the screen is cut, and m shows the rest. Moving into a new chapter names
its docs page.
Keys: h next hint, n next exercise (past the last: the first one still open),
p previous exercise, l list, r re-run, m more of the report, q quit (on a
terminal, one key press; otherwise one per line).
--timings: under each verdict, where the time went from the save on (noticing
it, waiting for the file to settle, each build step, the tests, the report).
)"},
    {"list", R"(Usage: ./workbook list

Every chapter and exercise with its state (done, to do, failing, no build,
...), a progress bar and the file to open (on the line below the title when
one line would not fit the terminal). Builds and runs every chapter's exercise
tests; verdicts of unchanged files and tests come from a cache keyed by their
content.
)"},
    {"check", R"(Usage: ./workbook check [N | N.M] [--timings]

Rebuilds what exercise N.M's tests need (its chapter's exercise files and the
exercise's own small test program) and runs its tests (all of chapter N's
with N, the current exercise with nothing). Prints PASS, or
what went wrong: NOT DONE YET (with every earlier exercise its tests also run
that is not done yet), FAIL (the first failing check, in the tensor matcher's
words), BUILD ERROR (the compiler's errors), SANITIZER (a memory or
undefined-behaviour report), TIMEOUT (stopped after 30 s), CRASH.
Options: --timeout=SECONDS (default 30).
         --sanitize: build and run in build-sanitize/ under AddressSanitizer
         and UBSan (slower; catches reads past the end of a tensor and other
         undefined behaviour).
         --timings: after the verdict, where the time went: each build step
         (compile, link, ...), the test run, reading the report.
Exit status: 0 pass, 1 fails, 3 not done yet.
)"},
    {"hint", R"(Usage: ./workbook hint [N.M] [--restart]

Shows the next hint for exercise N.M (the current one if omitted): each call
gives one more, from a nudge to a near-complete skeleton. After the last, it
points to the reference solution. --restart starts again from the first hint.
)"},
    {"run", R"(Usage: ./workbook run N [--mine] [PROGRAM-OPTIONS...]

Builds and runs chapter N's program, which prints every matrix of the chapter.
With --mine the program runs on your own exercise code instead of the
reference solutions (an exercise that is not done yet stops it with a
message). Options after the chapter number go to the program
(`./workbook run N -- --help` lists them), e.g.
  ./workbook run 1 --mine --text "attention is all you need" --seed 7
  ./workbook run 1 --mine --query 3 --no-color
Exit status: the program's; with --mine also 1 when one of its checks prints
[FAILED].
)"},
    {"reset", R"(Usage: ./workbook reset N.M [--yes]
       ./workbook reset --undo N.M

Restores exercise N.M's original stub. Your file is first saved to
.workbook/backups/<file>.<time>-<n>.cpp (never overwritten); it asks before
resetting unless --yes.
--undo brings back the newest backup, after backing up the current file too
(so undo again swaps back).
The original stubs are kept read-only in .workbook/stubs/ (see the README).
)"},
    {"solution", R"(Usage: ./workbook solution N.M [--diff] [--force]

Shows the reference solution beside your code, once your code passes: side by
side, lined up (< a line only in yours, > only in the reference, | a line that
differs) when every line fits half the terminal's width; otherwise, and with
--diff, a unified diff from your file to the reference, long lines wrapped.
--force shows it even though your code does not pass yet, after a warning.
)"},
    {"verify", R"(Usage: ./workbook verify [--bin DIR]

Checks that exercises/manifest.toml agrees with the repository: every exercise
file and solution exists, ids are in order, each stub's WB_NOT_DONE_YET line
names its exercise and function, each tag has tests in the chapter's test
program (in DIR, default the build's bin/), every exercises/chNN/ex*.cpp is
listed, the docs pages' hints equal the manifest's, and an exercise that needs
earlier ones names them in its hints. Used by CTest.
)"},
    {"book", R"(Usage: ./workbook book [--out DIR] [--serve [--port N] [--host ADDR]]

The chapter pages as a book: built into build/book/ (or DIR), to open in any
browser with no network, or served (--serve). The ./workbook script does this
itself, with no build: `./workbook book --help` tells more.
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
    bool watching = false;  // `./workbook watch`: saving a file re-checks
    bool timings = false;   // --timings: where each check's time went

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

    // The verdict line, then what explains it, laid out for width() columns.
    std::string result_text(const Exercise& e, const CheckResult& r) const {
        std::string out;
        const std::string verdict = fmt::format("[{}] {} {}", verdict_label(r.verdict), e.id, e.title);
        const std::string timing = fmt::format("(build {:.1f} s, tests {:.1f} s)", r.build_seconds, r.test_seconds);
        const std::string head = verdict_tag(r.verdict) + verdict.substr(verdict.find(']') + 1);
        if (verdict.size() + 2 + timing.size() <= width())
            out += head + "  " + style.dim(timing) + "\n";
        else  // a long title: the timing on a line of its own
            out += (verdict.size() <= width() ? head : wrap(head, width())) + "\n  " + style.dim(timing) + "\n";
        // Indented by two, unless that would push a line (a row of the matcher's matrices, laid out
        // to WB_COLUMNS) past the terminal's edge: then none is, so the columns stay aligned.
        const auto indented = [&](const std::string& text) {
            const std::vector<std::string> lines = split_lines(text);
            bool fits = true;
            for (const std::string& line : lines) fits = fits && line.size() + 2 <= width();
            std::string text_out;
            for (const std::string& line : lines) text_out += (line.empty() || !fits ? "" : "  ") + line + "\n";
            return text_out;
        };
        switch (r.verdict) {
        case Verdict::pass:
            out += indented(r.report);
            break;
        case Verdict::not_done: {
            out += indented(wrap(r.report, width() - 2));
            static const std::regex stopped_pattern(R"(not done yet: exercise (\d+\.\d+) )");
            std::smatch stopped;
            const bool other = std::regex_search(r.report, stopped, stopped_pattern) && stopped[1] != e.id;
            if (!other) {
                out += wrap(fmt::format("  Open {}, delete the WB_NOT_DONE_YET line and write {}.", file_link(e),
                                        e.function),
                            width()) +
                       "\n";
            } else {
                // Every exercise still missing at once, not one per save.
                std::vector<std::string> ids;
                const std::vector<const Exercise*> missing = missing_needs(ws, manifest, e, stopped[1]);
                for (const Exercise* m : missing) ids.push_back(m->id);
                out += wrap(fmt::format("  {}'s tests also run {}. Not done yet: {}. Write {} first:", e.id,
                                        e.needs.empty() ? "earlier exercises" : join_ids(e.needs), join_ids(ids),
                                        ids.size() == 1 ? "it" : "them"),
                            width()) +
                       "\n";
                for (const Exercise* m : missing) out += fmt::format("    {:<5} {}\n", m->id, file_link(*m));
                if (watching) out += wrap(fmt::format("  Saving any of them re-checks {}.", e.id), width()) + "\n";
            }
            out += fmt::format("  Stuck? ./workbook hint {}\n", e.id);
            break;
        }
        case Verdict::fail:
            out += "  The first failing check (the tests stop there):\n\n" + indented(r.report);
            break;
        case Verdict::build_error:
            if (!r.diagnosis.empty()) out += style.yellow(wrap("  " + r.diagnosis, width())) + "\n\n";
            out += "  Your code does not compile, so no test ran. The compiler says:\n\n" + indented(r.report);
            if (!contains(r.report, e.file) && contains(r.report, "exercises/"))
                out += wrap(fmt::format("\n  The error is in another file: all of Chapter {}'s exercises build into "
                                        "one test program, so each must compile for any to be checked.",
                                        e.chapter),
                            width()) +
                       "\n";
            break;
        case Verdict::sanitizer:
            out += "  A sanitizer caught undefined behaviour or a memory error:\n\n" + indented(r.report);
            break;
        default:
            out += indented(r.report);
            break;
        }
        if (r.verdict != Verdict::pass && r.verdict != Verdict::not_done && !e.needs.empty()) {
            // A failure may come from an earlier exercise the tests run: name those known not to pass.
            const std::map<std::string, Verdict> known = checker.known_progress();
            std::vector<std::string> open;
            for (const std::string& id : e.needs)
                if (known.count(id) != 0 && known.at(id) != Verdict::pass)
                    open.push_back(fmt::format("{} ({})", id, verdict_label(known.at(id))));
            if (!open.empty())
                out += wrap(fmt::format("\n  {}'s tests also run {}, and {} {} not pass yet: the failure may be "
                                        "there.",
                                        e.id, join_ids(e.needs), join_ids(open), open.size() == 1 ? "does" : "do"),
                            width()) +
                       "\n";
        }
        if (!r.saved.empty()) out += wrap(fmt::format("\n  The whole report is in {}", r.saved), width()) + "\n";
        return out;
    }

    void print_result(const Exercise& e, const CheckResult& r) const {
        std::cout << result_text(e, r);
        if (timings) std::cout << "\n" << style.dim(format_timings(r.timings, width()));
        std::cout << std::flush;
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
    const std::size_t width = app.width();
    const std::string counts = fmt::format("{} of {} exercises done", done, total);
    const std::size_t bar = width >= 22 + 2 + 32 + 1 + counts.size() ? 30 : 20;
    std::cout << s.bold("The Attention Workbook") << fmt::format("  {} {}\n", progress_bar(done, total, bar), counts);
    // One line per exercise (state, id, title, file) when that fits the terminal; else the file on
    // the line below, under the title.
    std::size_t title_width = 0, file_width = 0;
    for (const Exercise* e : app.manifest.exercises())
        title_width = std::max(title_width, e->title.size()), file_width = std::max(file_width, e->file.size());
    const std::size_t title_column = 3 + 9 + 1 + 5 + 1;
    const bool one_line = title_column + title_width + 2 + file_width <= width;
    for (const Chapter& c : app.manifest.chapters) {
        std::size_t chapter_done = 0;
        for (const Exercise& e : c.exercises) chapter_done += progress.at(e.id) == Verdict::pass ? 1 : 0;
        const std::string title = fmt::format("Chapter {} - {}", c.number, c.title);
        const std::string rest =
            fmt::format("{}/{}   docs/{}", chapter_done, c.exercises.size(), c.docs.substr(c.docs.rfind('/') + 1));
        std::cout << "\n" << s.bold(title) << (title.size() + 2 + rest.size() <= width ? "  " : "\n  ") << rest << "\n";
        for (const Exercise& e : c.exercises) {
            const Verdict v = progress.at(e.id);
            std::string word = fmt::format("{:<9}", state_word(v));
            word = v == Verdict::pass ? s.green(word) : v == Verdict::not_done ? s.dim(word) : s.red(word);
            const bool is_current = current == &e;
            std::cout << (is_current ? s.cyan(" > ") : "   ") << word << " " << fmt::format("{:<5}", e.id) << " ";
            if (one_line) {
                std::cout << fmt::format("{:<{}}", e.title, title_width) << "  " << e.file << "\n";
            } else {
                const std::string title_lines = wrap(std::string(title_column, ' ') + e.title, width);
                std::cout << title_lines.substr(title_column) << "\n"
                          << std::string(title_column, ' ') << s.dim(e.file) << "\n";
            }
        }
        const Exercise* broken = nullptr;  // the file that does not compile, else the first unknown
        for (Verdict wanted : {Verdict::build_error, Verdict::unknown})
            for (const Exercise& e : c.exercises)
                if (!broken && progress.at(e.id) == wanted) broken = &e;
        if (broken)
            std::cout << s.dim(wrap(fmt::format("   Chapter {} does not compile, so its tests cannot run: "
                                                "`./workbook check {}` shows the compiler's errors.",
                                                c.number, broken->id),
                                    width))
                      << "\n";
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
    std::cout << app.style.bold(wrap(fmt::format("Hint {} of {} for exercise {} - {}", next + 1, total, e.id, e.title),
                                     app.width()))
              << "\n\n";
    const std::string hint = render_hint(e.hints[static_cast<std::size_t>(next)], app.manifest.chapter_of(e).docs,
                                         app.width() > 12 ? app.width() - 2 : app.width());
    // Prose is re-flowed to the width; a line of code longer than that is cut at a space, its
    // continuation indented further.
    for (const std::string& line : split_lines(hint))
        for (const std::string& part : split_lines(wrap_code(line, app.width() - 2)))
            std::cout << (part.empty() ? "" : "  ") << part << "\n";
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
                  << wrap(fmt::format("{} exists: an editor may have {} open with unsaved changes. Save or close "
                                      "it first, or it may write its buffer back over the file.\n",
                                      app.ws.relative(lock), e.file),
                          app.width() - 9);
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
            std::cout << wrap(fmt::format("error: there is no backup of {} to bring back (.workbook/backups/ has "
                                          "none)\n",
                                          e.file),
                              app.width());
            return exit_fail;
        }
        const std::string latest = saved.back();
        const std::string content = read_file(latest);
        if (current && *current == content) {
            std::cout << wrap(fmt::format("{} is already the same as its newest backup ({}). Nothing changed.\n",
                                          e.file, app.ws.relative(latest)),
                              app.width());
            return exit_ok;
        }
        std::string kept;
        if (current) kept = backup(app.ws, e.file);
        write_file_atomic(path, content);
        std::cout << wrap(fmt::format("Brought back {} from {}.\n", e.file, app.ws.relative(latest)), app.width());
        if (!kept.empty())
            std::cout << wrap(fmt::format("The version it replaced is saved in {} (undo again to swap back).\n",
                                          app.ws.relative(kept)),
                              app.width());
        return exit_ok;
    }
    std::string source;
    const std::optional<std::string> stub = pristine_stub(app.ws, e, &source);
    if (!stub) {
        std::cout << wrap(fmt::format("error: cannot find the original stub of {}: .workbook/stubs/ has no copy "
                                      "and git history has no version with its WB_NOT_DONE_YET line. Nothing "
                                      "changed.\n",
                                      e.file),
                          app.width());
        return exit_fail;
    }
    if (current && *current == *stub) {
        std::cout << wrap(fmt::format("{} is already the original stub. Nothing changed.\n", e.file), app.width());
        return exit_ok;
    }
    if (!args.has("--yes") &&
        !confirm(wrap(
            fmt::format("Reset {} to the original stub? Your version is saved in .workbook/backups/ first.", e.file),
            app.width() - 6))) {
        std::cout << "Nothing changed.\n";
        return exit_fail;
    }
    std::string kept;
    if (current) kept = backup(app.ws, e.file);
    write_file_atomic(path, *stub);
    std::cout << wrap(fmt::format("{} is the original stub again (from {}).\n", e.file, source), app.width());
    if (!kept.empty())
        std::cout << wrap(fmt::format("Your version is saved in {}\nBring it back with: ./workbook reset --undo {}\n",
                                      app.ws.relative(kept), e.id),
                          app.width());
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
            std::cout << wrap(fmt::format("Your {} does not pass yet ({}). Working it out is the point: try "
                                          "`./workbook hint {}` first.\nTo see the reference solution anyway: "
                                          "./workbook solution {} --force\n",
                                          e.id, verdict_label(r.verdict), e.id, e.id),
                              app.width());
            return exit_fail;
        }
        std::cout << app.style.yellow("warning: ")
                  << wrap(fmt::format("your {} does not pass yet ({}); here is the reference solution anyway.\n\n",
                                      e.id, verdict_label(r.verdict)),
                          app.width() - 9);
    }
    // GNU diff (Debian's diffutils, always installed) lines the two files up: equal lines side by
    // side, yours marked <, the reference's >, changed ones |. Side by side only when every line of
    // both files fits its half of the terminal; else (and with --diff) a unified diff, its long
    // lines wrapped: a cut line would hide what differs.
    const std::size_t width = app.width();
    const std::size_t column = (width - 3) / 2;
    const std::vector<std::string> mine = split_lines(try_read(app.ws.path(e.file)).value_or(""));
    const std::vector<std::string> theirs = split_lines(read_file(app.ws.path(e.solution)));
    std::size_t longest = 0;
    for (const std::vector<std::string>* lines : {&mine, &theirs})
        for (std::string line : *lines) {
            for (std::size_t at = line.find('\t'); at != std::string::npos; at = line.find('\t'))
                line.replace(at, 1, "    ");
            longest = std::max(longest, line.size());
        }
    const bool unified = args.has("--diff") || longest > column;
    std::vector<std::string> diff = {"diff", "--expand-tabs"};
    if (unified)
        diff.insert(diff.end(), {"-u", "--label", "yours: " + e.file, "--label", "reference: " + e.solution});
    else
        diff.insert(diff.end(), {"--side-by-side", "--width=" + std::to_string(width)});
    diff.insert(diff.end(), {app.ws.path(e.file), app.ws.path(e.solution)});
    const ProcessResult shown = run_process(diff, 30);
    if (!shown.failed_to_start && (shown.exit_code == 0 || shown.exit_code == 1)) {
        if (shown.exit_code == 0) {
            std::cout << wrap(fmt::format("Your {} is the same as the reference solution, {}.", e.file, e.solution),
                              width)
                      << "\n";
            return exit_ok;
        }
        if (!unified) {
            std::cout << app.style.bold(fit("Yours: " + e.file, column)) << "   "
                      << app.style.bold("Reference: " + e.solution) << "\n";
            std::cout << shown.output;
            std::cout << app.style.dim(wrap("(< only in yours, > only in the reference, | different; --diff: a "
                                            "unified diff)",
                                            width))
                      << "\n";
            return exit_ok;
        }
        if (!args.has("--diff"))
            std::cout << app.style.dim(wrap(fmt::format("Side by side needs {} columns for these files, so here is a "
                                                        "diff from yours (-) to the reference (+):",
                                                        2 * longest + 3),
                                            width))
                      << "\n\n";
        for (const std::string& line : split_lines(shown.output)) std::cout << wrap_code(line, width, 1);
        return exit_ok;
    }
    // No diff program: the two files one after the other, long lines wrapped.
    std::cout << app.style.bold("Yours: " + e.file) << "\n";
    for (const std::string& line : mine) std::cout << wrap_code(line, width);
    std::cout << "\n" << app.style.bold("Reference: " + e.solution) << "\n";
    for (const std::string& line : theirs) std::cout << wrap_code(line, width);
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

// Seconds from the file's last modification to now (0 when it cannot be read).
double seconds_since_saved(const std::string& path) {
    struct stat s {};
    if (::stat(path.c_str(), &s) != 0) return 0;
    const auto saved =
        std::chrono::system_clock::time_point(std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(s.st_mtim.tv_sec) + std::chrono::nanoseconds(s.st_mtim.tv_nsec)));
    return std::max(0.0, std::chrono::duration<double>(std::chrono::system_clock::now() - saved).count());
}

int verb_watch(App& app, const Args& args) {
    if (args.positional.size() > 1) throw UsageError("watch takes at most one exercise (N.M)");
    const Exercise* e = args.positional.empty() ? app.current() : &app.exercise_arg(args.positional[0]);
    RawInput input;
    app.watching = true;
    const bool clear = isatty(STDOUT_FILENO) != 0;
    const std::vector<const Exercise*> all = app.manifest.exercises();
    std::string line_buffer;
    const std::size_t width = app.width();

    const Chapter* shown_chapter = nullptr;  // the chapter of the exercise on screen
    std::string held_back;                   // the part of a long report below the first screen (m shows it)
    std::vector<Timing> waited;              // --timings: from the save to the check (noticing, settling)

    // The header stays at the top of every screen: the exercise, the progress (from the verdicts
    // cached for the files as they are now: no build needed) and the file and line to open.
    const auto banner = [&](const Exercise& ex) {
        const auto position = std::find(all.begin(), all.end(), &ex) - all.begin();
        const std::map<std::string, Verdict> known = app.checker.known_progress();
        std::size_t done = 0;
        for (const auto& [id, v] : known) done += v == Verdict::pass ? 1 : 0;
        return app.style.bold(wrap(fmt::format("Exercise {} - {}", ex.id, ex.title), width)) + "\n" +
               app.style.dim(fmt::format("  exercise {} of {}   {} {} done", position + 1, all.size(),
                                         progress_bar(done, all.size(), 20), done)) +
               "\n  " + app.file_link(ex) + "\n\n";
    };
    const auto footer_text = [&](const Exercise& ex) {
        const std::string what =
            ex.needs.empty()
                ? fmt::format("Watching {} - save it to re-check.", ex.file)
                : fmt::format("Watching {} and the files of {} - save one to re-check.", ex.file, join_ids(ex.needs));
        return "\n" + app.style.dim(wrap(what, width)) + "\n" +
               app.style.dim(held_back.empty() ? "h hint  n next  p previous  l list  r re-run  q quit"
                                               : "m more  h hint  n next  p previous  l list  r re-run  q quit") +
               "\n";
    };
    const auto footer = [&](const Exercise& ex) { std::cout << footer_text(ex) << std::flush; };
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
        CheckResult r = app.checker.check(ex);
        r.timings.insert(r.timings.begin(), waited.begin(), waited.end());
        waited.clear();
        if (clear) std::cout << "\x1b[2J\x1b[H";  // a clean screen for each verdict
        const std::string chapter = chapter_notes(ex);
        std::string top;
        if (!note.empty()) top += app.style.green(wrap(note, width)) + "\n";
        if (!chapter.empty()) top += app.style.cyan(wrap(chapter, width));
        if (!note.empty() || !chapter.empty()) top += "\n";
        top += banner(ex);
        const std::string result =
            app.result_text(ex, r) + (app.timings ? "\n" + app.style.dim(format_timings(r.timings, width)) : "");
        // The header and the verdict stay on the first screen: a report taller than what is left
        // of it is cut there, and the rest shown on request (m), below.
        held_back.clear();
        const std::size_t rows = terminal_rows();
        std::vector<std::string> lines = split_lines(top + result);
        const std::size_t footer_rows = split_lines(footer_text(ex)).size() + 1;
        if (rows > 0 && lines.size() + footer_rows > rows && rows > footer_rows + 8) {
            const std::size_t keep = rows - footer_rows - 1;
            for (std::size_t i = keep; i < lines.size(); ++i) held_back += lines[i] + "\n";
            lines.resize(keep);
            lines.push_back(app.style.dim(
                fmt::format("  ... {} more lines of the report: press m to see them.", split_lines(held_back).size())));
        }
        for (const std::string& line : lines) std::cout << line << "\n";
        std::cout << std::flush;
        return r.verdict;
    };
    // The first exercise after `from` (going round to the start) that does not pass: by the
    // verdicts cached for the files as they are, then, when all of those pass, by the tests
    // themselves, as `list` counts them. nullptr when every exercise passes.
    const auto next_open = [&](const Exercise* from) -> const Exercise* {
        const std::map<std::string, Verdict> known = app.checker.known_progress();
        const auto at = std::find(all.begin(), all.end(), from);
        const std::size_t position = at == all.end() ? 0 : static_cast<std::size_t>(at - all.begin());
        for (std::size_t k = 1; k <= all.size(); ++k) {
            const Exercise* candidate = all[(position + k) % all.size()];
            const auto it = known.find(candidate->id);
            if (it == known.end() || it->second != Verdict::pass) return candidate;
        }
        if (clear) std::cout << app.style.dim("checking every exercise...") << "\n" << std::flush;
        return app.checker.current(app.checker.progress());
    };
    // The note for moving on from `from` (which passes) to `to`.
    const auto move_note = [&](const Exercise* from, const Exercise* to) {
        const auto at = std::find(all.begin(), all.end(), from), there = std::find(all.begin(), all.end(), to);
        if (there < at)
            return fmt::format("{}: back to {}, the first one still open.",
                               at + 1 == all.end() ? "That was the last exercise" : "Every exercise after it passes",
                               to->id);
        if (there == at + 1) return fmt::format("On to {}.", to->id);
        return fmt::format("On to {}, the next one still open.", to->id);
    };
    std::string moved;  // set by the n and p keys: the note for the next screen

    while (e != nullptr) {
        // An exercise reached with n or p stays on screen even when it passes; one reached by
        // passing the one before moves on by itself.
        const bool by_key = !moved.empty();
        Verdict v = check_and_show(*e, moved);
        moved.clear();
        // A passing exercise: say so briefly and move on to the next one that does not pass,
        // going round to the first after the last. Each exercise checked here passes or stops the
        // loop, and a pass is cached, so this ends.
        bool all_pass = false;
        for (std::size_t moves = 0; v == Verdict::pass && !by_key && moves <= all.size(); ++moves) {
            const Exercise* next = next_open(e);
            if (next == nullptr) {
                all_pass = true;
                break;
            }
            const std::string note = fmt::format("Well done: {} passes. {}", e->id, move_note(e, next));
            e = next;
            v = check_and_show(*e, note);
        }
        if (all_pass) {
            std::cout << "\n"
                      << app.style.green(
                             fmt::format("Every exercise passes ({} of {}). Well done!", all.size(), all.size()))
                      << "\n";
            return exit_ok;
        }
        footer(*e);
        // The exercise's file and those of the exercises its tests also run: saving any re-checks.
        std::vector<std::string> watched = {app.ws.path(e->file)};
        for (const std::string& id : e->needs)
            if (const Exercise* other = app.manifest.exercise(id)) watched.push_back(app.ws.path(other->file));
        std::vector<std::string> seen, seen_content;
        for (const std::string& path : watched) {
            seen.push_back(file_state(path));
            seen_content.push_back(try_read(path).value_or(""));
        }
        bool recheck = false;
        while (!recheck) {
            pollfd p{STDIN_FILENO, POLLIN, 0};
            const int ready = ::poll(&p, 1, 50);  // a save is noticed within 50 ms
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
                        std::cout << wrap("Bye. Your progress is in your files: `./workbook` picks up where you left "
                                          "off.",
                                          width)
                                  << "\n";
                        return exit_ok;
                    }
                    if (key == 'h' || key == 'H') {
                        std::cout << "\n";
                        show_hint(app, *e, false);
                        footer(*e);
                    } else if ((key == 'm' || key == 'M') && !held_back.empty()) {
                        std::cout << held_back;
                        held_back.clear();
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
                        if (!forward && it == all.begin()) {
                            std::cout << "This is the first exercise.\n" << std::flush;
                            continue;
                        }
                        if (forward && it + 1 == all.end()) {
                            // Past the last: round to the first one still open, if any.
                            const Exercise* open = next_open(e);
                            if (open == nullptr || open == e) {
                                std::cout << (open == nullptr ? "This is the last exercise, and every exercise "
                                                                "passes.\n"
                                                              : "This is the last exercise, and the only one still "
                                                                "open.\n")
                                          << std::flush;
                                continue;
                            }
                            e = open;
                            moved = fmt::format("Moved to {}, the first exercise still open (n, past the last one).",
                                                e->id);
                        } else {
                            e = forward ? *(it + 1) : *(it - 1);
                            moved = fmt::format("Moved to {} ({}).", e->id, forward ? "n, next" : "p, previous");
                        }
                        recheck = true;
                        break;
                    }
                }
            } else if (ready < 0 && errno != EINTR) {
                return exit_fail;
            }
            for (std::size_t i = 0; i < watched.size() && !recheck; ++i) {
                std::string now = file_state(watched[i]);
                if (now == seen[i]) continue;
                // A save: wait until the file stops changing (an editor may write it in several
                // steps), looking every 20 ms, for at most 2 s.
                const double noticed = seconds_since_saved(watched[i]);
                const auto settling = std::chrono::steady_clock::now();
                for (int look = 0; look < 100; ++look) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(20));
                    const std::string again = file_state(watched[i]);
                    if (again == now) break;
                    now = again;
                }
                seen[i] = now;
                const std::string content = try_read(watched[i]).value_or("");
                if (content != seen_content[i]) {  // a save that changed nothing is not a change
                    recheck = true;
                    waited = {{"watch: the save noticed after", noticed},
                              {"watch: waiting for the file to settle",
                               std::chrono::duration<double>(std::chrono::steady_clock::now() - settling).count()}};
                }
                seen_content[i] = content;
            }
        }
    }
    std::cout << app.style.green(fmt::format("Every exercise passes ({} of {}). Well done!", all.size(), all.size()))
              << "\n";
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
    const std::map<std::string, std::vector<std::string>> allowed = {
        {"watch", {"--timings"}},
        {"list", {}},
        {"check", {"--timeout", "--sanitize", "--timings"}},
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
    app.timings = args.has("--timings");
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
