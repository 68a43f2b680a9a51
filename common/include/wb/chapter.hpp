// wb/chapter.hpp - what every chapter program shares: options, narration, exit codes.
//
// Contract:
//   - Every chapter takes --help, --no-color and --svg DIR; ChapterCli adds the chapter's own.
//   - A bad option or value prints "error: <what>" and "Run '<program> --help' for usage." to
//     stderr and exits with status 2. --help prints usage and exits 0.
//   - run_chapter() runs the chapter's body and turns failures into messages: an exercise that is
//     not done yet exits 3 naming the file to open; any other error exits 1. Nothing crashes.
//   - An option the chapter does not have is "unknown option --name"; a value with no option
//     before it is an "unexpected argument"; --svg '' is an error (it names no directory).
//   - --help and the [ok]/[FAILED] lines of checks fit 80 columns (long lines are wrapped).
//   - Colour is on only when stdout is a terminal, NO_COLOR is unset and --no-color is absent.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "wb/heatmap.hpp"
#include "wb/print.hpp"

namespace wb {

inline constexpr int exit_usage = 2;
inline constexpr int exit_not_done = 3;

class ChapterCli {
  public:
    ChapterCli(std::string program, std::string description);
    CLI::App& app() { return app_; }

    // Parses the command line. Returns an exit status if the program should stop now (after
    // --help: 0; after a bad option or value: 2, with the message printed), or nothing to go on.
    // With --svg DIR it also creates DIR (a DIR that cannot be created is a usage error).
    std::optional<int> parse(int argc, char** argv);

    // For checks CLI11 cannot express (e.g. a value that depends on another): prints
    // "error: <message>" and the usage hint; returns exit_usage for the caller to return.
    int usage_error(const std::string& message) const;

    bool color() const { return color_; }
    const std::string& svg_dir() const { return svg_dir_; }
    const std::string& program() const { return program_; }

  private:
    std::string program_;
    CLI::App app_;
    bool no_color_ = false;
    bool color_ = false;
    std::string svg_dir_;
};

// A CLI11 transform for whole-number options, to go on each of them (before any range check):
// accepts decimal digits with an optional '-' ("007" is 7, never octal) and rejects the rest
// with a reason: "abc is not a number", "1.5 is not a whole number", "0x20 is not a decimal
// number". CLI11 would otherwise read 0x20 as hexadecimal and call "abc" out of range.
CLI::Validator decimal_integer();

// Why a chapter's --text cannot be used, as a message for usage_error, or "" if it can: not
// valid UTF-8, no tokens, or more than max_tokens whitespace-separated tokens.
std::string text_problem(const std::string& text, std::size_t max_tokens);

// Runs a chapter's body, mapping exceptions to messages and exit statuses (see above).
int run_chapter(const std::function<int()>& body);

// Narration: numbered steps and wrapped explanations, bold headings when colour is on.
class Narrator {
  public:
    explicit Narrator(bool color) : color_(color) {}
    void chapter(const std::string& title) const;                          // the banner at the top
    void step(const std::string& number, const std::string& title) const;  // "Step 1.2 ..."
    void say(const std::string& paragraph) const;                          // wrapped to 78 columns
    void line(const std::string& text) const;                              // verbatim, no blank line after
    // `head` then `text` wrapped to 80 columns, continuation lines indented under the text's start:
    // a worked formula ("    q . k = 0.1*0.2 + ...") that may not fit one line.
    void hang(const std::string& head, const std::string& text) const;
    void show(const Shown& shown) const;                     // a tensor, then a blank line
    void check(const std::string& claim, bool holds) const;  // "  [ok] claim" / "[FAILED]"
    void heatmap(const Matrix& weights, const HeatmapStyle& style) const;

  private:
    void end_checks_() const;  // a blank line between a run of checks and what follows
    bool color_;
    mutable bool after_check_ = false;
};

// Whether stdout should get colour: a terminal, NO_COLOR unset, and not refused by `no_color`.
bool want_color(bool no_color);

}  // namespace wb
