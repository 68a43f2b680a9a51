// common: printing tensors (wb/print.hpp).
#include "support/catch.hpp"

#include <limits>

#include "support/lines.hpp"
#include "wb/example.hpp"
#include "wb/print.hpp"
#include "wb/tensor.hpp"
#include "wb/text.hpp"

using wb::test::lines_of;

TEST_CASE("print.shape_string writes shapes like Python tuples", "[common][print]") {
    CHECK(wb::shape_string({6}) == "(6,)");
    CHECK(wb::shape_string({6, 3}) == "(6, 3)");
    CHECK(wb::shape_string({2, 2, 6, 3}) == "(2, 2, 6, 3)");
}

TEST_CASE("print.formatter shows the shape and 4 decimals by default, like PyTorch", "[common][print]") {
    const wb::Matrix m{{1.0, -0.5}, {0.123456, 2.0}};
    SECTION("plain matrix: PyTorch's bracket layout") {
        CHECK(fmt::format("{}", m) == "shape (2, 2)\n[[ 1.0000, -0.5000],\n [ 0.1235,  2.0000]]\n");
    }
    SECTION("a precision in the format spec") {
        CHECK(fmt::format("{:.2}", m) == "shape (2, 2)\n[[ 1.00, -0.50],\n [ 0.12,  2.00]]\n");
    }
    SECTION("a vector") {
        CHECK(fmt::format("{}", wb::Vector{0.5, 0.25}) == "shape (2,)\n[0.5000, 0.2500]\n");
    }
    SECTION("non-finite values") {
        const double inf = std::numeric_limits<double>::infinity();
        CHECK(fmt::format("{}", wb::Vector{inf, -inf, std::numeric_limits<double>::quiet_NaN()}) ==
              "shape (3,)\n[ inf, -inf,  nan]\n");
    }
}

TEST_CASE("print.show adds a title and token labels, aligned by display width", "[common][print]") {
    const wb::Matrix w{{0.2, 0.8}, {0.6, 0.4}};
    const std::string text = fmt::format("{}", wb::show(w, "weights").rows({"Je", "étudiant"}).cols({"I", "student"}));
    const auto lines = lines_of(text);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "weights (2, 2)");
    CHECK(lines[1] == "               I  student");
    CHECK(lines[2] == "Je        0.2000   0.8000");
    CHECK(lines[3] == "étudiant  0.6000   0.4000");
    CHECK(wb::display_width(lines[2]) == wb::display_width(lines[3]));
}

TEST_CASE("print.show of a 3-D tensor prints one labelled 2-D slice per leading index", "[common][print]") {
    xt::xtensor<double, 3> t = xt::zeros<double>({2, 2, 3});
    t(1, 0, 2) = 7.0;
    const std::string text = fmt::format("{:.1}", wb::show(t, "batch"));
    CHECK(text == "batch (2, 2, 3)\n[0, :, :]\n  [[0.0, 0.0, 0.0],\n   [0.0, 0.0, 0.0]]\n"
                  "[1, :, :]\n  [[0.0, 0.0, 7.0],\n   [0.0, 0.0, 0.0]]\n");
}

TEST_CASE("print.show of a 3-D tensor with a leading size of 1 still names its slice", "[common][print]") {
    xt::xtensor<double, 3> t = xt::zeros<double>({1, 2, 2});
    t(0, 1, 1) = 3.0;
    CHECK(fmt::format("{:.1}", wb::show(t, "batch")) == "batch (1, 2, 2)\n[0, :, :]\n  [[0.0, 0.0],\n   [0.0, 3.0]]\n");
    xt::xtensor<double, 4> one = xt::zeros<double>({1, 1, 1, 2});
    CHECK(fmt::format("{:.1}", wb::show(one, "heads")) == "heads (1, 1, 1, 2)\n[0, 0, :, :]\n  [0.0, 0.0]\n");
}

TEST_CASE("print.show of a 4-D tensor names every slice", "[common][print]") {
    xt::xtensor<double, 4> t = xt::zeros<double>({2, 2, 1, 1});
    const std::string text = fmt::format("{}", wb::show(t, "heads"));
    CHECK(text.find("[1, 1, :, :]") != std::string::npos);
    CHECK(text.find("[0, 1, :, :]") != std::string::npos);
}

TEST_CASE("print.show of an empty tensor says so", "[common][print]") {
    const wb::Matrix empty = xt::zeros<double>({0, 3});
    CHECK(fmt::format("{}", wb::show(empty, "nothing")) == "nothing (0, 3)\n(empty)\n");
}

TEST_CASE("print.format_number gives a value that rounds to zero no minus sign", "[common][print]") {
    CHECK(wb::format_number(-1e-17, 4) == "0.0000");
    CHECK(wb::format_number(-0.0, 2) == "0.00");
    CHECK(wb::format_number(-0.00004, 4) == "0.0000");
    CHECK(wb::format_number(-0.00005001, 4) == "-0.0001");  // not zero: the sign stays
    CHECK(wb::format_number(-2.0, 0) == "-2");
}

TEST_CASE("print.show of a table wider than 80 columns prints it in groups of columns", "[common][print]") {
    const wb::Matrix wide = xt::ones<double>({std::size_t{2}, std::size_t{20}}) * -0.5;  // (2, 20)
    for (const bool labelled : {false, true}) {
        wb::Shown shown = wb::show(wide, "wide");
        if (labelled) shown.rows({"first", "second"}).cols(wb::numbered_labels("c", 20));
        const std::string text = fmt::format("{}", shown);
        std::size_t widest = 0, groups = 0, values = 0;
        for (const std::string& line : lines_of(text)) {
            widest = std::max(widest, wb::display_width(line));
            if (line.rfind("columns ", 0) == 0) ++groups;
            for (std::size_t at = 0; (at = line.find("-0.5000", at)) != std::string::npos; ++at) ++values;
        }
        CHECK(widest <= 80);
        CHECK(groups >= 2);
        CHECK(values == 40);  // every value, once
        CHECK(text.find("columns 0 to ") != std::string::npos);
    }
}
