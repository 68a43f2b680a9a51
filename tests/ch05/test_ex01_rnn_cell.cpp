// Exercise 5.1: rnn_cell.
#include "ch05/ch05_test.hpp"

using namespace ch05_test;

TEST_CASE("5.1 the first encoder step from h_0 = 0 matches torch.nn.RNN", "[ch05][5.1]") {
    const ch05::RnnWeights w = stored_rnn("encoder");
    const wb::Vector x_1 = stored_row("source_embeddings", 0);  // (d_in) "Je"
    const wb::Vector h_0 = xt::zeros<double>({w.weight_hh.shape(0)});
    REQUIRE_THAT(ch05::rnn_cell(w, x_1, h_0), Equals(stored_row("encoder_states", 0), 1e-12));
}

TEST_CASE("5.1 every later step from the previous state matches torch.nn.RNN", "[ch05][5.1]") {
    for (const std::string who : {"encoder", "decoder"}) {
        const ch05::RnnWeights w = stored_rnn(who);
        const std::string inputs = who == "encoder" ? "source_embeddings" : "decoder_inputs";
        const std::string states = who + "_states";
        const std::size_t T = expected().tensor<2>(states).shape(0);
        for (std::size_t t = 1; t < T; ++t) {
            CAPTURE(who, t);
            REQUIRE_THAT(ch05::rnn_cell(w, stored_row(inputs, t), stored_row(states, t - 1)),
                         Equals(stored_row(states, t), 1e-12));
        }
    }
}

TEST_CASE("5.1 with weights drawn by rnn_weights the cell gives PyTorch's first state", "[ch05][5.1]") {
    wb::TorchGenerator gen(123);
    const ch05::RnnWeights drawn = ch05::rnn_weights(gen, 16, 8);  // as torch.nn.RNN(16, 8) after manual_seed(123)
    REQUIRE_THAT(drawn.weight_ih, Equals(expected().tensor<2>("encoder/weight_ih"), 0));
    REQUIRE_THAT(drawn.bias_hh, Equals(expected().tensor<1>("encoder/bias_hh"), 0));
    const wb::Vector h_0 = xt::zeros<double>({8});
    REQUIRE_THAT(ch05::rnn_cell(drawn, stored_row("source_embeddings", 0), h_0),
                 Equals(stored_row("encoder_states", 0), 1e-12));
    SECTION("other seeds and sizes draw what torch.nn.RNN draws, to the last bit") {
        const auto [seed, d_in, d_hidden] = GENERATE(table<int, int, int>({{0, 3, 5}, {7, 16, 8}, {42, 1, 1}}));
        CAPTURE(seed, d_in, d_hidden);
        wb::TorchGenerator other(static_cast<std::uint64_t>(seed));
        const ch05::RnnWeights w = ch05::rnn_weights(other, d_in, d_hidden);
        const std::string name = "rnn_draws/seed" + std::to_string(seed) + "/in" + std::to_string(d_in) + "_hidden" +
                                 std::to_string(d_hidden) + "/";
        REQUIRE_THAT(w.weight_ih, Equals(expected().tensor<2>(name + "weight_ih"), 0));
        REQUIRE_THAT(w.weight_hh, Equals(expected().tensor<2>(name + "weight_hh"), 0));
        REQUIRE_THAT(w.bias_ih, Equals(expected().tensor<1>(name + "bias_ih"), 0));
        REQUIRE_THAT(w.bias_hh, Equals(expected().tensor<1>(name + "bias_hh"), 0));
        const wb::Vector zeros = xt::zeros<double>({static_cast<std::size_t>(d_hidden)});
        const wb::Vector x = xt::ones<double>({static_cast<std::size_t>(d_in)});
        REQUIRE_THAT(ch05::rnn_cell(w, x, zeros), Equals(loop_rnn_cell(w, x, zeros), 1e-12));
    }
}

