// Options, narration and exit statuses shared by every chapter program.
#include "wb/chapter.hpp"

#include <algorithm>
#include <cctype>
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

namespace {

// Help text fitted to 80 columns: a line too long is wrapped at word boundaries, its
// continuation lines indented to where the option's description starts (or to its own indent).
std::string fit_help(const std::string& help) {
    std::string out;
    std::size_t start = 0;
    while (start < help.size()) {
        std::size_t end = help.find('\n', start);
        if (end == std::string::npos) end = help.size();
        const std::string line = help.substr(start, end - start);
        start = end + 1;
        if (display_width(line) <= 80) {
            out += line + "\n";
            continue;
        }
        const std::size_t indent = line.find_first_not_of(' ');
        // An option line: "  --steps N    description"; the description starts after 2+ spaces.
        std::size_t description = line.find("  ", indent);
        if (description != std::string::npos) description = line.find_first_not_of(' ', description);
        if (description == std::string::npos || description > 40) {
            out += wrap(line, 80, std::string(indent, ' '));
            continue;
        }
        const std::string head = line.substr(0, description);
        const std::string body = wrap(line.substr(description), 80, std::string(description, ' '));
        out += head + body.substr(description);
    }
    return out;
}

// argv[k] for k >= 1, "" past the end.
std::string arg_at(int argc, char** argv, int k) {
    return k < argc ? std::string(argv[k]) : std::string();
}

}  // namespace

CLI::Validator decimal_integer() {
    return CLI::Validator(
        [](std::string& value) -> std::string {
            const bool negative = !value.empty() && value[0] == '-';
            const std::string digits = value.substr(negative ? 1 : 0);
            const bool decimal = !digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos;
            if (decimal) {  // "007" is 7, never octal
                const std::size_t first = std::min(digits.find_first_not_of('0'), digits.size() - 1);
                value = (negative ? "-" : "") + digits.substr(first);
                return "";
            }
            if (digits.size() > 1 && digits[0] == '0' && std::isalpha(static_cast<unsigned char>(digits[1])))
                return value + " is not a decimal number: write it with the digits 0-9";
            char* end = nullptr;
            (void)std::strtod(value.c_str(), &end);
            if (!value.empty() && end == value.c_str() + value.size()) return value + " is not a whole number";
            return value + " is not a number";
        },
        "", "decimal");
}

std::optional<int> ChapterCli::parse(int argc, char** argv) {
    // Before CLI11 (whose message would be "The following arguments were not expected: 5 --steps"):
    // an option this chapter does not have, or a value with no option before it.
    for (int k = 1; k < argc; ++k) {
        const std::string arg = arg_at(argc, argv, k);
        if (arg == "--") break;
        const bool option = arg.size() > 1 && arg[0] == '-' && !std::isdigit(static_cast<unsigned char>(arg[1]));
        if (!option)
            return usage_error(fmt::format("unexpected argument '{}': every value follows its option, as in "
                                           "--seed 7",
                                           arg));
        const std::string name = arg.substr(0, arg.find('='));
        const CLI::Option* known = app_.get_option_no_throw(name);
        if (known == nullptr && name != "-h" && name != "--help")
            return usage_error(fmt::format("unknown option {}: this chapter has no such option", name));
        if (known != nullptr && known->get_items_expected_min() > 0 && name == arg) ++k;  // skip its value
    }
    try {
        app_.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << fit_help(app_.help());
        return 0;
    } catch (const CLI::ParseError& e) {
        return usage_error(e.what());
    }
    color_ = want_color(no_color_);
    if (app_.get_option("--svg")->count() > 0 && svg_dir_.empty())
        return usage_error("--svg needs a directory name; '' names none");
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
    // Wrapped to 80 columns, continuation lines under the message's first word.
    const std::string body = wrap(message, 80, std::string(7, ' '));
    std::cerr << "error: " << (body.size() > 7 ? body.substr(7) : "\n") << "Run '" << program_
              << " --help' for usage.\n";
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

void Narrator::hang(const std::string& head, const std::string& text) const {
    end_checks_();
    const std::size_t indent = std::min<std::size_t>(display_width(head), 40);
    const std::string body = wrap(text, 80, std::string(indent, ' '));
    fmt::print("{}{}", head, body.empty() ? std::string("\n") : body.substr(indent));
}

void Narrator::show(const Shown& shown) const {
    end_checks_();
    fmt::print("{}\n", shown);
}

void Narrator::check(const std::string& claim, bool holds) const {
    const std::string mark =
        holds ? (color_ ? "\033[32m[ok]\033[0m" : "[ok]") : (color_ ? "\033[31m[FAILED]\033[0m" : "[FAILED]");
    // The claim wraps at 80 columns, continuation lines under its first word.
    const std::string indent(holds ? 7 : 11, ' ');
    const std::string body = wrap(claim, 80, indent);
    fmt::print("  {} {}", mark, body.substr(indent.size()));
    after_check_ = true;
}

void Narrator::heatmap(const Matrix& weights, const HeatmapStyle& style) const {
    end_checks_();
    fmt::print("{}\n", heatmap_text(weights, style, color_));
}

}  // namespace wb
