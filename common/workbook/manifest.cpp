// The manifest: reading exercises/manifest.toml, and checking it against the repository.
// Not: a schema language. Every rule is a few explicit lines with a message that names the fix.
#include <algorithm>
#include <dirent.h>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "workbook.hpp"

namespace wbk {
namespace {

std::string where(const std::string& path, const toml::node& node) {
    return fmt::format("{}:{}", path, node.source().begin.line);
}

std::string get_string(const std::string& path, const toml::table& table, const char* key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) throw ManifestError(fmt::format("{}: missing key '{}'", where(path, table), key));
    if (!node->is_string()) throw ManifestError(fmt::format("{}: '{}' must be a string", where(path, *node), key));
    return **node->as_string();
}

int get_int(const std::string& path, const toml::table& table, const char* key) {
    const toml::node* node = table.get(key);
    if (node == nullptr) throw ManifestError(fmt::format("{}: missing key '{}'", where(path, table), key));
    if (!node->is_integer()) throw ManifestError(fmt::format("{}: '{}' must be an integer", where(path, *node), key));
    return static_cast<int>(**node->as_integer());
}

std::vector<std::string> list_dir(const std::string& dir) {
    std::vector<std::string> names;
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* entry = readdir(d))
            if (entry->d_name[0] != '.') names.push_back(entry->d_name);
        closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The docs page's hint blocks for one exercise: the text inside each <details><summary>Hint k</summary>
// ... </details> of the section "### Exercise N.M ...", trimmed.
std::vector<std::string> docs_hints(const std::string& page, const std::string& id) {
    std::vector<std::string> hints;
    const std::string heading = "### Exercise " + id + " ";
    std::size_t at = page.find(heading);
    if (at == std::string::npos) return hints;
    std::size_t end = page.find("\n### ", at + heading.size());
    const std::size_t next_section = page.find("\n## ", at + heading.size());
    end = std::min(end, next_section);
    const std::string section = page.substr(at, end == std::string::npos ? std::string::npos : end - at);
    static const std::regex block(R"(<details><summary>Hint \d+</summary>\n([\s\S]*?)</details>)");
    for (std::sregex_iterator it(section.begin(), section.end(), block), stop; it != stop; ++it)
        hints.push_back(trim((*it)[1].str()));
    return hints;
}

}  // namespace

const Exercise* Manifest::exercise(const std::string& id) const {
    for (const Chapter& c : chapters)
        for (const Exercise& e : c.exercises)
            if (e.id == id) return &e;
    return nullptr;
}

const Chapter* Manifest::chapter(int number) const {
    for (const Chapter& c : chapters)
        if (c.number == number) return &c;
    return nullptr;
}

const Chapter& Manifest::chapter_of(const Exercise& e) const {
    return *chapter(e.chapter);
}

std::vector<const Exercise*> Manifest::exercises() const {
    std::vector<const Exercise*> all;
    for (const Chapter& c : chapters)
        for (const Exercise& e : c.exercises) all.push_back(&e);
    return all;
}

std::vector<std::string> Manifest::names() const {
    std::vector<std::string> all;
    for (const Chapter& c : chapters) {
        all.push_back(std::to_string(c.number));
        for (const Exercise& e : c.exercises) all.push_back(e.id);
    }
    return all;
}

