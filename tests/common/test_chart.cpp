// Tests of wb/chart.hpp: the training curves' SVG line chart.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "support/catch.hpp"

#include "wb/chart.hpp"

namespace {

std::size_t occurrences(const std::string& text, const std::string& piece) {
    std::size_t n = 0;
    for (std::size_t at = text.find(piece); at != std::string::npos; at = text.find(piece, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("line_chart_svg draws one polyline per curve, named and numbered from the first step", "[common][chart]") {
    const std::string svg =
        wb::line_chart_svg({{3.5, 2.0, 1.0}, {3.4, 3.3, 3.2}}, {"two layers", "one layer"}, "training loss", 1);
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("</svg>\n") == svg.size() - 7);
    CHECK(occurrences(svg, "<polyline") == 2);
    CHECK(occurrences(svg, "two layers") == 1);
    CHECK(occurrences(svg, "one layer") == 1);
    CHECK(occurrences(svg, ">training loss<") == 1);
    CHECK(occurrences(svg, "step (1 to 3)") == 1);
    CHECK(occurrences(svg, ">4.0<") == 1);  // the top grid line: 3.5 rounded up
    SECTION("from step 0") {
        CHECK(occurrences(wb::line_chart_svg({{1.0, 0.5}}, {"a"}, "t", 0), "step (0 to 1)") == 1);
    }
}

TEST_CASE("line_chart_svg escapes the title and names for XML", "[common][chart]") {
    const std::string svg = wb::line_chart_svg({{1.0, 2.0}}, {"a<b & \"c\""}, "x > y", 0);
    CHECK(occurrences(svg, "a&lt;b &amp; &quot;c&quot;") == 1);
    CHECK(occurrences(svg, "x &gt; y") == 1);
    CHECK(svg.find("a<b") == std::string::npos);
}

TEST_CASE("line_chart_svg edge cases: one point, all zero, no curves, a NaN", "[common][chart]") {
    SECTION("one point sits at the left edge, no division by zero") {
        const std::string svg = wb::line_chart_svg({{2.0}}, {"a"}, "t", 1);
        CHECK(occurrences(svg, "points=\"60.0,") == 1);
        CHECK(svg.find("nan") == std::string::npos);
        CHECK(svg.find("inf") == std::string::npos);
    }
    SECTION("all zero: the axis still has a height") {
        const std::string svg = wb::line_chart_svg({{0.0, 0.0}}, {"a"}, "t", 1);
        CHECK(svg.find("nan") == std::string::npos);
        CHECK(occurrences(svg, ">1.0<") == 1);
    }
    SECTION("no curves: axes only") {
        CHECK(occurrences(wb::line_chart_svg({}, {}, "t", 0), "<polyline") == 0);
    }
    SECTION("a NaN point is left out of its line") {
        const std::string svg =
            wb::line_chart_svg({{1.0, std::numeric_limits<double>::quiet_NaN(), 0.5}}, {"a"}, "t", 1);
        CHECK(svg.find("nan") == std::string::npos);
        CHECK(occurrences(svg, "<polyline") == 1);
    }
}
