// workbook - the learner's command: watch, list, check, hint, run, reset, solution (see verbs.cpp).
// Not: anything a chapter program needs; it links only fmt, toml++ and nlohmann-json.
#include <exception>
#include <iostream>

#include "workbook.hpp"

int main(int argc, char** argv) {
    try {
        return wbk::run_cli(argc, argv);
    } catch (const std::exception& error) {
        std::cerr << "error: " << error.what() << "\n";
        return wbk::exit_fail;
    }
}
