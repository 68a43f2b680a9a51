// Exercise 7.7 - one KV-cache decoding step
//
// Contract (the declaration is in exercises/ch07/ch07.hpp):
//   token x (d_in) at position t = cache.length: project q, k, v; write k and v into row t of
//   every key/value head; length = t + 1; each query head h attends (scale 1/sqrt(hd)) over rows
//   0..t of key/value head h / (H / H_kv); merge; out_proj -> (d_out). A full cache throws
//   std::length_error; a wrong width or a cache that does not fit the weights std::invalid_argument.
//
// Check it:  ./workbook check 7.7   (or: cmake --build build -t check-7.7)
// Stuck?     docs/07-attention-at-scale.md, section "Exercise 7.7", has hints.
#include "ch07/ch07.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <xtensor/xview.hpp>

namespace ch07 {

Vector kv_cache_step(KVCache& cache, const Vector& x, const MultiHeadWeights& weights) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("7.7", "kv_cache_step");
}

}  // namespace ch07
