// Reading what the test programs and the compiler print, for the learner:
//   - Catch2's XML report (2.x's <Catch><Group> and 3.x's <Catch2TestRun> alike), read by pugixml,
//     whole or cut short by a timeout or a crash: which test cases ran, which one was running, and
//     the first failed check laid out for the terminal's width;
//   - a sanitizer report: its headline, the first stack frame in the learner's exercises/ and that
//     source line;
//   - a compiler error that is a known xtensor trap, named by its section in docs/xtensor-pitfalls.md.
// Not: a renderer of everything Catch2 can report (benchmarks, skips, warnings are ignored).
#include <regex>

#include <fmt/format.h>
#include <pugixml.hpp>

#include "workbook.hpp"

namespace wbk {
namespace {

std::string text_of(const pugi::xml_node& node) {
    return trim(node.child_value());
}

// The first failed check under `node` (a test case or a section), with the sections leading to it.
bool first_failure(const pugi::xml_node& node, std::vector<std::string>& sections, std::string& out,
                   std::string& message, std::size_t width) {
    std::vector<std::string> messages;  // INFO/CAPTURE messages written before the failed check
    for (const pugi::xml_node& child : node.children()) {
        const std::string kind = child.name();
        if (kind == "Info") {
            messages.push_back(text_of(child));
            continue;
        }
        if (kind == "Section") {
            sections.push_back(child.attribute("name").value());
            if (first_failure(child, sections, out, message, width)) return true;
            sections.pop_back();
            continue;
        }
        const bool failed_expression =
            kind == "Expression" && std::string(child.attribute("success").value()) == "false";
        if (!failed_expression && kind != "Exception" && kind != "FatalErrorCondition" && kind != "Failure") {
            if (kind == "Expression") messages.clear();
            continue;
        }
        out = wrap(fmt::format("{}:{}: FAILED:", child.attribute("filename").value(), child.attribute("line").value()),
                   width) +
              "\n";
        // An exception thrown inside a check (REQUIRE_THAT(f(x), ...)) is a child of its Expression.
        pugi::xml_node thrown = failed_expression ? child.child("Exception") : pugi::xml_node();
        if (!thrown && failed_expression) thrown = child.child("FatalErrorCondition");
        message = text_of(thrown ? thrown : failed_expression ? child.child("Expanded") : child);
        if (thrown) {
            out += wrap(fmt::format("  {}( {} )", child.attribute("type").value(), text_of(child.child("Original"))),
                        width) +
                   "\n";
            out += std::string(std::string(thrown.name()) == "Exception" ? "due to unexpected exception with message:"
                                                                         : "due to a fatal error condition:") +
                   "\n" + wrap("  " + message, width) + "\n";
        } else if (failed_expression) {
            const std::string original = text_of(child.child("Original"));
            const std::string expanded = text_of(child.child("Expanded"));
            out += wrap(fmt::format("  {}( {} )", child.attribute("type").value(), original), width) + "\n";
            // The matcher lays its own report out to WB_COLUMNS: it is shown as it is.
            if (!expanded.empty() && expanded != original) out += "with expansion:\n" + expanded + "\n";
        } else {
            const char* how = kind == "Exception"             ? "due to unexpected exception with message:"
                              : kind == "FatalErrorCondition" ? "due to a fatal error condition:"
                                                              : "explicitly with message:";
            out += std::string(how) + "\n" + wrap("  " + text_of(child), width) + "\n";
        }
        if (!messages.empty()) {
            out += "with message:\n";
            for (const std::string& m : messages) out += wrap("  " + m, width) + "\n";
        }
        return true;
    }
    return false;
}

// The sections a test case that never finished was inside: the last open one at every level.
std::vector<std::string> open_sections(const pugi::xml_node& test_case) {
    std::vector<std::string> names;
    pugi::xml_node at = test_case;
    for (;;) {
        pugi::xml_node last;
        for (const pugi::xml_node& child : at.children("Section")) last = child;
        if (!last || last.child("OverallResults")) break;  // the last section finished
        names.push_back(last.attribute("name").value());
        at = last;
    }
    return names;
}

}  // namespace

const TestCaseReport* TestRunReport::running() const {
    for (const TestCaseReport& c : cases)
        if (!c.finished) return &c;
    return nullptr;
}

const TestCaseReport* TestRunReport::first_failed() const {
    for (const TestCaseReport& c : cases)
        if (c.finished && !c.success) return &c;
    return nullptr;
}

TestRunReport read_test_xml(const std::string& output, std::size_t width) {
    TestRunReport report;
    const std::size_t start = output.find("<?xml");
    if (start == std::string::npos) return report;
    pugi::xml_document doc;
    // A report cut short (a timeout, a crash) or followed by a sanitizer's text does not parse to the
    // end; pugixml keeps everything it read before the error, which is what is needed here.
    doc.load_buffer(output.data() + start, output.size() - start, pugi::parse_default, pugi::encoding_utf8);
    pugi::xml_node root = doc.child("Catch2TestRun");  // Catch2 3
    if (!root) root = doc.child("Catch");              // Catch2 2
    if (!root) return report;
    report.found = true;
    report.complete = static_cast<bool>(root.child("OverallResults"));
    if (const pugi::xml_node totals = root.child("OverallResults"))
        report.assertions_passed = totals.attribute("successes").as_ullong();
    const pugi::xpath_node_set cases = root.select_nodes(".//TestCase");
    for (const pugi::xpath_node& found : cases) {
        const pugi::xml_node node = found.node();
        TestCaseReport c;
        c.name = node.attribute("name").value();
        c.tags = node.attribute("tags").value();
        const pugi::xml_node result = node.child("OverallResult");
        c.finished = static_cast<bool>(result);
        c.success = c.finished && std::string(result.attribute("success").value()) == "true";
        if (!c.finished) {
            c.sections = open_sections(node);
            // A case cut short may still show the check that failed before the end.
            std::vector<std::string> sections;
            if (first_failure(node, sections, c.failure, c.message, width) && c.sections.empty()) c.sections = sections;
        } else if (!c.success) {
            first_failure(node, c.sections, c.failure, c.message, width);
        }
        report.cases.push_back(std::move(c));
    }
    return report;
}

std::string describe_case(const TestCaseReport& c) {
    std::string text = fmt::format("\"{}\"", c.name);
    for (const std::string& s : c.sections) text += fmt::format(", section \"{}\"", s);
    return text;
}

// ---- sanitizers

std::optional<SanitizerSummary> read_sanitizer_report(const std::string& output) {
    const std::vector<std::string> lines = split_lines(output);
    static const std::regex location(R"((exercises/[^\s:]+):(\d+)(?::\d+)?)");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        const bool asan = contains(line, "ERROR: AddressSanitizer") || contains(line, "ERROR: LeakSanitizer");
        const bool ubsan = contains(line, "runtime error:");
        if (!asan && !ubsan) continue;
        SanitizerSummary s;
        if (asan) {
            // "==12==ERROR: AddressSanitizer: heap-buffer-overflow on address 0x... at pc ..." and,
            // on the next line, "READ of size 8 at 0x... thread T0".
            const std::size_t at = line.find("ERROR: ") + 7;
            std::string head = line.substr(at);
            if (const std::size_t on = head.find(" on address "); on != std::string::npos) head.erase(on);
            s.headline = head;
            if (i + 1 < lines.size()) {
                static const std::regex access(R"(^(READ|WRITE) of size (\d+))");
                std::smatch m;
                if (std::regex_search(lines[i + 1], m, access)) s.headline += ": " + m[0].str();
            }
            // "0x6030... is located 0 bytes to the right of 32-byte region [0x...,0x...)"
            static const std::regex located(R"(is located (.*) of (\d+)-byte region)");
            for (std::size_t k = i + 1; k < lines.size() && k < i + 200; ++k) {
                std::smatch m;
                if (!std::regex_search(lines[k], m, located)) continue;
                s.headline += fmt::format("\nthe address is {} of a {}-byte block", m[1].str(), m[2].str());
                break;
            }
        } else {
            s.headline = trim(line);
        }
        // The first frame "#N 0x... in function file:line" in the learner's code.
        static const std::regex frame(R"(^\s*#(\d+) 0x[0-9a-f]+ in (.*) (\S+)$)");
        for (std::size_t k = i; k < lines.size(); ++k) {
            std::smatch m;
            if (!std::regex_search(lines[k], m, frame)) continue;
            std::smatch where;
            const std::string file_part = m[3].str();
            if (!std::regex_search(file_part, where, location)) continue;
            std::string function = m[2].str();  // "ch01::softmax_rows(xt::xtensor_container<...> const&)"
            if (const std::size_t paren = function.find('('); paren != std::string::npos && paren > 0)
                function = function.substr(0, paren) + "(...)";
            s.frame = fmt::format("#{} in {}", m[1].str(), function);
            s.location = where[1].str() + ":" + where[2].str();
            break;
        }
        std::smatch where;
        if (s.location.empty() && ubsan && std::regex_search(line, where, location))
            s.location = where[1].str() + ":" + where[2].str();
        return s;
    }
    return std::nullopt;
}

