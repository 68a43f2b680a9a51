// docs/capture_docs.cpp - puts each chapter program's real output into the docs.
//
// Contract: in a Markdown page, a block
//     <!-- capture: PROGRAM ARG... -->
//     ...anything...
//     <!-- end capture -->
// is replaced by PROGRAM's standard output (run from BIN_DIR with ARGs, as a ```text block), and
//     <!-- include: FILE -->
//     <!-- end include -->
// by FILE (relative to the page) as a fenced listing, so listings are real files that CI runs.
//   capture_docs update BIN_DIR PAGE...   rewrites the pages; programs run with docs/ as their
//                                         working directory, so files they write (--svg images)
//                                         land in docs/ too.
//   capture_docs check BIN_DIR PAGE...    changes nothing: runs the programs in a scratch
//                                         directory and exits 1 naming the first page or file
//                                         that differs from what is committed.
// A program that exits non-zero, a marker without its end, or an unreadable page exits 1 with a
// message. Arguments are split on spaces (no quoting): keep capture commands simple.
// Every captured run also keeps the promises of a chapter's good run (tests/chapters/check_cli.sh
// and check_width.sh): no line of its standard output or error wider than 80 display columns,
// and no "[FAILED]" check; otherwise both commands exit 1 naming the line. A chapter page captures
// its program's default run, so the check is also the test suite's one default run of each
// program (tests/CMakeLists.txt, wb_chapter_width_test).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <clocale>
#include <cstdlib>
#include <cwchar>

#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

struct Marker {
    std::string begin, end;
};
const Marker capture_marker{"<!-- capture:", "<!-- end capture -->"};
const Marker include_marker{"<!-- include:", "<!-- end include -->"};

std::string fence_language(const fs::path& file) {
    const std::string ext = file.extension().string();
    return ext == ".py" ? "python" : ext == ".cpp" || ext == ".hpp" ? "cpp" : ext == ".sh" ? "sh" : "text";
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::vector<std::string> split(const std::string& text) {
    std::vector<std::string> words;
    std::istringstream in(text);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

// Display columns of one line of UTF-8 text (a Devanagari vowel sign takes none, a CJK character
// two), as `wc -L` counts them; bytes if the line is not valid UTF-8.
std::size_t display_width(const std::string& line) {
    std::vector<wchar_t> wide(line.size() + 1);
    const std::size_t n = std::mbstowcs(wide.data(), line.c_str(), wide.size());
    if (n == static_cast<std::size_t>(-1)) return line.size();
    const int width = wcswidth(wide.data(), n);
    return width < 0 ? line.size() : static_cast<std::size_t>(width);
}

// Throws naming the first line of `text` wider than 80 columns or holding a failed check. A
// carriage return starts the line again on a terminal, so each part is measured alone.
void check_good_run(const std::string& command, const std::string& stream, const std::string& text) {
    std::istringstream lines(text);
    std::size_t number = 0;
    for (std::string line; std::getline(lines, line);) {
        ++number;
        const std::string where = command + ": " + stream + " line " + std::to_string(number);
        for (std::size_t begin = 0; begin <= line.size();) {
            const std::size_t end = std::min(line.find('\r', begin), line.size());
            const std::string part = line.substr(begin, end - begin);
            if (display_width(part) > 80)
                throw std::runtime_error(where + " is " + std::to_string(display_width(part)) + " columns: " + part);
            if (part.find("[FAILED]") != std::string::npos)
                throw std::runtime_error(where + " is a failed check: " + part);
            begin = end + 1;
        }
    }
}

// Runs bin_dir/words[0] with the other words as arguments, in `cwd`; returns its stdout, after
// check_good_run on its stdout and stderr (kept in a file beside the page while it runs).
std::string run(const fs::path& bin_dir, const std::vector<std::string>& words, const fs::path& cwd) {
    if (words.empty()) throw std::runtime_error("a capture marker names no program");
    if (words[0].find('/') != std::string::npos)
        throw std::runtime_error("capture programs are names in the bin directory: " + words[0]);
    const fs::path program = bin_dir / words[0];
    int out_pipe[2];
    if (pipe(out_pipe) != 0) throw std::runtime_error("pipe failed");
    const fs::path err_file = fs::temp_directory_path() / ("capture_docs.stderr." + std::to_string(getpid()));
    const pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        if (!std::freopen(err_file.c_str(), "w", stderr)) _exit(126);
        dup2(out_pipe[1], 1);
        close(out_pipe[0]);
        close(out_pipe[1]);
        if (chdir(cwd.c_str()) != 0) _exit(126);
        setenv("NO_COLOR", "1", 1);
        std::vector<char*> argv;
        for (const std::string& w : words) argv.push_back(const_cast<char*>(w.c_str()));
        argv[0] = const_cast<char*>(program.c_str());
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        _exit(127);
    }
    close(out_pipe[1]);
    std::string output;
    char buffer[4096];
    for (ssize_t n; (n = read(out_pipe[0], buffer, sizeof buffer)) > 0;)
        output.append(buffer, static_cast<std::size_t>(n));
    close(out_pipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    const std::string errors = fs::exists(err_file) ? read_file(err_file) : std::string();
    fs::remove(err_file);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(program.string() + " failed (exit status " +
                                 std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "): " + errors);
    std::string command = words[0];
    for (std::size_t i = 1; i < words.size(); ++i) command += " " + words[i];
    check_good_run(command, "stdout", output);
    check_good_run(command, "stderr", errors);
    return output;
}

// The page with every capture and include block refilled.
std::string refill(const std::string& page, const fs::path& page_path, const fs::path& bin_dir, const fs::path& cwd) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const std::size_t next_capture = page.find(capture_marker.begin, pos);
        const std::size_t next_include = page.find(include_marker.begin, pos);
        const std::size_t begin = std::min(next_capture, next_include);
        if (begin == std::string::npos) break;
        const Marker& marker = begin == next_capture ? capture_marker : include_marker;
        const std::size_t begin_end = page.find("-->", begin);
        const std::size_t end = page.find(marker.end, begin);
        if (begin_end == std::string::npos || end == std::string::npos)
            throw std::runtime_error(page_path.string() + ": a marker has no \"" + marker.end + "\"");
        const std::vector<std::string> words =
            split(page.substr(begin + marker.begin.size(), begin_end - begin - marker.begin.size()));
        out += page.substr(pos, begin_end + 3 - pos);
        if (&marker == &capture_marker) {
            out += "\n```text\n" + run(bin_dir, words, cwd) + "```\n";
        } else {
            if (words.size() != 1) throw std::runtime_error(page_path.string() + ": an include names one file");
            const fs::path file = page_path.parent_path() / words[0];
            std::string listing = read_file(file);
            if (!listing.empty() && listing.back() != '\n') listing += '\n';
            out += "\n```" + fence_language(file) + "\n" + listing + "```\n";
        }
        out += marker.end;
        pos = end + marker.end.size();
    }
    return out + page.substr(pos);
}

