// common: UTF-8 widths and padding (wb/text.hpp).
#include "support/catch.hpp"

#include "wb/text.hpp"

TEST_CASE("text.display_width counts terminal columns, not bytes", "[common][text]") {
    CHECK(wb::display_width("journey") == 7);
    CHECK(wb::display_width("étudiant") == 8);   // 9 bytes
    CHECK(wb::display_width("猫") == 2);         // a wide character
    CHECK(wb::display_width("e\xCC\x81") == 1);  // e + combining acute accent
    CHECK(wb::display_width("\xFF"
                            "a") == 2);  // a bad byte counts one column
    CHECK(wb::display_width("") == 0);
}

TEST_CASE("text.pad_left and pad_right pad to display width and never cut", "[common][text]") {
    CHECK(wb::pad_right("é", 3) == "é  ");
    CHECK(wb::pad_left("é", 3) == "  é");
    CHECK(wb::pad_right("journey", 3) == "journey");
}

TEST_CASE("text.truncate_to_width cuts at a character boundary and marks the cut", "[common][text]") {
    CHECK(wb::truncate_to_width("étudiant", 5) == "étud~");
    CHECK(wb::truncate_to_width("short", 5) == "short");
    CHECK(wb::truncate_to_width("猫猫猫", 4) == "猫~");
    CHECK(wb::is_valid_utf8(wb::truncate_to_width("étudiant", 2)));
}

TEST_CASE("text.split_words splits on any whitespace and drops empty pieces", "[common][text]") {
    CHECK(wb::split_words("  Your journey\tstarts \n ") == std::vector<std::string>{"Your", "journey", "starts"});
    CHECK(wb::split_words("   ").empty());
}

TEST_CASE("text.is_valid_utf8 rejects bad and overlong sequences", "[common][text]") {
    CHECK(wb::is_valid_utf8("मैं खाना खा रहा हूँ"));
    CHECK_FALSE(wb::is_valid_utf8("bad\xFF"));
    CHECK_FALSE(wb::is_valid_utf8("\xC0\xAF"));      // overlong '/'
    CHECK_FALSE(wb::is_valid_utf8("\xED\xA0\x80"));  // a UTF-16 surrogate
    CHECK_FALSE(wb::is_valid_utf8("\xE2\x82"));      // cut short
}

TEST_CASE("text.wrap keeps lines within the width", "[common][text]") {
    const std::string text = wb::wrap("one two three four five six seven eight nine ten", 12, "  ");
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        CHECK(wb::display_width(text.substr(start, end - start)) <= 12);
        CHECK(text.compare(start, 2, "  ") == 0);
    }
}
