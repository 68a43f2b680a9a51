// Exercise 8.10: the parameter count of a GPT, against sum(p.numel() for p in model.parameters()).
#include "ch08/ch08_test.hpp"

using namespace ch08_test;

namespace {

ch08::GptConfig gpt2_small() {
    ch08::GptConfig c;
    c.vocab = 50257;
    c.context = 1024;
    c.d_model = 768;
    c.heads = 12;
    c.layers = 12;
    c.d_hidden = 3072;
    return c;
}

ch08::GptConfig tiny(ch08::Positions positions) {
    ch08::GptConfig c;
    c.vocab = 11;
    c.context = 8;
    c.d_model = 8;
    c.heads = 2;
    c.layers = 2;
    c.d_hidden = 32;
    c.positions = positions;
    return c;
}

std::size_t stored(const std::string& name) {
    return static_cast<std::size_t>(vec("count/" + name)(0));
}

}  // namespace

TEST_CASE("8.10 GPT-2 small: 163,009,536 parameters untied, 124,412,160 tied, as PyTorch counts", "[ch08][8.10]") {
    ch08::GptConfig c = gpt2_small();
    c.tied = false;
    REQUIRE(ch08::parameter_count(c) == stored("gpt2_small_untied"));
    REQUIRE(ch08::parameter_count(c) == 163009536);
    c.tied = true;
    REQUIRE(ch08::parameter_count(c) == stored("gpt2_small_tied"));
    REQUIRE(ch08::parameter_count(c) == 124412160);
}

TEST_CASE("8.10 the tiny model in each position scheme, and a model without blocks", "[ch08][8.10]") {
    REQUIRE(ch08::parameter_count(tiny(ch08::Positions::learned)) == stored("tiny_learned"));
    REQUIRE(ch08::parameter_count(tiny(ch08::Positions::sinusoidal)) == stored("tiny_sinusoidal"));
    REQUIRE(ch08::parameter_count(tiny(ch08::Positions::rope)) == stored("tiny_rope"));
    ch08::GptConfig none;
    none.vocab = 7;
    none.context = 5;
    none.d_model = 4;
    none.heads = 2;
    none.layers = 0;
    none.d_hidden = 9;
    none.tied = false;
    REQUIRE(ch08::parameter_count(none) == stored("no_blocks_untied"));
    SECTION("the count is the number of values gpt_init makes") {
        for (const ch08::Positions p : {ch08::Positions::learned, ch08::Positions::sinusoidal, ch08::Positions::rope}) {
            ch08::GptParams params = ch08::gpt_init(tiny(p), 1);
            std::size_t values = 0;
            for (const ch08::NamedTensor& t : ch08::named_parameters(params)) values += t.size;
            REQUIRE(ch08::parameter_count(tiny(p)) == values);
        }
    }
}

TEST_CASE("8.10 bad sizes throw std::invalid_argument, each on its own", "[ch08][8.10]") {
    ch08::GptConfig c = tiny(ch08::Positions::learned);
    REQUIRE_NOTHROW(ch08::parameter_count(c));
    SECTION("vocab = 0") {
        c.vocab = 0;
        REQUIRE_THROWS_MATCHES(ch08::parameter_count(c), std::invalid_argument, Says("parameter_count:"));
    }
    SECTION("d_model = 0") {
        c.d_model = 0;
        REQUIRE_THROWS_MATCHES(ch08::parameter_count(c), std::invalid_argument, Says("parameter_count:"));
    }
    SECTION("d_hidden = 0") {
        c.d_hidden = 0;
        REQUIRE_THROWS_MATCHES(ch08::parameter_count(c), std::invalid_argument, Says("parameter_count:"));
    }
    SECTION("no heads") {
        c.heads = 0;
        REQUIRE_THROWS_MATCHES(ch08::parameter_count(c), std::invalid_argument, Says("parameter_count:"));
    }
    SECTION("heads that do not divide d_model") {
        c.heads = 3;
        REQUIRE_THROWS_MATCHES(ch08::parameter_count(c), std::invalid_argument, Says("parameter_count:"));
    }
    SECTION("learned positions with context = 0; other positions need none") {
        c.context = 0;
        REQUIRE_THROWS_MATCHES(ch08::parameter_count(c), std::invalid_argument, Says("parameter_count:"));
        c.positions = ch08::Positions::rope;
        REQUIRE_NOTHROW(ch08::parameter_count(c));
    }
}
