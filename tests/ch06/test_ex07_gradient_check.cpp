// Exercise 6.7: gradient_check.
#include "ch06/ch06_test.hpp"

#include <limits>

using namespace ch06_test;

namespace {

// f(x) = sum_i sin(x_i) x_(i+1) + x_0^3, with its exact gradient.
double f(const wb::Vector& x) {
    double s = x.size() > 0 ? x(0) * x(0) * x(0) : 0.0;
    for (std::size_t i = 0; i + 1 < x.size(); ++i) s += std::sin(x(i)) * x(i + 1);
    return s;
}

wb::Vector grad_f(const wb::Vector& x) {
    wb::Vector g = xt::zeros<double>({x.size()});
    if (x.size() > 0) g(0) = 3 * x(0) * x(0);
    for (std::size_t i = 0; i + 1 < x.size(); ++i) {
        g(i) += std::cos(x(i)) * x(i + 1);
        g(i + 1) += std::sin(x(i));
    }
    return g;
}

}  // namespace

TEST_CASE("6.7 central differences of a known function, and the right gradient passes", "[ch06][6.7]") {
    const auto seed = GENERATE(range(1, 11));
    const std::size_t n = wb::ref::random_size(seed, 1, 1, 8);
    CAPTURE(seed, n);
    const wb::Vector x = wb::ref::random_vector(seed, n, -2, 2);
    const ch06::GradientCheck check = ch06::gradient_check(f, x, grad_f(x), 1e-5);
    wb::Vector central = xt::zeros<double>({n});
    for (std::size_t i = 0; i < n; ++i) {
        wb::Vector up = x, down = x;
        up(i) += 1e-5;
        down(i) -= 1e-5;
        central(i) = (f(up) - f(down)) / 2e-5;
    }
    REQUIRE_THAT(check.numerical, Equals(central, 1e-12, 1e-12));
    REQUIRE(check.max_relative_error < 1e-7);
    SECTION("a wrong gradient is caught: one component off by 1%") {
        wb::Vector wrong = grad_f(x);
        const std::size_t k = wb::ref::random_size(seed, 2, 0, n - 1);
        wrong(k) = wrong(k) * 1.01 + 1e-3;
        REQUIRE(ch06::gradient_check(f, x, wrong, 1e-5).max_relative_error > 1e-4);
    }
}

TEST_CASE("6.7 the error is relative: the same mistake on a gradient 1e6 times larger reads the same", "[ch06][6.7]") {
    const auto big = [](const wb::Vector& x) { return 1e6 * f(x); };
    const wb::Vector x{0.3, -0.7, 1.1};
    wb::Vector wrong = grad_f(x) * 1.001;
    const double small_error = ch06::gradient_check(f, x, wrong, 1e-5).max_relative_error;
    const wb::Vector wrong_big = wrong * 1e6;
    const double big_error = ch06::gradient_check(big, x, wrong_big, 1e-5).max_relative_error;
    REQUIRE(small_error == Approx(1e-3).epsilon(0.01));
    REQUIRE(big_error == Approx(small_error).epsilon(0.01));
}

TEST_CASE("6.7 a gradient that is exactly 0 where f does not depend on x_i: no 0 / 0", "[ch06][6.7]") {
    const auto only_first = [](const wb::Vector& x) { return x(0) * x(0); };
    const wb::Vector x{1.5, 2.0, -3.0};
    const ch06::GradientCheck check = ch06::gradient_check(only_first, x, wb::Vector{3.0, 0.0, 0.0}, 1e-5);
    REQUIRE(std::isfinite(check.max_relative_error));
    REQUIRE(check.max_relative_error < 1e-9);
    REQUIRE(check.numerical(1) == 0.0);
    REQUIRE(check.numerical(2) == 0.0);
}

TEST_CASE("6.7 an analytic 0 where the true gradient is not reads as a relative error of exactly 1", "[ch06][6.7]") {
    const wb::Vector x{0.5, -1.0};
    const ch06::GradientCheck check = ch06::gradient_check(f, x, wb::Vector{0.0, 0.0}, 1e-5);
    REQUIRE(check.max_relative_error == 1.0);
}

TEST_CASE("6.7 the step matters: too small and rounding (cancellation) takes over", "[ch06][6.7]") {
    const wb::Vector x{0.4, 0.9, -1.3, 0.2};
    const double good = ch06::gradient_check(f, x, grad_f(x), 1e-5).max_relative_error;
    const double tiny = ch06::gradient_check(f, x, grad_f(x), 1e-13).max_relative_error;
    const double large = ch06::gradient_check(f, x, grad_f(x), 1e-1).max_relative_error;
    REQUIRE(good < 1e-8);
    REQUIRE(tiny > 100 * good);
    REQUIRE(large > 100 * good);
}

TEST_CASE("6.7 f is called 2n times, each time with one component moved, and x is left alone", "[ch06][6.7]") {
    const wb::Vector x{1.0, 2.0, 3.0};
    std::size_t calls = 0;
    bool one_moved = true;
    const auto counting = [&](const wb::Vector& y) {
        ++calls;
        std::size_t moved = 0;
        for (std::size_t i = 0; i < 3; ++i) moved += y(i) != x(i) ? 1 : 0;
        one_moved = one_moved && moved == 1;
        return f(y);
    };
    ch06::gradient_check(counting, x, grad_f(x), 1e-4);
    REQUIRE(calls == 6);
    REQUIRE(one_moved);
    REQUIRE_THAT(x, Equals(wb::Vector{1.0, 2.0, 3.0}, 0, 0));
}

TEST_CASE("6.7 no components: an empty gradient and error 0", "[ch06][6.7]") {
    const wb::Vector none = xt::zeros<double>({0});
    const ch06::GradientCheck check = ch06::gradient_check([](const wb::Vector&) { return 1.0; }, none, none, 1e-5);
    REQUIRE(check.numerical.size() == 0);
    REQUIRE(check.max_relative_error == 0.0);
}

TEST_CASE("6.7 a bad step or an analytic gradient of another size throws std::invalid_argument", "[ch06][6.7]") {
    const wb::Vector x{1.0, 2.0};
    const wb::Vector g = grad_f(x);
    REQUIRE_NOTHROW(ch06::gradient_check(f, x, g, 1e-5));
    SECTION("step 0") {
        REQUIRE_THROWS_MATCHES(ch06::gradient_check(f, x, g, 0.0), std::invalid_argument, Says("gradient_check:"));
    }
    SECTION("a negative step") {
        REQUIRE_THROWS_MATCHES(ch06::gradient_check(f, x, g, -1e-5), std::invalid_argument, Says("gradient_check:"));
    }
    SECTION("a step that is NaN") {
        REQUIRE_THROWS_MATCHES(ch06::gradient_check(f, x, g, std::numeric_limits<double>::quiet_NaN()),
                               std::invalid_argument, Says("gradient_check:"));
    }
    SECTION("an infinite step") {
        REQUIRE_THROWS_MATCHES(ch06::gradient_check(f, x, g, std::numeric_limits<double>::infinity()),
                               std::invalid_argument, Says("gradient_check:"));
    }
    SECTION("an analytic gradient of another size") {
        REQUIRE_THROWS_MATCHES(ch06::gradient_check(f, x, wb::Vector{1.0}, 1e-5), std::invalid_argument,
                               Says("gradient_check:"));
    }
}