Manifest load_manifest(const std::string& path) {
    toml::table doc;
    try {
        doc = toml::parse_file(path);
    } catch (const toml::parse_error& error) {
        throw ManifestError(fmt::format("{}:{}: {}", path, error.source().begin.line, error.description()));
    }
    Manifest m;
    const toml::array* chapters = doc["chapter"].as_array();
    if (chapters == nullptr) throw ManifestError(path + ": no [[chapter]] entries");
    for (const toml::node& cnode : *chapters) {
        const toml::table* ct = cnode.as_table();
        if (ct == nullptr) throw ManifestError(where(path, cnode) + ": [[chapter]] must be a table");
        Chapter c;
        c.id = get_string(path, *ct, "id");
        c.number = get_int(path, *ct, "number");
        c.title = get_string(path, *ct, "title");
        c.program = get_string(path, *ct, "program");
        c.docs = get_string(path, *ct, "docs");
        if (const toml::array* exercises = (*ct)["exercise"].as_array()) {
            for (const toml::node& enode : *exercises) {
                const toml::table* et = enode.as_table();
                if (et == nullptr) throw ManifestError(where(path, enode) + ": [[chapter.exercise]] must be a table");
                Exercise e;
                e.id = get_string(path, *et, "id");
                e.title = get_string(path, *et, "title");
                e.function = get_string(path, *et, "function");
                e.file = get_string(path, *et, "file");
                e.solution = get_string(path, *et, "solution");
                e.tag = get_string(path, *et, "tag");
                const toml::array* hints = (*et)["hints"].as_array();
                if (hints == nullptr)
                    throw ManifestError(where(path, *et) + ": exercise " + e.id + " has no hints list");
                for (const toml::node& h : *hints) {
                    if (!h.is_string()) throw ManifestError(where(path, h) + ": hints must be strings");
                    e.hints.push_back(trim(**h.as_string()));
                }
                if (const toml::node* needs = et->get("needs")) {
                    if (!needs->is_array())
                        throw ManifestError(where(path, *needs) + ": needs must be a list of exercise ids");
                    for (const toml::node& n : *needs->as_array()) {
                        if (!n.is_string()) throw ManifestError(where(path, n) + ": needs must be exercise ids");
                        e.needs.push_back(**n.as_string());
                    }
                }
                e.chapter = c.number;
                const std::size_t dot = e.id.find('.');
                try {
                    e.number = dot == std::string::npos ? 0 : std::stoi(e.id.substr(dot + 1));
                } catch (const std::exception&) {
                    e.number = 0;
                }
                c.exercises.push_back(std::move(e));
            }
        }
        m.chapters.push_back(std::move(c));
    }
    return m;
}

