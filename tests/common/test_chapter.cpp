// common: what chapter programs share for their command lines (wb/chapter.hpp).
#include "support/catch.hpp"

#include "wb/chapter.hpp"

TEST_CASE("chapter.text_problem names what is wrong with --text, or nothing", "[common][chapter]") {
    CHECK(wb::text_problem("Your journey starts", 32).empty());
    CHECK(wb::text_problem("मैं खाना खा रहा हूँ", 32).empty());
    CHECK(wb::text_problem("", 32) == "--text has no tokens: give at least one word");
    CHECK(wb::text_problem(" \t ", 32) == "--text has no tokens: give at least one word");
    CHECK(wb::text_problem("a b c", 2) == "--text has 3 tokens; at most 2 fit the tables");
    CHECK(wb::text_problem("bad\xff", 32) == "--text is not valid UTF-8");
}
