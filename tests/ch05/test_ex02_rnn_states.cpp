// Exercise 5.2: rnn_states (and the bottleneck experiment, which runs on it).
#include "ch05/ch05_test.hpp"

using namespace ch05_test;

TEST_CASE("5.2 the encoder's states of Je suis étudiant match torch.nn.RNN", "[ch05][5.2]") {
    const ch05::RnnWeights w = stored_rnn("encoder");
    const wb::Vector h_0 = xt::zeros<double>({w.weight_hh.shape(0)});
    REQUIRE_THAT(ch05::rnn_states(w, expected().tensor<2>("source_embeddings"), h_0),
                 Equals(expected().tensor<2>("encoder_states"), 1e-12));
}

TEST_CASE("5.2 the decoder's states from the encoder's last state match torch.nn.RNN with hx", "[ch05][5.2]") {
    const ch05::RnnWeights w = stored_rnn("decoder");
    const wb::Matrix encoder_states = expected().tensor<2>("encoder_states");  // (T_enc, d_hidden)
    const wb::Vector s_0 = wb::ref::row(encoder_states, encoder_states.shape(0) - 1);
    REQUIRE_THAT(ch05::rnn_states(w, expected().tensor<2>("decoder_inputs"), s_0),
                 Equals(expected().tensor<2>("decoder_states"), 1e-12));
}

TEST_CASE("5.2 on random sequences the states agree with a loop of cell steps", "[ch05][5.2]") {
    const auto seed = GENERATE(range(1, 21));
    const std::size_t T = wb::ref::random_size(seed, 1, 1, 9), d_in = wb::ref::random_size(seed, 2, 1, 6);
    const std::size_t d_hidden = wb::ref::random_size(seed, 3, 1, 6);
    CAPTURE(seed, T, d_in, d_hidden);
    const ch05::RnnWeights w = random_rnn(seed, d_in, d_hidden);
    const wb::Matrix inputs = wb::ref::random_matrix(seed + 4000, T, d_in, -2, 2);  // (T, d_in)
    const wb::Vector h_0 = wb::ref::random_vector(seed + 5000, d_hidden);
    wb::Matrix expected_states = xt::zeros<double>({T, d_hidden});
    wb::Vector h = h_0;
    for (std::size_t t = 0; t < T; ++t) {
        h = loop_rnn_cell(w, wb::ref::row(inputs, t), h);
        for (std::size_t k = 0; k < d_hidden; ++k) expected_states(t, k) = h(k);
    }
    const wb::Matrix states = ch05::rnn_states(w, inputs, h_0);  // (T, d_hidden)
    REQUIRE_THAT(states, Equals(expected_states, 1e-12));
    SECTION("an RNN only looks back: the states of the first k tokens are the first k rows") {
        const std::size_t k = wb::ref::random_size(seed, 4, 1, T);
        const wb::Matrix prefix = xt::view(inputs, xt::range(0, k), xt::all());
        const wb::Matrix first_rows = xt::view(states, xt::range(0, k), xt::all());
        REQUIRE_THAT(ch05::rnn_states(w, prefix, h_0), Equals(first_rows, 1e-12));
    }
}

TEST_CASE("5.2 an empty sequence gives no states, and wrong sizes throw std::invalid_argument", "[ch05][5.2]") {
    const ch05::RnnWeights w = random_rnn(5, 3, 4);
    const wb::Matrix states = ch05::rnn_states(w, wb::Matrix(xt::zeros<double>({0, 3})), xt::zeros<double>({4}));
    REQUIRE(states.shape(0) == 0);
    REQUIRE(states.shape(1) == 4);
    REQUIRE_THROWS_MATCHES(ch05::rnn_states(w, wb::Matrix(xt::zeros<double>({2, 4})), xt::zeros<double>({4})),
                           std::invalid_argument, Says("rnn_states:"));
    REQUIRE_THROWS_MATCHES(ch05::rnn_states(w, wb::Matrix(xt::zeros<double>({2, 3})), xt::zeros<double>({3})),
                           std::invalid_argument, Says("rnn_states:"));
}

TEST_CASE("5.2 the bottleneck experiment on your encoder matches PyTorch's numbers", "[ch05][5.2]") {
    const ch05::BottleneckResult result = ch05::bottleneck_experiment(stored_rnn("encoder"), 123, 8, 8, 400, 200);
    REQUIRE_THAT(result.accuracy, Equals(expected().tensor<2>("bottleneck/accuracy"), 1e-12));
    REQUIRE_THAT(result.accuracy_by_position, Equals(expected().tensor<2>("bottleneck/accuracy_by_position"), 1e-12));
}

TEST_CASE("5.2 inputs and h_0 are each checked on their own", "[ch05][5.2]") {
    const ch05::RnnWeights w = random_rnn(3, 4, 5);  // d_in 4, d_hidden 5
    const wb::Matrix inputs = wb::ref::random_matrix(4, 3, 4);
    const wb::Vector h_0 = wb::ref::random_vector(5, 5);
    REQUIRE_NOTHROW(ch05::rnn_states(w, inputs, h_0));
    SECTION("inputs with d_in + 1 features, h_0 right") {
        REQUIRE_THROWS_MATCHES(ch05::rnn_states(w, wb::ref::random_matrix(6, 3, 5), h_0), std::invalid_argument,
                               Says("rnn_states:"));
    }
    SECTION("h_0 one value short, inputs right") {
        REQUIRE_THROWS_MATCHES(ch05::rnn_states(w, inputs, wb::ref::random_vector(6, 4)), std::invalid_argument,
                               Says("rnn_states:"));
    }
    SECTION("no inputs at all but a wrong h_0 still throws") {
        REQUIRE_THROWS_MATCHES(ch05::rnn_states(w, wb::Matrix(xt::zeros<double>({0, 4})), wb::ref::random_vector(6, 4)),
                               std::invalid_argument, Says("rnn_states:"));
    }
}
