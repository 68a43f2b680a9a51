// Small helpers of the workbook command: files, hashing, strings, terminal style, child processes.
// Not: general-purpose utilities; each does exactly what a verb needs.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <poll.h>
#include <sstream>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#if __has_include(<pty.h>)
#include <pty.h>  // forkpty (glibc)
#define WB_HAVE_PTY 1
#elif __has_include(<util.h>)
#include <util.h>  // forkpty (macOS, BSD)
#define WB_HAVE_PTY 1
#else
#define WB_HAVE_PTY 0
#endif

#include <fmt/format.h>

#include "workbook.hpp"

namespace wbk {

// ---- files

std::optional<std::string> try_read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string read_file(const std::string& path) {
    std::optional<std::string> text = try_read(path);
    if (!text) throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
    return *text;
}

void make_dirs(const std::string& path) {
    for (std::size_t at = 1; at <= path.size(); ++at)
        if (at == path.size() || path[at] == '/') ::mkdir(path.substr(0, at).c_str(), 0755);
}

void write_file_atomic(const std::string& path, const std::string& content) {
    struct stat old {};
    const bool had = ::stat(path.c_str(), &old) == 0;
    const std::string temp = path + ".workbook-tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + temp + ": " + std::strerror(errno));
    }
    if (had) ::chmod(temp.c_str(), (old.st_mode & 07777) | S_IWUSR);
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        std::remove(temp.c_str());
        throw std::runtime_error("cannot replace " + path + ": " + std::strerror(errno));
    }
}

bool exists(const std::string& path) {
    struct stat s {};
    return ::stat(path.c_str(), &s) == 0;
}

// ---- strings

std::uint64_t fnv1a(const std::string& bytes, std::uint64_t h) {
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
    return h;
}

std::string hex(std::uint64_t v) {
    return fmt::format("{:016x}", v);
}

std::string trim(const std::string& s) {
    const std::size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    const std::size_t b = s.find_last_not_of(" \t\r\n");
    return s.substr(a, b - a + 1);
}

std::vector<std::string> split_lines(const std::string& s) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < s.size()) {
        const std::size_t nl = s.find('\n', at);
        if (nl == std::string::npos) {
            lines.push_back(s.substr(at));
            break;
        }
        lines.push_back(s.substr(at, nl - at));
        at = nl + 1;
    }
    return lines;
}

bool starts_with(const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = ~std::size_t{0};
    for (const std::string& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) best_distance = d, best = c;
    }
    return best;
}

std::string timestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &utc);
    return text;
}

int line_of(const std::string& text, const std::string& needle) {
    const std::size_t at = text.find(needle);
    if (at == std::string::npos) return 0;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

// ---- terminal

namespace {
std::string paint(bool on, const char* code, const std::string& s) {
    return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
}
}  // namespace

std::string Style::bold(const std::string& s) const {
    return paint(color, "1", s);
}
std::string Style::dim(const std::string& s) const {
    return paint(color, "2", s);
}
std::string Style::green(const std::string& s) const {
    return paint(color, "1;32", s);
}
std::string Style::red(const std::string& s) const {
    return paint(color, "1;31", s);
}
std::string Style::yellow(const std::string& s) const {
    return paint(color, "1;33", s);
}
std::string Style::cyan(const std::string& s) const {
    return paint(color, "36", s);
}

Style make_style(bool no_color_flag) {
    const char* env = std::getenv("NO_COLOR");
    const char* term = std::getenv("TERM");
    Style style;
    style.color = !no_color_flag && (env == nullptr || env[0] == '\0') && isatty(STDOUT_FILENO) != 0 &&
                  !(term != nullptr && std::string(term) == "dumb");
    return style;
}

std::size_t terminal_width() {
    if (const char* columns = std::getenv("COLUMNS")) {
        const int n = std::atoi(columns);
        if (n >= 40) return static_cast<std::size_t>(n);
    }
    winsize size{};
    if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 40)
        return size.ws_col;
    return 80;
}

std::size_t terminal_rows() {
    if (const char* lines = std::getenv("LINES")) {
        const int n = std::atoi(lines);
        if (n >= 10) return static_cast<std::size_t>(n);
    }
    winsize size{};
    if (isatty(STDOUT_FILENO) != 0 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row >= 10)
        return size.ws_row;
    return 0;
}