TEST_CASE("5.1 on random weights and inputs the cell agrees with a plain loop", "[ch05][5.1]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t d_in = wb::ref::random_size(seed, 1, 1, 7), d_hidden = wb::ref::random_size(seed, 2, 1, 7);
    CAPTURE(seed, d_in, d_hidden);
    const ch05::RnnWeights w = random_rnn(seed, d_in, d_hidden);
    const wb::Vector x = wb::ref::random_vector(seed + 4000, d_in, -2, 2);
    const wb::Vector h = wb::ref::random_vector(seed + 5000, d_hidden);
    const wb::Vector h_t = ch05::rnn_cell(w, x, h);  // (d_hidden)
    REQUIRE_THAT(h_t, Equals(loop_rnn_cell(w, x, h), 1e-12));
    SECTION("both biases count: moving 0.3 from one bias to the other changes nothing") {
        ch05::RnnWeights moved = w;
        moved.bias_ih = w.bias_ih + 0.3;
        moved.bias_hh = w.bias_hh - 0.3;
        REQUIRE_THAT(ch05::rnn_cell(moved, x, h), Equals(h_t, 1e-12));
    }
    SECTION("every state lies strictly inside (-1, 1), as tanh's values do") {
        for (double value : h_t) REQUIRE(std::fabs(value) < 1.0);
    }
}

TEST_CASE("5.1 an input or a state of the wrong size throws std::invalid_argument", "[ch05][5.1]") {
    const ch05::RnnWeights w = random_rnn(3, 4, 5);
    REQUIRE_THROWS_MATCHES(ch05::rnn_cell(w, wb::Vector(xt::zeros<double>({3})), wb::Vector(xt::zeros<double>({5}))),
                           std::invalid_argument, Says("rnn_cell:"));
    REQUIRE_THROWS_MATCHES(ch05::rnn_cell(w, wb::Vector(xt::zeros<double>({4})), wb::Vector(xt::zeros<double>({4}))),
                           std::invalid_argument, Says("rnn_cell:"));
}

TEST_CASE("5.1 each size that does not fit throws on its own, with every other size right", "[ch05][5.1]") {
    const ch05::RnnWeights good = random_rnn(3, 4, 5);  // d_in 4, d_hidden 5
    const wb::Vector x = wb::ref::random_vector(4, 4), h = wb::ref::random_vector(5, 5);
    REQUIRE_NOTHROW(ch05::rnn_cell(good, x, h));
    ch05::RnnWeights w = good;
    SECTION("x_t one value short") {
        REQUIRE_THROWS_MATCHES(ch05::rnn_cell(w, wb::ref::random_vector(6, 3), h), std::invalid_argument,
                               Says("rnn_cell:"));
    }
    SECTION("h_prev one value long") {
        REQUIRE_THROWS_MATCHES(ch05::rnn_cell(w, x, wb::ref::random_vector(6, 6)), std::invalid_argument,
                               Says("rnn_cell:"));
    }
    SECTION("weight_hh with a row too many") {
        w.weight_hh = wb::ref::random_matrix(7, 6, 5);
        REQUIRE_THROWS_MATCHES(ch05::rnn_cell(w, x, h), std::invalid_argument, Says("rnn_cell:"));
    }
    SECTION("weight_hh with a column too few") {
        w.weight_hh = wb::ref::random_matrix(7, 5, 4);
        REQUIRE_THROWS_MATCHES(ch05::rnn_cell(w, x, h), std::invalid_argument, Says("rnn_cell:"));
    }
    SECTION("bias_ih of the wrong size") {
        w.bias_ih = wb::ref::random_vector(8, 4);
        REQUIRE_THROWS_MATCHES(ch05::rnn_cell(w, x, h), std::invalid_argument, Says("rnn_cell:"));
    }
    SECTION("bias_hh of the wrong size") {
        w.bias_hh = wb::ref::random_vector(8, 6);
        REQUIRE_THROWS_MATCHES(ch05::rnn_cell(w, x, h), std::invalid_argument, Says("rnn_cell:"));
    }
}