// Files under `scratch` that differ from (or are missing in) `docs`; empty if none.
std::string first_difference(const fs::path& scratch, const fs::path& docs) {
    for (const auto& entry : fs::recursive_directory_iterator(scratch)) {
        if (!entry.is_regular_file()) continue;
        const fs::path relative = fs::relative(entry.path(), scratch);
        const fs::path committed = docs / relative;
        if (!fs::exists(committed)) return committed.string() + " is missing";
        if (read_file(committed) != read_file(entry.path())) return committed.string() + " is out of date";
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4 || (std::string(argv[1]) != "update" && std::string(argv[1]) != "check")) {
        std::cerr << "usage: capture_docs update|check BIN_DIR PAGE.md...\n";
        return 2;
    }
    const bool check = std::string(argv[1]) == "check";
    if (!std::setlocale(LC_ALL, "C.UTF-8")) std::setlocale(LC_ALL, "");  // for display_width
    const fs::path bin_dir = fs::absolute(argv[2]);
    try {
        for (int i = 3; i < argc; ++i) {
            const fs::path page_path = fs::absolute(argv[i]);
            const fs::path docs = page_path.parent_path();
            const std::string page = read_file(page_path);
            if (!check) {
                const std::string filled = refill(page, page_path, bin_dir, docs);
                if (filled != page) {
                    std::ofstream(page_path, std::ios::binary) << filled;
                    std::cout << "updated " << page_path.string() << "\n";
                }
                continue;
            }
            const fs::path scratch = fs::temp_directory_path() / ("capture_docs." + std::to_string(getpid()));
            fs::remove_all(scratch);
            fs::create_directories(scratch);
            const std::string filled = refill(page, page_path, bin_dir, scratch);
            std::string problem =
                filled != page ? page_path.string() + " is out of date" : first_difference(scratch, docs);
            fs::remove_all(scratch);
            if (!problem.empty()) {
                std::cerr << problem << ": the program's output changed. Regenerate with\n"
                          << "    cmake --build build --target docs\nand commit the result.\n";
                return 1;
            }
            std::cout << "up to date: " << page_path.string() << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "capture_docs: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