std::string wrap_code(const std::string& line, std::size_t width, std::size_t lead) {
    if (line.size() <= width || width < lead + 20) return line + "\n";
    const std::string marker = line.substr(0, lead);
    const std::size_t indent = std::min(line.find_first_not_of(' ', lead), line.size()) - lead;
    const std::string pad = marker + std::string(indent + 4, ' ');  // a continuation, indented further
    std::string out, rest = line;
    while (rest.size() > width) {
        std::size_t cut = rest.rfind(' ', width);
        if (cut == std::string::npos || cut <= pad.size() + 10) cut = width;  // no space: cut the word
        out += rest.substr(0, cut) + "\n";
        const std::size_t next = rest.find_first_not_of(' ', cut);
        rest = next == std::string::npos ? "" : pad + rest.substr(next);
    }
    if (!rest.empty()) out += rest + "\n";
    return out;
}

// ---- build progress

namespace {
double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

BuildProgress::BuildProgress(bool terminal, std::size_t width, double period)
    : terminal_(terminal), width_(width), period_(period), start_(now_seconds()), last_shown_(start_) {}

std::string BuildProgress::condense(const std::string& ninja_line) {
    if (!starts_with(ninja_line, "[")) return "";
    const std::size_t close = ninja_line.find("] ");
    const std::size_t slash = ninja_line.find('/');
    if (close == std::string::npos || slash == std::string::npos || slash > close) return "";
    const std::string counts = ninja_line.substr(0, close + 1);
    if (counts.find_first_not_of("[0123456789/]") != std::string::npos) return "";
    std::string what = ninja_line.substr(close + 2);
    for (const char* verb : {"Building CXX object ", "Building C object ", "Linking CXX executable ",
                             "Linking CXX static library ", "Linking CXX shared library "}) {
        if (!starts_with(what, verb)) continue;
        std::string target = what.substr(std::string(verb).size());
        // exercises/CMakeFiles/ch01_exercises.dir/ch01/ex04_softmax_stable.cpp.o ->
        // exercises/ch01/ex04_softmax_stable.cpp
        const std::size_t cmake_files = target.find("CMakeFiles/");
        const std::size_t dir = target.find(".dir/");
        if (cmake_files != std::string::npos && dir != std::string::npos && dir > cmake_files)
            target = target.substr(0, cmake_files) + target.substr(dir + 5);
        if (target.size() > 2 && target.compare(target.size() - 2, 2, ".o") == 0) target.resize(target.size() - 2);
        what = (starts_with(verb, "Linking") ? "linking " : "") + target;
        break;
    }
    return counts + " " + what;
}

void BuildProgress::feed(const std::string& chunk) {
    pending_ += chunk;
    for (std::size_t nl; (nl = pending_.find('\n')) != std::string::npos;) {
        const std::string line = pending_.substr(0, nl);
        pending_.erase(0, nl + 1);
        const std::string condensed = condense(line);
        if (condensed.empty()) continue;
        latest_ = "workbook: building " + condensed;
        if (terminal_) {
            std::string shown = latest_.size() + 1 > width_ ? latest_.substr(0, width_ - 2) + ">" : latest_;
            std::cerr << "\r\x1b[K" << shown << std::flush;
            shown_ = true;
        }
    }
    const double now = now_seconds();
    if (!terminal_ && !latest_.empty() && now - last_shown_ >= period_) {
        std::cerr << latest_ << fmt::format("   ({:.0f} s)", now - start_) << std::endl;
        last_shown_ = now;
    }
}

void BuildProgress::done() {
    if (terminal_ && shown_) std::cerr << "\r\x1b[K" << std::flush;
    shown_ = false;
}

// ---- child processes

namespace {
volatile sig_atomic_t running_child = 0;  // the process group of the child being waited for, or 0
}  // namespace

void kill_running_child() {
    if (running_child > 0) ::kill(-static_cast<pid_t>(running_child), SIGKILL);
}

ProcessResult run_process(const std::vector<std::string>& argv, double timeout_seconds, const std::string& cwd,
                          const std::function<void(const std::string&)>& on_output) {
    ProcessResult result;
    const auto start = std::chrono::steady_clock::now();
    int fds[2];
    if (::pipe(fds) != 0) {
        result.failed_to_start = true;
        result.output = std::string("cannot create a pipe: ") + std::strerror(errno);
        return result;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        result.failed_to_start = true;
        result.output = std::string("cannot start a process: ") + std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        return result;
    }
    if (pid == 0) {
        ::setpgid(0, 0);  // its own process group, so a timeout ends its children too
        ::dup2(fds[1], STDOUT_FILENO);
        ::dup2(fds[1], STDERR_FILENO);
        ::close(fds[0]);
        ::close(fds[1]);
        const int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) _exit(127);
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        const std::string message = "cannot run " + argv[0] + ": " + std::strerror(errno) + "\n";
        if (::write(STDOUT_FILENO, message.data(), message.size()) < 0) _exit(127);
        _exit(127);
    }
    ::setpgid(pid, pid);
    running_child = pid;
    ::close(fds[1]);
    char buffer[65536];
    bool open = true;
    while (open) {
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (elapsed > timeout_seconds) {
            result.timed_out = true;
            ::kill(-pid, SIGKILL);
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, 100);
        if (ready < 0 && errno != EINTR) break;
        if (ready > 0) {
            const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
            if (n > 0) {
                result.output.append(buffer, static_cast<std::size_t>(n));
                if (on_output) on_output(std::string(buffer, static_cast<std::size_t>(n)));
            } else if (n == 0 || errno != EINTR)
                open = false;
        }
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (result.timed_out) ::kill(-pid, SIGKILL);  // anything of its group still around
    running_child = 0;
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    if (result.exit_code == 127 && starts_with(result.output, "cannot run ")) result.failed_to_start = true;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

RelayResult relay_process(const std::vector<std::string>& argv, const std::string& marker) {
    RelayResult result;
    int master = -1;
    pid_t pid = -1;
#if WB_HAVE_PTY
    // On a terminal the program gets a terminal of its own (so it keeps its colours), which this
    // process reads and copies to the real one.
    if (isatty(STDOUT_FILENO) != 0) {
        winsize size{};
        const bool sized = ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0;
        pid = ::forkpty(&master, nullptr, nullptr, sized ? &size : nullptr);
        if (pid < 0) master = -1;
    }
#endif
    int fds[2] = {-1, -1};
    if (master < 0) {
        if (::pipe(fds) != 0) {
            result.failed_to_start = true;
            return result;
        }
        pid = ::fork();
        if (pid == 0) {
            ::setpgid(0, 0);
            ::dup2(fds[1], STDOUT_FILENO);
            ::dup2(fds[1], STDERR_FILENO);
            ::close(fds[0]);
            ::close(fds[1]);
        } else {
            ::close(fds[1]);
            master = fds[0];
        }
    }
    if (pid < 0) {
        result.failed_to_start = true;
        return result;
    }
    if (pid == 0) {
        std::vector<char*> args;
        for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        const std::string message = "cannot run " + argv[0] + ": " + std::strerror(errno) + "\n";
        if (::write(STDOUT_FILENO, message.data(), message.size()) < 0) _exit(127);
        _exit(127);
    }
    if (fds[0] >= 0) ::setpgid(pid, pid);
    running_child = pid;
    char buffer[65536];
    std::string tail;  // the end of what was read, so a marker split between two reads is found
    for (;;) {
        const ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // end of output (a pty's EIO once the program is gone)
        std::size_t written = 0;
        while (written < static_cast<std::size_t>(n)) {
            const ssize_t w = ::write(STDOUT_FILENO, buffer + written, static_cast<std::size_t>(n) - written);
            if (w <= 0 && errno != EINTR) break;
            if (w > 0) written += static_cast<std::size_t>(w);
        }
        tail.append(buffer, static_cast<std::size_t>(n));
        for (std::size_t at = tail.find(marker); at != std::string::npos; at = tail.find(marker, at + 1))
            ++result.markers;
        const std::size_t keep = marker.size() > 1 ? marker.size() - 1 : 0;
        tail = tail.size() > keep ? tail.substr(tail.size() - keep) : tail;
    }
    ::close(master);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    running_child = 0;
    if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
    return result;
}

}  // namespace wbk
