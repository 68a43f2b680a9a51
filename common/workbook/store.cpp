// The workbook's state on disk, all under .workbook/ (ignored by git through its own .gitignore):
//   stubs/<file>                  read-only copies of the original exercise stubs
//   backups/<file>.<time>-<n>.cpp the learner's files saved before any reset or undo; never overwritten
//   hints.json                    which hint `./workbook hint` shows next, per exercise
//   cache.json                    test verdicts keyed by file and test-program content (check.cpp)
//
// Where the original stub comes from, in this order:
//   1. .workbook/stubs/<file>. The tool records a stub there the first time it sees the file as
//      shipped: the file still carries its exact WB_NOT_DONE_YET("N.M", "function") line AND git
//      reports it unmodified (or there is no git at all, e.g. a tarball). Every run checks this
//      cheaply, so a stub updated upstream (git pull) replaces the recorded one.
//   2. git history: the newest committed version of the file that carries the marker line. This
//      only matters if the tool was never run before the learner edited the file.
// A learner's commits cannot turn their own code into "the stub": their code no longer carries
// the marker, and a half-edited file that does is not unmodified-and-first-seen.
#include <algorithm>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "workbook.hpp"

#ifndef WB_SOURCE_DIR
#define WB_SOURCE_DIR "."
#endif
#ifndef WB_BINARY_DIR
#define WB_BINARY_DIR "./build"
#endif