std::string source_line(const std::string& root, const std::string& location) {
    const std::size_t colon = location.rfind(':');
    if (colon == std::string::npos) return "";
    const std::optional<std::string> text = try_read(root + "/" + location.substr(0, colon));
    if (!text) return "";
    const std::vector<std::string> lines = split_lines(*text);
    const long n = std::strtol(location.c_str() + colon + 1, nullptr, 10);
    if (n < 1 || static_cast<std::size_t>(n) > lines.size()) return "";
    return lines[static_cast<std::size_t>(n - 1)];
}

// ---- compiler errors that are known xtensor traps

namespace {

// "section 8, \"A full reduction is a 0-D expression, not a number\"": the heading of
// docs/xtensor-pitfalls.md that contains `phrase`, numbered as the page numbers it.
std::string pitfall_section(const std::string& root, const std::string& phrase, const std::string& fallback) {
    const std::optional<std::string> page = try_read(root + "/docs/xtensor-pitfalls.md");
    if (page) {
        static const std::regex heading(R"(^## (\d+)\. (.*)$)");
        for (const std::string& line : split_lines(*page)) {
            std::smatch m;
            if (std::regex_match(line, m, heading) && contains(m[2].str(), phrase))
                return fmt::format("section {}, \"{}\"", m[1].str(), m[2].str());
        }
    }
    return fallback;
}

}  // namespace

