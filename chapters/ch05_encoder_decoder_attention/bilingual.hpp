// chapters/ch05_encoder_decoder_attention/bilingual.hpp - the chapter's translation pairs and the
// small hand-built bilingual embedding in which a word and its translation lie close together.
//
// Contract: lexicon(seed) gives every word of the three pairs a d_in = 16 embedding, drawn exactly
// as tests/torch/ch05.py draws it (torch.manual_seed(seed); concepts = torch.rand(12, 16) * 2 - 1,
// each scaled to length 4; noise = torch.rand(25, 16) * 2 - 1; word = 0.25 * its noise + the
// concepts it is made of). The alignment this produces was put there by hand: it is a stand-in for
// what a trained model learns from parallel sentences, not something attention discovers alone.
// Not here: anything learnt.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "wb/tensor.hpp"

namespace ch05_program {

inline constexpr std::size_t d_emb = 16;  // d_in: the size of one word embedding

struct TranslationPair {
    std::string name;                 // "French to English", ...
    std::vector<std::string> source;  // what the encoder reads (T_enc words)
    std::vector<std::string> target;  // what the decoder writes (T_dec words)
};

const std::vector<TranslationPair>& translation_pairs();

// word -> embedding (d_emb), for every word of every pair.
std::map<std::string, wb::Vector> lexicon(std::uint64_t seed);

// The embeddings of `words`, one row each: (words, d_emb).
wb::Matrix embed(const std::map<std::string, wb::Vector>& table, const std::vector<std::string>& words);

}  // namespace ch05_program
