// Exercise 8.10 - The parameter count of a GPT
//
// Contract (the declaration is in exercises/ch08/ch08.hpp):
//   config  ->  the number of trainable parameters, a tied head counted once (GPT-2 small:
//   163,009,536 untied, 124,412,160 tied). Bad sizes throw std::invalid_argument.
//
// Check it:  ./workbook check 8.10   (or: cmake --build build -t check-8.10)
// Stuck?     docs/08-transformer-block.md, section "Exercise 8.10", has hints.
#include "ch08/ch08.hpp"

#include <stdexcept>  // std::invalid_argument

namespace ch08 {

std::size_t parameter_count(const GptConfig& config) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("8.10", "parameter_count");
}

}  // namespace ch08
