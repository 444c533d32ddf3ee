#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "recognize/word_clusters.hpp"

namespace conflictmap::gazetteer {
class Gazetteer;
}

namespace conflictmap::recognize {

// Turns a sentence's words into the tagger's features, each a 64-bit hash
// of (template, value) (detail/feature_hash.hpp): the word and its
// neighbours (±2, lower case, and two bigrams), prefixes and suffixes of 1-4
// bytes, the word's shape ("Xx-Xx", "dd") and its neighbours', case and
// position (sentence start, an all-capitals headline), word clusters and how
// often the word is written in lower case (WordClusters), and gazetteer
// evidence: the longest name of the index starting at a capitalised word
// (up to 5 words, connectors such as "of", "de", "-" inside), each word's
// position in it (B/I/L/U) with the best place's feature class, code, prior
// and kind of name (a demonym is a kind), and how ambiguous the name is.
// The gazetteer is optional (a model trained without one ignores it).
// Thread-safe: const, with a per-thread text::Normalizer for non-ASCII words.
class FeatureExtractor {
public:
    static constexpr std::size_t kSlots = 48;  // features per word at most; 0 = unused slot

    FeatureExtractor(const gazetteer::Gazetteer* gazetteer, const WordClusters& clusters)
        : m_gazetteer(gazetteer), m_clusters(clusters) {}

    // Features of words[i] at out[i * kSlots .. (i + 1) * kSlots).
    void extract(std::span<const std::string_view> words, std::vector<std::uint64_t>& out) const;

private:
    const gazetteer::Gazetteer* m_gazetteer;
    const WordClusters& m_clusters;
};

}  // namespace conflictmap::recognize
