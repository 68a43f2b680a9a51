// Hints for the terminal. The manifest's hints are Markdown with LaTeX (the same text as the
// chapter pages' hint blocks); a terminal shows neither, so:
//   - $X^\top$, $\sqrt{d_k}$, $d_{out}$, $\frac{a}{b}$, $a \cdot b$ become X^T, sqrt(d_k), d_out,
//     a/b, a · b (Greek letters as letters, no `$`, `\` or braces left);
//   - [text](xtensor-pitfalls.md) becomes the file's path from the repository's top,
//     docs/xtensor-pitfalls.md, so it can be opened from there;
//   - "section 4(c)" names its page: "section 4(c) of docs/01-simplified-self-attention.md";
//   - paragraphs are re-flowed to the terminal's width; code blocks are kept as they are.
// Not: a Markdown or LaTeX renderer; it covers what the hints use, and leaves nothing unreadable.
#include <cctype>
#include <map>
#include <regex>

#include <fmt/format.h>

#include "workbook.hpp"

namespace wbk {
namespace {

const std::map<std::string, std::string>& symbols() {
    static const std::map<std::string, std::string> table = {
        {"top", "T"},         {"intercal", "T"},   {"cdot", "·"},    {"times", "×"},   {"odot", "⊙"},
        {"otimes", "⊗"},      {"le", "<="},        {"leq", "<="},    {"ge", ">="},     {"geq", ">="},
        {"ne", "!="},         {"neq", "!="},       {"approx", "≈"},  {"infty", "inf"}, {"to", "->"},
        {"rightarrow", "->"}, {"leftarrow", "<-"}, {"mapsto", "->"}, {"in", "in"},     {"ldots", "..."},
        {"dots", "..."},      {"cdots", "..."},    {"sum", "sum"},   {"prod", "prod"}, {"exp", "exp"},
        {"log", "log"},       {"max", "max"},      {"min", "min"},   {"tanh", "tanh"}, {"alpha", "α"},
        {"beta", "β"},        {"gamma", "γ"},      {"delta", "δ"},   {"Delta", "Δ"},   {"epsilon", "ε"},
        {"varepsilon", "ε"},  {"eta", "η"},        {"theta", "θ"},   {"lambda", "λ"},  {"mu", "μ"},
        {"pi", "π"},          {"rho", "ρ"},        {"sigma", "σ"},   {"Sigma", "Σ"},   {"tau", "τ"},
        {"phi", "φ"},         {"psi", "ψ"},        {"omega", "ω"},   {"Omega", "Ω"},   {"nabla", "∇"},
        {"partial", "∂"},     {"mid", "|"},        {"lvert", "|"},   {"rvert", "|"},   {"Vert", "||"},
        {"lVert", "||"},      {"rVert", "||"},     {"langle", "<"},  {"rangle", ">"},  {"quad", " "},
        {"qquad", "  "},
    };
    return table;
}

// The group starting at text[at] ('{' ... '}' or one character), and where it ends.
std::string take_group(const std::string& text, std::size_t& at) {
    if (at >= text.size()) return "";
    if (text[at] == '\\') {  // a command: x^\top
        std::size_t end = at + 1;
        while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end])) != 0) ++end;
        if (end == at + 1 && end < text.size()) ++end;
        const std::string command = text.substr(at, end - at);
        at = end;
        return command;
    }
    if (text[at] != '{') return std::string(1, text[at++]);
    int depth = 0;
    const std::size_t start = at;
    for (; at < text.size(); ++at) {
        if (text[at] == '{') ++depth;
        if (text[at] == '}' && --depth == 0) break;
    }
    const std::string inside = text.substr(start + 1, at - start - 1);
    if (at < text.size()) ++at;  // past '}'
    return inside;
}

bool is_atom(const std::string& s) {
    return !s.empty() && s.find_first_of(" +-*/=,") == std::string::npos && !(s.front() == '(' && s.back() == ')');
}

std::string math(const std::string& tex);

