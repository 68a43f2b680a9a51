// Exercise 9.8: sampling with temperature and top-k, draw for draw against torch.multinomial.
#include "ch09/ch09_test.hpp"

using namespace ch09_test;

namespace {

std::vector<std::size_t> draws(const wb::Vector& logits, double temperature, std::size_t k, std::uint64_t seed,
                               std::size_t n) {
    wb::TorchGenerator generator(seed);
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back(ch09::sample_next_token(logits, temperature, k, generator));
    return out;
}

}  // namespace

TEST_CASE("9.8 300 draws in a row equal torch.multinomial's on the same seed", "[ch09][9.8]") {
    const std::string c = GENERATE(as<std::string>{}, "t1_k10", "t0.5_k3", "t2_k1", "t0.7_k10", "t3_k6");
    CAPTURE(c);
    const wb::Vector settings = vec("sample/" + c + "/settings");  // temperature, k
    const std::vector<std::size_t> wanted = ids("sample/" + c + "/draws");
    const std::vector<std::size_t> got =
        draws(vec("sample/logits"), settings(0), static_cast<std::size_t>(settings(1)), 81, wanted.size());
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        CAPTURE(i);
        REQUIRE(got[i] == wanted[i]);
    }
}

TEST_CASE("9.8 ties at the k-th value keep exactly k tokens, the lowest ids", "[ch09][9.8]") {
    // logits 4, 3, 3, 3, 0.5, -1, 3, 2: k = 3 keeps tokens 0, 1, 2; k = 2 keeps 0, 1
    const wb::Vector tied = vec("sample/tied/logits");
    for (const std::size_t k : {3, 2}) {
        CAPTURE(k);
        const std::vector<std::size_t> wanted = ids("sample/tied/k" + std::to_string(k) + "/draws");
        const std::vector<std::size_t> got = draws(tied, 1.5, k, 82, wanted.size());
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            CAPTURE(i);
            REQUIRE(got[i] < k);
            REQUIRE(got[i] == wanted[i]);
        }
    }
}

TEST_CASE("9.8 k = 1 is the argmax (the first on a tie), whatever the temperature", "[ch09][9.8]") {
    const double temperature = GENERATE(0.1, 1.0, 50.0);
    CAPTURE(temperature);
    const wb::Vector logits = {0.5, 2.0, -1.0, 2.0, 1.9};
    for (const std::size_t token : draws(logits, temperature, 1, 5, 50)) REQUIRE(token == 1);
}

TEST_CASE("9.8 frequencies follow softmax(logits / temperature) over the k kept", "[ch09][9.8]") {
    const double temperature = GENERATE(0.5, 1.0, 2.0);
    const std::size_t k = GENERATE(2, 4, 5);
    CAPTURE(temperature, k);
    const wb::Vector logits = {1.0, -0.5, 0.3, 2.0, 0.0};
    // the wanted probabilities: the k largest logits / temperature, softmax
    std::vector<std::size_t> order = {3, 0, 2, 4, 1};  // by decreasing logit
    std::vector<double> probs(5, 0.0);
    double sum = 0.0;
    for (std::size_t i = 0; i < k; ++i) sum += probs[order[i]] = std::exp(logits(order[i]) / temperature);
    for (double& p : probs) p /= sum;
    const std::size_t n = 20000;
    std::vector<double> seen(5, 0.0);
    for (const std::size_t token : draws(logits, temperature, k, 77, n)) seen[token] += 1.0 / n;
    for (std::size_t j = 0; j < 5; ++j) {
        CAPTURE(j, probs[j], seen[j]);
        // 4 standard deviations of a frequency over 20000 draws is at most 0.0142
        REQUIRE(std::abs(seen[j] - probs[j]) < 0.015);
        if (probs[j] == 0.0) REQUIRE(seen[j] == 0.0);
    }
}

TEST_CASE("9.8 one sample draws V exponentials: generator.exponential(V), no more", "[ch09][9.8]") {
    const std::size_t V = GENERATE(1, 3, 10);
    CAPTURE(V);
    const wb::Vector logits = wb::ref::random_vector(V, V, -2.0, 2.0);
    wb::TorchGenerator used(13), wanted(13);
    const std::size_t token = ch09::sample_next_token(logits, 0.8, V, used);
    wanted.exponential(V);
    REQUIRE(same_state(used, wanted));
    REQUIRE(token < V);
    if (V == 1) REQUIRE(token == 0);
}

TEST_CASE("9.8 bad logits, temperature or k throw std::invalid_argument and draw nothing", "[ch09][9.8]") {
    const wb::Vector logits = {0.5, 2.0, -1.0, 1.0};
    wb::TorchGenerator generator(3);
    {
        wb::TorchGenerator g(3);
        REQUIRE_NOTHROW(ch09::sample_next_token(logits, 1.0, 4, g));
        REQUIRE_NOTHROW(ch09::sample_next_token(logits, 0.01, 1, g));
    }
    auto throws = [&](const wb::Vector& z, double temperature, std::size_t k) {
        REQUIRE_THROWS_MATCHES(ch09::sample_next_token(z, temperature, k, generator), std::invalid_argument,
                               Says("sample_next_token:"));
    };
    SECTION("V = 0") {
        throws(wb::Vector(xt::zeros<double>({0})), 1.0, 1);
    }
    SECTION("a logit that is not finite") {
        for (const double bad : {std::nan(""), HUGE_VAL, -HUGE_VAL}) {
            wb::Vector z = logits;
            z(2) = bad;
            CAPTURE(bad);
            throws(z, 1.0, 2);
        }
    }
    SECTION("temperature 0 or negative") {
        throws(logits, 0.0, 2);
        throws(logits, -1.0, 2);
    }
    SECTION("a temperature that is not finite") {
        throws(logits, std::nan(""), 2);
        throws(logits, HUGE_VAL, 2);
    }
    SECTION("k = 0") {
        throws(logits, 1.0, 0);
    }
    SECTION("k > V") {
        throws(logits, 1.0, 5);
    }
    REQUIRE(same_state(generator, wb::TorchGenerator(3)));
}
