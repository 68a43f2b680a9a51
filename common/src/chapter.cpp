// Options, narration and exit statuses shared by every chapter program.
#include "wb/chapter.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <system_error>

#include <unistd.h>

#include "wb/text.hpp"

namespace wb {

bool want_color(bool no_color) {
    const char* env = std::getenv("NO_COLOR");
    return !no_color && (env == nullptr || env[0] == '\0') && isatty(fileno(stdout)) != 0;
}

ChapterCli::ChapterCli(std::string program, std::string description)
    : program_(std::move(program)), app_(std::move(description), program_) {
    app_.add_flag("--no-color", no_color_, "Plain output without colours (also when NO_COLOR is set)");
    app_.add_option("--svg", svg_dir_, "Also write each heatmap as an SVG file into DIR")->type_name("DIR");
    app_.get_formatter()->column_width(28);
}

std::optional<int> ChapterCli::parse(int argc, char** argv) {
    try {
        app_.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app_.help();
        return 0;
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }
    color_ = want_color(no_color_);
    if (!svg_dir_.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(svg_dir_, ec);
        if (ec || !std::filesystem::is_directory(svg_dir_))
            return usage_error(fmt::format("--svg {}: cannot create that directory ({})", svg_dir_,
                                           ec ? ec.message() : "a file with that name exists"));
    }
    return std::nullopt;
}

std::string text_problem(const std::string& text, std::size_t max_tokens) {
    if (!is_valid_utf8(text)) return "--text is not valid UTF-8";
    const std::size_t T = split_words(text).size();
    if (T == 0) return "--text has no tokens: give at least one word";
    if (T > max_tokens) return fmt::format("--text has {} tokens; at most {} fit the tables", T, max_tokens);
    return "";
}

int ChapterCli::usage_error(const std::string& message) const {
    std::cerr << "error: " << message << "\n"
              << "Run '" << program_ << " --help' for usage.\n";
    return exit_usage;
}

int run_chapter(const std::function<int()>& body) {
    try {
        return body();
    } catch (const NotDoneYet& e) {
        std::cerr << "\n"
                  << e.what() << "\n"
                  << "This program runs your exercise code; finish that exercise (or run the reference build).\n";
        return exit_not_done;
    } catch (const std::exception& e) {
        std::cerr << "error: " << e.what() << "\n";
        return 1;
    }
}

namespace {
std::string bold(const std::string& text, bool color) {
    return color ? "\033[1m" + text + "\033[0m" : text;
}
}  // namespace

void Narrator::end_checks_() const {
    if (after_check_) fmt::print("\n");
    after_check_ = false;
}

void Narrator::chapter(const std::string& title) const {
    const std::string rule(std::min<std::size_t>(78, display_width(title) + 4), '=');
    fmt::print("{}\n{}\n{}\n\n", rule, bold("  " + title, color_), rule);
}

void Narrator::step(const std::string& number, const std::string& title) const {
    end_checks_();
    const std::string heading = fmt::format("Step {}  {}", number, title);
    fmt::print("{}\n{}\n\n", bold(heading, color_), std::string(display_width(heading), '-'));
}

void Narrator::say(const std::string& paragraph) const {
    end_checks_();
    fmt::print("{}\n", wrap(paragraph, 78));
}

void Narrator::line(const std::string& text) const {
    end_checks_();
    fmt::print("{}\n", text);
}

void Narrator::show(const Shown& shown) const {
    end_checks_();
    fmt::print("{}\n", shown);
}

void Narrator::check(const std::string& claim, bool holds) const {
    const std::string mark =
        holds ? (color_ ? "\033[32m[ok]\033[0m" : "[ok]") : (color_ ? "\033[31m[FAILED]\033[0m" : "[FAILED]");
    fmt::print("  {} {}\n", mark, claim);
    after_check_ = true;
}

void Narrator::heatmap(const Matrix& weights, const HeatmapStyle& style) const {
    end_checks_();
    fmt::print("{}\n", heatmap_text(weights, style, color_));
}

}  // namespace wb
