// wb/progress.hpp - a progress line while a chapter program trains.
//
// Contract: Progress("the sampled model", 300, 5) prints "  training the sampled model: step 6 of
// 300" on stderr when stderr is a terminal, rewritten in place (a carriage return, never a new
// line) at step 1, every `every` steps after it and at the last step, and erases it when the
// Progress is destroyed. In a pipe or a log it prints nothing, so captured output stays the same.
// at(n) takes the number of the step about to run, counted from 1.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string>
#include <utility>

#include <unistd.h>

#include <fmt/format.h>

namespace wb {

class Progress {
  public:
    Progress(std::string what, std::size_t steps, std::size_t every)
        : what_(std::move(what)), steps_(steps), every_(every == 0 ? 1 : every), shown_(isatty(fileno(stderr)) != 0) {}
    ~Progress() {
        if (shown_) fmt::print(stderr, "\r{:79}\r", "");
    }
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void at(std::size_t n) const {
        if (shown_ && n >= 1 && ((n - 1) % every_ == 0 || n == steps_))
            fmt::print(stderr, "\r  training {}: step {} of {} ", what_, n, steps_);
    }

  private:
    std::string what_;
    std::size_t steps_;
    std::size_t every_;
    bool shown_;
};

}  // namespace wb