// A sub- or superscript: d_{out} -> d_out, x^{(i+1)} -> x^(i+1), a^{i j} -> a^(i j).
std::string script(const std::string& group) {
    const std::string inner = math(group);
    if (is_atom(inner) || (inner.size() > 1 && inner.front() == '(' && inner.back() == ')')) return inner;
    return "(" + inner + ")";
}

std::string math(const std::string& tex) {
    std::string out;
    for (std::size_t at = 0; at < tex.size();) {
        const char c = tex[at];
        if (c == '\\') {
            std::size_t end = at + 1;
            while (end < tex.size() && std::isalpha(static_cast<unsigned char>(tex[end])) != 0) ++end;
            if (end == at + 1) {  // \, \; \! \{ \} \| \\ : spacing or an escaped character
                const char next = at + 1 < tex.size() ? tex[at + 1] : ' ';
                out += next == '{' || next == '}' || next == '|' ? std::string(1, next)
                       : next == '!'                             ? std::string()
                                                                 : std::string(" ");
                at += 2;
                continue;
            }
            const std::string name = tex.substr(at + 1, end - at - 1);
            at = end;
            while (at < tex.size() && tex[at] == ' ' && (name == "frac" || name == "sqrt" || name == "text")) ++at;
            if (name == "frac" || name == "dfrac" || name == "tfrac") {
                const std::string num = math(take_group(tex, at));
                const std::string den = math(take_group(tex, at));
                out += (is_atom(num) ? num : "(" + num + ")") + "/" + (is_atom(den) ? den : "(" + den + ")");
            } else if (name == "sqrt") {
                out += "sqrt(" + math(take_group(tex, at)) + ")";
            } else if (name == "text" || name == "mathrm" || name == "mathbf" || name == "mathit" ||
                       name == "operatorname" || name == "textrm" || name == "mathsf" || name == "boldsymbol" ||
                       name == "mathcal" || name == "bm") {
                out += math(take_group(tex, at));
            } else if (name == "left" || name == "right" || name == "big" || name == "Big" || name == "bigl" ||
                       name == "bigr" || name == "displaystyle") {
                // sizing only: the delimiter that follows is kept
            } else if (name == "hat" || name == "tilde" || name == "bar" || name == "vec" || name == "overline") {
                out += math(take_group(tex, at)) + (name == "hat" ? "^" : name == "tilde" ? "~" : "");
            } else {
                const auto it = symbols().find(name);
                std::string word = it != symbols().end() ? it->second : name;
                // "\cdot b": keep the space that separated the command from what follows.
                const bool spaced = word == "·" || word == "×" || word == "⊙" || word == "⊗" || word == "->" ||
                                    word == "<=" || word == ">=" || word == "!=" || word == "≈" || word == "in";
                if (spaced && !out.empty() && out.back() != ' ') out += ' ';
                out += word;
                if (spaced && at < tex.size() && tex[at] != ' ') out += ' ';
            }
        } else if (c == '_' || c == '^') {
            ++at;
            while (at < tex.size() && tex[at] == ' ') ++at;
            out += c;
            out += script(take_group(tex, at));
        } else if (c == '{' || c == '}') {
            ++at;
        } else {
            out += c;
            ++at;
        }
    }
    return out;
}

// "docs/../README.md" -> "README.md"
std::string normal_path(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t at = 0;
    while (at <= path.size()) {
        const std::size_t slash = std::min(path.find('/', at), path.size());
        const std::string part = path.substr(at, slash - at);
        if (part == ".." && !parts.empty() && parts.back() != "..")
            parts.pop_back();
        else if (part != "." && !part.empty())
            parts.push_back(part);
        at = slash + 1;
    }
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : "/") + part;
    return out;
}

