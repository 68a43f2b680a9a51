// The bilingual embedding of Chapter 5 (see bilingual.hpp); tests/torch/ch05.py builds the same.
#include "bilingual.hpp"

#include <cmath>
#include <stdexcept>
#include <utility>

#include <xtensor/xview.hpp>

#include "wb/torch_rng.hpp"

namespace ch05_program {

namespace {

constexpr double noise_scale = 0.25;

const std::vector<std::string>& concepts() {
    static const std::vector<std::string> names{"I",   "be", "student", "a",    "the", "cat",
                                                "sit", "on", "mat",     "food", "eat", "progressive"};
    return names;
}

struct Entry {
    std::string word;
    std::vector<std::pair<std::string, double>> mix;  // concept, amount
};

// In the order tests/torch/ch05.py lists them: each word draws its noise in this order.
const std::vector<Entry>& entries() {
    static const std::vector<Entry> table{
        {"Je", {{"I", 1.0}}},
        {"suis", {{"be", 1.0}}},
        {"étudiant", {{"student", 1.0}}},
        {"I", {{"I", 1.0}}},
        {"am", {{"be", 1.0}}},
        {"a", {{"a", 1.0}}},
        {"student", {{"student", 1.0}}},
        {"The", {{"the", 1.0}}},
        {"cat", {{"cat", 1.0}}},
        {"sat", {{"sit", 1.0}}},
        {"on", {{"on", 1.0}}},
        {"the", {{"the", 1.0}}},
        {"mat", {{"mat", 1.0}}},
        {"Le", {{"the", 1.0}}},
        {"chat", {{"cat", 1.0}}},
        {"était", {{"sit", 1.0}}},
        {"sur", {{"on", 1.0}}},
        {"le", {{"the", 1.0}}},
        {"tapis", {{"mat", 1.0}}},
        {"मैं", {{"I", 1.0}}},
        {"खाना", {{"food", 1.0}}},
        {"खा", {{"eat", 1.0}}},
        {"रहा", {{"progressive", 1.0}}},
        {"हूँ", {{"be", 1.0}}},
        {"eating", {{"eat", 1.0}, {"progressive", 0.5}}},
    };
    return table;
}

std::size_t concept_index(const std::string& name) {
    for (std::size_t c = 0; c < concepts().size(); ++c)
        if (concepts()[c] == name) return c;
    throw std::logic_error("bilingual: unknown concept " + name);
}

}  // namespace

const std::vector<TranslationPair>& translation_pairs() {
    static const std::vector<TranslationPair> pairs{
        {"French to English", {"Je", "suis", "étudiant"}, {"I", "am", "a", "student"}},
        {"English to French", {"The", "cat", "sat", "on", "the", "mat"}, {"Le", "chat", "était", "sur", "le", "tapis"}},
        {"Hindi to English", {"मैं", "खाना", "खा", "रहा", "हूँ"}, {"I", "am", "eating"}},
    };
    return pairs;
}

std::map<std::string, wb::Vector> lexicon(std::uint64_t seed) {
    wb::TorchGenerator gen(seed);
    wb::Matrix concept_vectors = gen.rand(concepts().size(), d_emb) * 2.0 - 1.0;  // (12, d_emb)
    for (std::size_t c = 0; c < concept_vectors.shape(0); ++c) {
        double squares = 0.0;
        for (std::size_t k = 0; k < d_emb; ++k) squares += concept_vectors(c, k) * concept_vectors(c, k);
        const double norm = std::sqrt(squares);
        for (std::size_t k = 0; k < d_emb; ++k)  // length sqrt(d_emb), as (x / |x|) * sqrt(d_emb) in PyTorch
            concept_vectors(c, k) = concept_vectors(c, k) / norm * std::sqrt(static_cast<double>(d_emb));
    }
    const wb::Matrix noise = gen.rand(entries().size(), d_emb) * 2.0 - 1.0;  // (25, d_emb)
    std::map<std::string, wb::Vector> table;
    for (std::size_t w = 0; w < entries().size(); ++w) {
        wb::Vector vector = noise_scale * xt::view(noise, w, xt::all());  // (d_emb)
        for (const auto& [name, amount] : entries()[w].mix) {
            const wb::Vector concept_vector = xt::view(concept_vectors, concept_index(name), xt::all());
            vector = vector + amount * concept_vector;
        }
        table[entries()[w].word] = vector;
    }
    return table;
}

wb::Matrix embed(const std::map<std::string, wb::Vector>& table, const std::vector<std::string>& words) {
    wb::Matrix out = xt::zeros<double>({words.size(), d_emb});  // (words, d_emb)
    for (std::size_t i = 0; i < words.size(); ++i) xt::view(out, i, xt::all()) = table.at(words[i]);
    return out;
}

}  // namespace ch05_program
