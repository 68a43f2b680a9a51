// Given code for Chapter 6: two small made-up languages and sentence pairs between them, drawn
// from PyTorch's generator so tests/torch/ch06.py makes the same sentences. The rule a reader can
// state in one line: the target language puts every adjective after its noun; otherwise it
// translates word for word. You do not need to change this file.
#include "ch06/ch06.hpp"

#include <algorithm>

namespace ch06 {

namespace {

enum class Kind { det, adj, noun, verb, prep, adv };

// The source language, word class by word class; the target word i translates source word i.
const std::vector<std::string> det{"ta", "ko"};
const std::vector<std::string> adj{"lun", "dri", "vas", "pem", "sok", "gir"};
const std::vector<std::string> noun{"brel", "mosk", "tavi", "fend", "kuro", "plim", "sarn", "wodi"};
const std::vector<std::string> verb{"zeta", "nupo", "rilk", "fosh", "gamu"};
const std::vector<std::string> prep{"om", "ul", "ek"};
const std::vector<std::string> adv{"yase", "bruk", "tilo"};

const std::vector<std::string> tgt_det{"el", "an"};
const std::vector<std::string> tgt_adj{"ROJO", "VIVO", "ALTO", "DURO", "SECO", "FINO"};
const std::vector<std::string> tgt_noun{"gato", "mesa", "pozo", "nube", "faro", "lobo", "roca", "vaso"};
const std::vector<std::string> tgt_verb{"mira", "toca", "pide", "lava", "cura"};
const std::vector<std::string> tgt_prep{"con", "sin", "por"};
const std::vector<std::string> tgt_adv{"hoy", "ya", "mal"};

std::vector<std::string> joined(std::initializer_list<const std::vector<std::string>*> lists) {
    std::vector<std::string> out;
    for (const auto* l : lists) out.insert(out.end(), l->begin(), l->end());
    return out;
}

std::size_t first_id(Kind kind) {
    const std::size_t sizes[] = {det.size(), adj.size(), noun.size(), verb.size(), prep.size(), adv.size()};
    std::size_t id = 0;
    for (int k = 0; k < static_cast<int>(kind); ++k) id += sizes[k];
    return id;
}

std::size_t class_size(Kind kind) {
    const std::size_t sizes[] = {det.size(), adj.size(), noun.size(), verb.size(), prep.size(), adv.size()};
    return sizes[static_cast<int>(kind)];
}

// The word of class `kind` that the uniform u picks: floor(u * size), as Python's int().
std::size_t pick(Kind kind, double u) {
    const std::size_t n = class_size(kind);
    return first_id(kind) + std::min(static_cast<std::size_t>(u * static_cast<double>(n)), n - 1);
}

}  // namespace

const std::vector<std::string>& source_vocabulary() {
    static const std::vector<std::string> words = joined({&det, &adj, &noun, &verb, &prep, &adv});
    return words;
}

const std::vector<std::string>& target_vocabulary() {
    static const std::vector<std::string> words =
        joined({&tgt_det, &tgt_adj, &tgt_noun, &tgt_verb, &tgt_prep, &tgt_adv});
    return words;
}

std::vector<SentencePair> make_sentences(std::uint64_t seed, std::size_t count) {
    wb::TorchGenerator gen(seed);
    const Matrix u = gen.rand(count, 16);  // (count, 16), one row of uniforms per sentence
    std::vector<SentencePair> pairs;
    for (std::size_t s = 0; s < count; ++s) {
        std::vector<std::size_t> words;
        std::vector<Kind> kinds;
        const auto add = [&](Kind kind, double draw) {
            words.push_back(pick(kind, draw));
            kinds.push_back(kind);
        };
        const auto noun_phrase = [&](std::size_t k) {  // [adjective] noun, from u(s, k .. k + 2)
            if (u(s, k) < 0.5) add(Kind::adj, u(s, k + 1));
            add(Kind::noun, u(s, k + 2));
        };
        if (u(s, 0) < 0.3) add(Kind::det, u(s, 1));
        noun_phrase(2);
        add(Kind::verb, u(s, 5));
        noun_phrase(6);
        if (u(s, 9) < 0.5) {
            add(Kind::prep, u(s, 10));
            noun_phrase(11);
        }
        if (u(s, 14) < 0.3) add(Kind::adv, u(s, 15));
        SentencePair pair;
        pair.source = words;
        for (std::size_t j = 0; j < words.size();) {  // the rule: adjective noun -> noun adjective
            if (kinds[j] == Kind::adj) {
                pair.alignment.push_back(j + 1);
                pair.alignment.push_back(j);
                j += 2;
            } else {
                pair.alignment.push_back(j++);
            }
        }
        for (std::size_t p : pair.alignment) pair.target.push_back(words[p]);
        pairs.push_back(pair);
    }
    return pairs;
}

}  // namespace ch06
