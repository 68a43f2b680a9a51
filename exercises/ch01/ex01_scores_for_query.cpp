// Exercise 1.1 - the attention scores of one query, by a loop of dot products
//
// Contract (the declaration is in exercises/ch01/ch01.hpp):
//   inputs (T, d_in), query_index in [0, T)  ->  scores (T): scores(j) is the dot product of row
//   query_index (the query's embedding) with row j (token j's embedding) of inputs.
//   A query_index outside [0, T) throws std::out_of_range.
//   Write the loops yourself: inputs(i, k) is element k of token i's embedding.
//
// Check it:  ./workbook check 1.1   (or: cmake --build build -t check-1.1)
// Stuck?     docs/01-simplified-self-attention.md, section "Exercise 1.1", has hints.
#include "ch01/ch01.hpp"

#include <stdexcept>  // std::out_of_range

namespace ch01 {

Vector attention_scores_for_query(const Matrix& inputs, std::size_t query_index) {
    // Delete the next line, then write your code here.
    WB_NOT_DONE_YET("1.1", "attention_scores_for_query");
}

}  // namespace ch01