namespace wbk {
namespace {

std::string marker(const Exercise& e) {
    return fmt::format("WB_NOT_DONE_YET(\"{}\", \"{}\")", e.id, e.function);
}

void ensure_state_dir(const Workspace& ws) {
    make_dirs(ws.state);
    const std::string ignore = ws.state + "/.gitignore";
    if (!exists(ignore)) write_file_atomic(ignore, "# The workbook's own state: backups, stubs, hints, cache.\n*\n");
}

std::string dir_of(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

nlohmann::json load_json(const std::string& path) {
    const std::optional<std::string> text = try_read(path);
    if (!text) return nlohmann::json::object();
    nlohmann::json j = nlohmann::json::parse(*text, nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

}  // namespace

std::string Workspace::relative(const std::string& text) const {
    std::string out = text;
    const std::string prefix = root + "/";
    for (std::size_t at = out.find(prefix); at != std::string::npos; at = out.find(prefix, at))
        out.erase(at, prefix.size());
    return out;
}

Workspace find_workspace() {
    Workspace ws;
    const char* root = std::getenv("WORKBOOK_ROOT");
    const char* build = std::getenv("WORKBOOK_BUILD_DIR");
    ws.root = root != nullptr && root[0] != '\0' ? root : WB_SOURCE_DIR;
    ws.build = build != nullptr && build[0] != '\0' ? build : WB_BINARY_DIR;
    while (ws.root.size() > 1 && ws.root.back() == '/') ws.root.pop_back();
    ws.state = ws.root + "/.workbook";
    return ws;
}

void snapshot_stubs(const Workspace& ws, const Manifest& m) {
    std::vector<const Exercise*> candidates;
    for (const Exercise* e : m.exercises()) {
        const std::optional<std::string> text = try_read(ws.path(e->file));
        if (!text || !contains(*text, marker(*e))) continue;
        const std::optional<std::string> stored = try_read(ws.state + "/stubs/" + e->file);
        if (stored && *stored == *text) continue;
        candidates.push_back(e);
    }
    if (candidates.empty()) return;
    // One git call tells which of them are unmodified since checkout.
    std::string modified;
    bool have_git = false;
    if (exists(ws.root + "/.git")) {
        ProcessResult status = run_process(
            {"git", "-C", ws.root, "status", "--porcelain", "--untracked-files=all", "--", "exercises"}, 20);
        have_git = status.exit_code == 0;
        modified = status.output;
    }
    for (const Exercise* e : candidates) {
        const std::string stored_path = ws.state + "/stubs/" + e->file;
        if (have_git && contains(modified, " " + e->file + "\n")) continue;  // edited, or not committed yet
        if (!have_git && exists(stored_path)) continue;                      // no git: first sight only
        ensure_state_dir(ws);
        make_dirs(dir_of(stored_path));
        ::chmod(stored_path.c_str(), 0644);
        write_file_atomic(stored_path, read_file(ws.path(e->file)));
        ::chmod(stored_path.c_str(), 0444);
    }
}

std::optional<std::string> pristine_stub(const Workspace& ws, const Exercise& e, std::string* source) {
    const std::string stored_path = ws.state + "/stubs/" + e.file;
    if (std::optional<std::string> stored = try_read(stored_path)) {
        if (source) *source = ".workbook/stubs/" + e.file;
        return stored;
    }
    if (!exists(ws.root + "/.git")) return std::nullopt;
    ProcessResult log = run_process({"git", "-C", ws.root, "log", "--format=%H", "--", e.file}, 20);
    if (log.exit_code != 0) return std::nullopt;
    for (const std::string& commit : split_lines(log.output)) {
        if (trim(commit).empty()) continue;
        ProcessResult show = run_process({"git", "-C", ws.root, "show", trim(commit) + ":" + e.file}, 20);
        if (show.exit_code == 0 && contains(show.output, marker(e))) {
            if (source) *source = "git commit " + commit.substr(0, 10);
            return show.output;
        }
    }
    return std::nullopt;
}

std::string backup(const Workspace& ws, const std::string& relative_file) {
    ensure_state_dir(ws);
    const std::string content = read_file(ws.path(relative_file));
    std::string stem = relative_file, ext;
    const std::size_t dot = stem.rfind('.');
    if (dot != std::string::npos && stem.find('/', dot) == std::string::npos) ext = stem.substr(dot), stem.erase(dot);
    const std::string base = ws.state + "/backups/" + stem + "." + timestamp() + "-";
    make_dirs(dir_of(base));
    for (int n = 1; n < 1000; ++n) {
        const std::string path = fmt::format("{}{:03d}{}", base, n, ext);
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);  // never overwrites
        if (fd < 0) continue;
        std::size_t written = 0;
        while (written < content.size()) {
            const ssize_t n_written = ::write(fd, content.data() + written, content.size() - written);
            if (n_written <= 0) {
                ::close(fd);
                throw std::runtime_error("cannot write the backup " + path);
            }
            written += static_cast<std::size_t>(n_written);
        }
        if (::fsync(fd) != 0 || ::close(fd) != 0) throw std::runtime_error("cannot write the backup " + path);
        return path;
    }
    throw std::runtime_error("cannot find a free backup name for " + relative_file);
}

std::vector<std::string> backups_of(const Workspace& ws, const std::string& relative_file) {
    std::string stem = relative_file, ext;
    const std::size_t dot = stem.rfind('.');
    if (dot != std::string::npos && stem.find('/', dot) == std::string::npos) ext = stem.substr(dot), stem.erase(dot);
    const std::string dir = ws.state + "/backups/" + dir_of(stem);
    const std::string name = stem.substr(stem.rfind('/') + 1) + ".";
    std::vector<std::string> found;
    if (DIR* d = opendir(dir.c_str())) {
        while (dirent* entry = readdir(d)) {
            const std::string file = entry->d_name;
            // <name>.YYYYmmdd-HHMMSS-NNN<ext>: 8 + 1 + 6 + 1 + 3 characters between name and ext
            if (starts_with(file, name) && file.size() == name.size() + 19 + ext.size() &&
                file.compare(file.size() - ext.size(), ext.size(), ext) == 0)
                found.push_back(dir + "/" + file);
        }
        closedir(d);
    }
    std::sort(found.begin(), found.end());  // the timestamps sort in time order
    return found;
}

int next_hint(const Workspace& ws, const std::string& id) {
    const nlohmann::json j = load_json(ws.state + "/hints.json");
    return j.contains(id) && j[id].is_number_integer() ? j[id].get<int>() : 0;
}

void set_next_hint(const Workspace& ws, const std::string& id, int index) {
    ensure_state_dir(ws);
    nlohmann::json j = load_json(ws.state + "/hints.json");
    j[id] = index;
    write_file_atomic(ws.state + "/hints.json", j.dump(2) + "\n");
}

std::vector<std::string> editor_lock_files(const std::string& path) {
    const std::string dir = dir_of(path), name = path.substr(path.rfind('/') + 1);
    std::vector<std::string> found;
    for (const std::string& candidate :
         {dir + "/." + name + ".swp", dir + "/." + name + ".swo", dir + "/.#" + name, dir + "/#" + name + "#"}) {
        struct stat s {};
        if (::lstat(candidate.c_str(), &s) == 0) found.push_back(candidate);
    }
    return found;
}

}  // namespace wbk