std::string diagnose_build_error(const std::string& log, const std::string& root) {
    // A name of xtensor's that the exercise file uses without its header (exercise files get only
    // xtensor's core headers precompiled). GCC: "'linalg' is not a member of 'xt'", "'linalg' has
    // not been declared"; clang: "no member named 'linalg' in namespace 'xt'".
    static const std::vector<std::pair<std::string, std::string>> headers = {
        {"linalg", "<xtensor-blas/xlinalg.hpp>"}, {"argmax", "<xtensor/xsort.hpp>"},
        {"argmin", "<xtensor/xsort.hpp>"},        {"argsort", "<xtensor/xsort.hpp>"},
        {"sort", "<xtensor/xsort.hpp>"},          {"xarray", "<xtensor/xarray.hpp>"}};
    for (std::string line : split_lines(log)) {
        if (!contains(line, "error:") && !contains(line, "error :")) continue;
        for (const char* quote : {"\xE2\x80\x98", "\xE2\x80\x99"})  // GCC's quotes in a UTF-8 locale
            for (std::size_t at = line.find(quote); at != std::string::npos; at = line.find(quote))
                line.replace(at, 3, "'");
        for (const auto& [name, header] : headers)
            if (contains(line, "'" + name + "' is not a member of 'xt'") ||
                contains(line, "no member named '" + name + "' in namespace 'xt'") ||
                contains(line, "'xt::" + name + "' has not been declared"))
                return fmt::format("xt::{} comes from the header {}: add `#include {}` at the top of your file.", name,
                                   header, header);
    }
    for (const std::string& line : split_lines(log)) {
        if (!contains(line, "error:") && !contains(line, "error :")) continue;
        // GCC: "cannot convert 'xt::xreducer<...>' to 'const double'", "could not convert
        // 'xt::operator<=(...) [with E1 = xreducer<...>...' to 'bool'", "no matching function for
        // call to 'max(xt::xreducer<...>&, double)'". clang: "no viable conversion from
        // 'xt::xreducer<...>' to 'double'", "invalid operands to binary expression ('xt::xreducer<...>'".
        const bool reducer = contains(line, "xreducer<");
        const bool lazy = contains(line, "xt::xfunction<") || contains(line, "xfunction_type_t<") ||
                          contains(line, "xt::xbroadcast<") || contains(line, "xt::xview<");
        const bool as_number = contains(line, "convert") || contains(line, "no matching function") ||
                               contains(line, "invalid operands") || contains(line, "no viable");
        if (reducer && as_number)
            return fmt::format(
                "This is a known xtensor trap: xt::sum(v), xt::amax(v) and friends give a lazy 0-D expression, "
                "not a double. Take the number with (), as in `const double total = xt::sum(v)();`. See "
                "docs/xtensor-pitfalls.md, {}.",
                pitfall_section(root, "0-D expression", "section 8"));
        if (lazy && (as_number || contains(line, "no member named")))
            return fmt::format(
                "This is a known xtensor trap: `auto` (or a function returning one) holds a lazy expression "
                "(an xt::xfunction), not a tensor. Name the result wb::Vector, wb::Matrix or xt::xtensor<double, "
                "N>. See docs/xtensor-pitfalls.md, {}.",
                pitfall_section(root, "`auto` holds a lazy expression", "section 2"));
    }
    return "";
}

// ---- text for the terminal

std::string wrap(const std::string& text, std::size_t width) {
    std::string out;
    for (const std::string& line : split_lines(text)) {
        const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
        const std::string pad(indent, ' ');
        std::string rest = line;
        while (rest.size() > width && width > indent + 10) {
            std::size_t cut = rest.rfind(' ', width);
            // A word longer than the line (a path): kept whole, so a terminal can still open it.
            if (cut == std::string::npos || cut <= indent) cut = rest.find(' ', width);
            if (cut == std::string::npos) break;
            out += rest.substr(0, cut) + "\n";
            const std::size_t next = rest.find_first_not_of(' ', cut);
            rest = pad + (next == std::string::npos ? "" : rest.substr(next));
            if (trim(rest).empty()) rest.clear();
        }
        out += rest + "\n";
    }
    if (!text.empty() && text.back() != '\n' && !out.empty()) out.pop_back();
    return out;
}

}  // namespace wbk
