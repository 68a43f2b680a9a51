// common: the running example and the chapter programs' helpers (wb/example.hpp).
#include "support/catch.hpp"

#include <cmath>
#include <limits>

#include "support/tensor_matcher.hpp"
#include "wb/example.hpp"
#include "wb/expected.hpp"

using wb::test::Equals;

TEST_CASE("example.the_books_sentence is the sentence PyTorch's expected outputs use", "[common][example]") {
    const wb::Example ex = wb::the_books_sentence();
    const auto expected = wb::ExpectedOutputs::load("ch01");
    CHECK(ex.tokens == expected.strings("tokens"));
    CHECK_THAT(ex.inputs, Equals(expected.tensor<2>("inputs"), 0, 0));
}

TEST_CASE("example.random_embeddings draws torch.manual_seed(seed), torch.rand(T, dim)", "[common][example]") {
    const wb::Example ex = wb::random_embeddings({"a", "b", "c", "d"}, 7, 5);
    CHECK_THAT(ex.inputs, Equals(wb::ExpectedOutputs::load("ch01").tensor<2>("text_mode_inputs_seed7_4x5"), 0, 0));
    CHECK(ex.source == "torch.manual_seed(7); torch.rand(4, 5)");
}

TEST_CASE("example.max_abs_difference cannot pass by accident", "[common][example]") {
    const wb::Matrix a{{1.0, 2.0}, {3.0, 4.0}};
    CHECK(wb::max_abs_difference(a, wb::Matrix{{1.0, 2.5}, {3.0, 3.0}}) == 1.0);
    SECTION("different shapes") {
        CHECK(std::isinf(wb::max_abs_difference(a, wb::Matrix{{1.0, 2.0, 3.0, 4.0}})));
    }
    SECTION("a NaN anywhere") {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        CHECK(std::isinf(wb::max_abs_difference(a, wb::Matrix{{1.0, nan}, {3.0, 4.0}})));
    }
}

TEST_CASE("example.stack_batch is the inverse of batch_item", "[common][example]") {
    const wb::Matrix a{{1, 2, 3}, {4, 5, 6}}, b{{7, 8, 9}, {10, 11, 12}};
    const wb::Tensor3 batch = wb::stack_batch({a, b});  // (2, 2, 3)
    CHECK(batch.shape(0) == 2);
    CHECK_THAT(wb::batch_item(batch, 0), Equals(a, 0, 0));
    CHECK_THAT(wb::batch_item(batch, 1), Equals(b, 0, 0));
    CHECK_THROWS_AS(wb::stack_batch({}), std::invalid_argument);
    CHECK_THROWS_WITH(wb::stack_batch({a, wb::Matrix{{1, 2}}}),
                      "stack_batch: item 1 has shape (1, 2), item 0 has (2, 3)");
}

TEST_CASE("example.numbered_labels and batch_item", "[common][example]") {
    CHECK(wb::numbered_labels("dim ", 3) == std::vector<std::string>{"dim 0", "dim 1", "dim 2"});
    CHECK(wb::numbered_labels("h", 2, 1) == std::vector<std::string>{"h1", "h2"});
    wb::Tensor3 batch = xt::zeros<double>({2, 2, 3});
    batch(1, 0, 2) = 5.0;
    CHECK_THAT(wb::batch_item(batch, 1), Equals(wb::Matrix{{0, 0, 5}, {0, 0, 0}}));
}
