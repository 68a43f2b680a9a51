// Exercise 9.3: gradient clipping by global norm, against torch.nn.utils.clip_grad_norm_.
#include "ch09/ch09_test.hpp"

using namespace ch09_test;

namespace {

const std::vector<std::string>& clip_names() {
    static const std::vector<std::string> names = {"a.weight", "a.bias", "b.weight"};
    return names;
}

OwnedTensors stored_grads(const std::string& c, const std::string& when) {
    OwnedTensors grads;
    for (const std::string& n : clip_names()) grads.add(n, expected().array("clip/" + c + "/" + when + "/" + n));
    return grads;
}

double norm_of(OwnedTensors& tensors) {
    double squares = 0.0;
    for (const xt::xarray<double>& v : tensors.values)
        for (double x : v) squares += x * x;
    return std::sqrt(squares);
}

// Three random gradients of the stored shapes, scaled by `scale`.
OwnedTensors random_grads(std::uint64_t seed, double scale) {
    OwnedTensors grads;
    grads.add("a.weight", scale * wb::ref::random_matrix(seed, 3, 4));
    grads.add("a.bias", scale * wb::ref::random_vector(seed + 1, 4));
    grads.add("b.weight", scale * wb::ref::random_matrix(seed + 2, 2, 3));
    return grads;
}

}  // namespace

TEST_CASE("9.3 the total norm and the clipped gradients equal clip_grad_norm_'s", "[ch09][9.3]") {
    const std::string c = GENERATE(as<std::string>{}, "clipped", "unclipped", "zero_max", "one_large");
    CAPTURE(c);
    OwnedTensors grads = stored_grads(c, "before");
    const double total = ch09::clip_grad_norm(grads.list(), scalar("clip/" + c + "/max_norm"));
    CHECK_THAT(wb::Vector({total}), Torch(vec("clip/" + c + "/total")));
    const OwnedTensors after = stored_grads(c, "after");
    for (std::size_t i = 0; i < clip_names().size(); ++i) {
        CAPTURE(clip_names()[i]);
        CHECK_THAT(grads.values[i], Torch(after.values[i]));
    }
}

TEST_CASE("9.3 clipping keeps the direction and brings the norm to max_norm", "[ch09][9.3]") {
    const std::uint64_t seed = GENERATE(1, 2, 3);
    const double max_norm = GENERATE(0.1, 1.0, 2.5);
    CAPTURE(seed, max_norm);
    OwnedTensors grads = random_grads(seed, 5.0);
    const OwnedTensors before = grads;
    const double norm_before = norm_of(grads);
    REQUIRE(norm_before > max_norm);
    const double total = ch09::clip_grad_norm(grads.list(), max_norm);
    REQUIRE_THAT(total, Catch::Matchers::WithinRel(norm_before, 1e-12));
    const double coef = max_norm / (norm_before + 1e-6);
    REQUIRE_THAT(norm_of(grads), Catch::Matchers::WithinRel(max_norm * norm_before / (norm_before + 1e-6), 1e-12));
    // one factor for every value of every tensor: the direction of the whole gradient is kept
    for (std::size_t i = 0; i < grads.values.size(); ++i) {
        CAPTURE(grads.names[i]);
        REQUIRE_THAT(grads.values[i], Equals(before.values[i] * coef, 1e-15, 1e-12));
    }
}

TEST_CASE("9.3 a norm below max_norm changes nothing, and returns the norm", "[ch09][9.3]") {
    OwnedTensors grads = random_grads(7, 0.1);
    const OwnedTensors before = grads;
    const double norm = norm_of(grads);
    REQUIRE_THAT(ch09::clip_grad_norm(grads.list(), 10.0), Catch::Matchers::WithinRel(norm, 1e-12));
    for (std::size_t i = 0; i < grads.values.size(); ++i) REQUIRE_THAT(grads.values[i], Equals(before.values[i], 0, 0));
}

TEST_CASE("9.3 a norm of exactly max_norm is still scaled, by max_norm / (max_norm + 1e-6)", "[ch09][9.3]") {
    OwnedTensors grads;
    grads.add("w", wb::Vector({3.0, 0.0}));
    grads.add("b", wb::Vector({4.0}));  // the total norm is 5, exactly
    REQUIRE(ch09::clip_grad_norm(grads.list(), 5.0) == 5.0);
    const double coef = 5.0 / (5.0 + 1e-6);
    REQUIRE_THAT(grads.values[0], Equals(wb::Vector({3.0 * coef, 0.0}), 0, 1e-15));
    REQUIRE_THAT(grads.values[1], Equals(wb::Vector({4.0 * coef}), 0, 1e-15));
}

TEST_CASE("9.3 zero gradients, an empty list, max_norm 0", "[ch09][9.3]") {
    OwnedTensors zeros;
    zeros.add("w", xt::zeros<double>({2, 3}));
    REQUIRE(ch09::clip_grad_norm(zeros.list(), 1.0) == 0.0);
    REQUIRE_THAT(zeros.values[0], Equals(xt::zeros<double>({2, 3}), 0, 0));
    REQUIRE(ch09::clip_grad_norm({}, 1.0) == 0.0);
    OwnedTensors grads = random_grads(9, 1.0);
    const double norm = norm_of(grads);
    REQUIRE_THAT(ch09::clip_grad_norm(grads.list(), 0.0), Catch::Matchers::WithinRel(norm, 1e-12));
    for (const xt::xarray<double>& v : grads.values) REQUIRE_THAT(v, Equals(xt::zeros<double>(v.shape()), 0, 0));
}

TEST_CASE("9.3 bad max_norm or gradients throw std::invalid_argument and change nothing", "[ch09][9.3]") {
    OwnedTensors grads = random_grads(11, 3.0);
    const OwnedTensors before = grads;
    REQUIRE_NOTHROW(ch09::clip_grad_norm(OwnedTensors(before).list(), 1.0));
    SECTION("a negative max_norm") {
        REQUIRE_THROWS_MATCHES(ch09::clip_grad_norm(grads.list(), -1.0), std::invalid_argument,
                               Says("clip_grad_norm:"));
    }
    SECTION("a max_norm that is not finite") {
        REQUIRE_THROWS_MATCHES(ch09::clip_grad_norm(grads.list(), std::nan("")), std::invalid_argument,
                               Says("clip_grad_norm:"));
        REQUIRE_THROWS_MATCHES(ch09::clip_grad_norm(grads.list(), HUGE_VAL), std::invalid_argument,
                               Says("clip_grad_norm:"));
    }
    SECTION("a tensor with values but no data") {
        std::vector<ch08::NamedTensor> list = grads.list();
        list.push_back(ch08::NamedTensor{"ghost", {3}, nullptr, 3});
        REQUIRE_THROWS_MATCHES(ch09::clip_grad_norm(list, 1.0), std::invalid_argument, Says("clip_grad_norm:"));
    }
    SECTION("a gradient that is not finite") {
        grads.values[2](1, 1) = HUGE_VAL;
        REQUIRE_THROWS_MATCHES(ch09::clip_grad_norm(grads.list(), 1.0), std::invalid_argument, Says("clip_grad_norm:"));
        grads.values[2](1, 1) = before.values[2](1, 1);
    }
    for (std::size_t i = 0; i < grads.values.size(); ++i) {
        CAPTURE(grads.names[i]);
        REQUIRE_THAT(grads.values[i], Equals(before.values[i], 0, 0));
    }
}
