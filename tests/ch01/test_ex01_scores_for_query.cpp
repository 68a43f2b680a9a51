#include "ch01/ch01.hpp"
#include "support/tensor_matcher.hpp"
TEST_CASE("placeholder", "[ch01][1.1]") {
    wb::Matrix x{{1, 2}, {3, 4}};
    REQUIRE_THAT(ch01::attention_scores_for_query(x, 0), wb::test::Equals(wb::Vector{5, 11}));
}