// Inline Markdown and LaTeX of one line outside code blocks.
std::string render_line(const std::string& line, const std::string& docs_dir, const std::string& page) {
    std::string out;
    // $...$ and $$...$$ outside `code`.
    bool in_code = false;
    for (std::size_t at = 0; at < line.size();) {
        if (line[at] == '`') in_code = !in_code;
        if (!in_code && line[at] == '$') {
            const bool display = line.compare(at, 2, "$$") == 0;
            const std::size_t open = at + (display ? 2 : 1);
            const std::size_t close = line.find(display ? "$$" : "$", open);
            if (close != std::string::npos) {
                out += math(line.substr(open, close - open));
                at = close + (display ? 2 : 1);
                continue;
            }
        }
        out += line[at++];
    }
    // [text](target): the target's path from the repository's top (relative ones are relative to docs/).
    static const std::regex link(R"(\[([^\]]*)\]\(([^)\s]*)\))");
    std::string linked;
    std::size_t last = 0;
    for (std::sregex_iterator it(out.begin(), out.end(), link), stop; it != stop; ++it) {
        const std::smatch& m = *it;
        linked += out.substr(last, static_cast<std::size_t>(m.position(0)) - last);
        std::string target = m[2].str(), anchor;
        if (const std::size_t hash = target.find('#'); hash != std::string::npos)
            anchor = target.substr(hash + 1), target.erase(hash);
        if (target.empty())
            target = page;
        else if (!starts_with(target, "http") && !starts_with(target, "/"))
            target = docs_dir + "/" + target;
        target = normal_path(target);
        std::string text = m[1].str();
        const std::string plain_text =
            text.size() > 2 && text.front() == '`' && text.back() == '`' ? text.substr(1, text.size() - 2) : text;
        const std::string name = target.substr(target.rfind('/') + 1);
        if (plain_text == name || plain_text == target)
            linked += target;
        else
            linked += fmt::format("{} ({})", text, target);
        last = static_cast<std::size_t>(m.position(0) + m.length(0));
    }
    linked += out.substr(last);
    // **bold** and __bold__ markers: a terminal shows the words.
    for (const char* marker : {"**", "__"})
        for (std::size_t at = linked.find(marker); at != std::string::npos; at = linked.find(marker, at))
            linked.erase(at, 2);
    // "section 4(c)" without its page: name the chapter's page.
    static const std::regex section(
        R"(\b([Ss]ections? \d+(?:\([a-z]\))?(?:(?:, | and )\d+(?:\([a-z]\))?)*)(?![\d(]| of | in | \())");
    const std::string named = std::regex_replace(linked, section, "$1 of " + page);
    return named;
}

}  // namespace

std::string render_hint(const std::string& markdown, const std::string& page, std::size_t width) {
    const std::string docs_dir = page.find('/') != std::string::npos ? page.substr(0, page.rfind('/')) : "docs";
    std::vector<std::string> blocks;  // paragraphs (one line each, re-flowed) and code lines
    std::string paragraph;
    const auto flush = [&] {
        if (!paragraph.empty()) blocks.push_back(paragraph);
        paragraph.clear();
    };
    bool fence = false;
    for (const std::string& raw : split_lines(markdown)) {
        if (starts_with(trim(raw), "```")) {
            flush();
            fence = !fence;
            continue;  // the fence itself is Markdown, not code
        }
        if (fence) {
            blocks.push_back("\x01" + raw);  // code: kept as it is, indented
            continue;
        }
        const std::string line = render_line(raw, docs_dir, page);
        if (trim(line).empty()) {
            flush();
            blocks.push_back("");
            continue;
        }
        static const std::regex item(R"(^\s*([-*+]|\d+\.) )");
        if (std::regex_search(line, item)) flush();
        paragraph += paragraph.empty() ? line : " " + trim(line);
    }
    flush();
    std::string out;
    for (const std::string& b : blocks) {
        if (!b.empty() && b[0] == '\x01')
            out += "    " + b.substr(1) + "\n";
        else
            out += b.empty() ? "\n" : wrap(b, width) + "\n";
    }
    while (starts_with(out, "\n")) out.erase(0, 1);
    while (out.size() > 1 && out.compare(out.size() - 2, 2, "\n\n") == 0) out.pop_back();
    return out;
}

}  // namespace wbk