std::vector<std::string> consistency_problems(const Manifest& m, const std::string& root, const std::string& bin_dir) {
    std::vector<std::string> problems;
    const auto problem = [&](std::string text) { problems.push_back(std::move(text)); };
    std::set<std::string> listed_files;
    std::vector<const Exercise*> seen;  // the exercises before the current one
    int expected_chapter = 1;
    for (const Chapter& c : m.chapters) {
        const std::string cid = fmt::format("ch{:02d}", c.number);
        if (c.number != expected_chapter)
            problem(fmt::format("chapter {} ({}): chapters must be numbered 1, 2, ... in order; expected {}", c.number,
                                c.id, expected_chapter));
        expected_chapter = c.number + 1;
        if (c.id != cid) problem(fmt::format("chapter {}: id is '{}', expected '{}'", c.number, c.id, cid));
        if (c.exercises.empty()) problem(fmt::format("chapter {}: no exercises listed", c.number));
        const std::string page = try_read(root + "/" + c.docs).value_or("");

        // Which tags the chapter's test program has (Catch2 2 and 3 both print "  N  [tag]" lines).
        std::string tags;
        if (!bin_dir.empty()) {
            const std::string program = bin_dir + "/" + cid + "_tests_solutions";
            if (!exists(program)) {
                problem(fmt::format("chapter {}: test program {} is not built", c.number, program));
            } else {
                ProcessResult listed = run_process({program, "--list-tags"}, 60);
                tags = listed.output;
            }
        }
        int expected_number = 1;
        for (const Exercise& e : c.exercises) {
            const std::string want_id = fmt::format("{}.{}", c.number, expected_number);
            if (e.id != want_id)
                problem(fmt::format("exercise {}: ids must run {}.1, {}.2, ... in order; expected {}", e.id, c.number,
                                    c.number, want_id));
            expected_number = e.number + 1;
            listed_files.insert(e.file);
            const std::regex file_pattern(fmt::format(R"(exercises/{}/ex0*{}_[A-Za-z0-9_]+\.cpp)", cid, e.number));
            if (!std::regex_match(e.file, file_pattern))
                problem(fmt::format("exercise {}: file {} should be exercises/{}/ex{:02d}_<name>.cpp", e.id, e.file,
                                    cid, e.number));
            if (e.solution != "solutions/" + e.file.substr(std::string("exercises/").size()))
                problem(fmt::format("exercise {}: solution {} should be the same file name under solutions/", e.id,
                                    e.solution));
            if (e.tag != "[" + e.id + "]")
                problem(fmt::format("exercise {}: tag is {}, expected [{}]", e.id, e.tag, e.id));
            if (e.hints.empty()) problem(fmt::format("exercise {}: no hints", e.id));
            std::string all_hints;
            for (const std::string& h : e.hints) all_hints += h + "\n";
            for (const std::string& need : e.needs) {
                const Exercise* other = m.exercise(need);
                if (other == nullptr || other == &e || std::find(seen.begin(), seen.end(), other) == seen.end())
                    problem(fmt::format("exercise {}: needs {}, which is not an earlier exercise", e.id, need));
                // The hints say it too (and the docs' hints are the same text): "6.3" as a word.
                const std::regex named("(^|[^0-9.])" + std::regex_replace(need, std::regex("\\."), "\\.") +
                                       "($|[^0-9])");
                if (!std::regex_search(all_hints, named))
                    problem(fmt::format("exercise {}: needs {}, but no hint names it; say which exercises it "
                                        "depends on (in the manifest and in {})",
                                        e.id, need, c.docs));
            }
            seen.push_back(&e);
            const std::optional<std::string> text = try_read(root + "/" + e.file);
            if (!text) {
                problem(fmt::format("exercise {}: file {} does not exist", e.id, e.file));
            } else {
                // A stub (or a learner's file that still has the line) names this exercise and function.
                static const std::regex marker(R"re(WB_NOT_DONE_YET\(\s*"([^"]*)"\s*,\s*"([^"]*)"\s*\))re");
                for (std::sregex_iterator it(text->begin(), text->end(), marker), stop; it != stop; ++it)
                    if ((*it)[1] != e.id || (*it)[2] != e.function)
                        problem(fmt::format(
                            "{}:{}: WB_NOT_DONE_YET(\"{}\", \"{}\") should name exercise {} and function {}", e.file,
                            line_of(*text, (*it)[0].str()), (*it)[1].str(), (*it)[2].str(), e.id, e.function));
                if (!contains(*text, e.function))
                    problem(fmt::format("exercise {}: {} does not mention the function {}", e.id, e.file, e.function));
            }
            if (!exists(root + "/" + e.solution))
                problem(fmt::format("exercise {}: solution {} does not exist", e.id, e.solution));
            if (!bin_dir.empty() && !tags.empty() && !contains(tags, e.tag + "\n") && !contains(tags, e.tag + " "))
                problem(fmt::format("exercise {}: {}_tests_solutions has no test tagged {}", e.id, cid, e.tag));
            const std::vector<std::string> docs = docs_hints(page, e.id);
            if (!docs.empty() && docs != e.hints)
                problem(
                    fmt::format("exercise {}: the hints in {} (section \"Exercise {}\") differ from the manifest's; "
                                "keep them identical",
                                e.id, c.docs, e.id));
        }
    }
    // Nothing can fall out of the manifest: every chapter directory and every exercise file is listed.
    for (const std::string& dir : list_dir(root + "/exercises")) {
        if (!std::regex_match(dir, std::regex(R"(ch\d\d)"))) continue;
        const int number = std::stoi(dir.substr(2));
        if (m.chapter(number) == nullptr) {
            problem(fmt::format("exercises/{} exists but chapter {} is not in exercises/manifest.toml", dir, number));
            continue;
        }
        for (const std::string& name : list_dir(root + "/exercises/" + dir)) {
            const std::string file = "exercises/" + dir + "/" + name;
            if (std::regex_match(name, std::regex(R"(ex.*\.cpp)")) && listed_files.count(file) == 0)
                problem(fmt::format("{} is not listed in exercises/manifest.toml", file));
        }
    }
    return problems;
}

}  // namespace wbk
