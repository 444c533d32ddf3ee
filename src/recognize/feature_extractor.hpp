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
    static constexpr std::size_t kBaseSlots = 50;  // features of the word itself at most (48 today); 0 = unused slot
    static constexpr std::size_t kSlots = 55;      // and of its document (document_features)

    FeatureExtractor(const gazetteer::Gazetteer* gazetteer, const WordClusters& clusters)
        : m_gazetteer(gazetteer), m_clusters(clusters) {}

    // Features of words[i] at out[i * kSlots .. i * kSlots + kBaseSlots). With
    // `classes`, also each word's case and gazetteer position (one byte),
    // which document_features() needs.
    void extract(std::span<const std::string_view> words, std::vector<std::uint64_t>& out,
                 std::vector<std::uint8_t>* classes = nullptr) const;

    // The second stage's evidence from the rest of the document (Ratinov and
    // Roth 2009's "prediction history"): `hints[i]` says how the first stage
    // tagged the word's other capitalised occurrences in the document
    // (DocumentHints), written to the slots after kBaseSlots.
    static void document_features(const std::vector<std::uint8_t>& classes, const std::vector<std::uint16_t>& hints,
                                  std::vector<std::uint64_t>& out);

    // One hint per word of each sentence of a document, from the first
    // stage's tags: bits 0-6 = the type most often given to the word's other
    // capitalised occurrences (0 none, 1-4 EntityType, 5 outside any entity),
    // bit 7 = kSurnameHint, high byte = the type of the longest entity another
    // occurrence was part of.
    static std::vector<std::vector<std::uint16_t>> document_hints(
        const std::vector<std::span<const std::string_view>>& sentences,
        const std::vector<std::vector<std::uint8_t>>& tags);

    // Another occurrence of the word was the last word of a person's name of
    // two or more words ("MaliVai Washington", then "Washington said").
    static constexpr std::uint16_t kSurnameHint = 0x80;

private:
    const gazetteer::Gazetteer* m_gazetteer;
    const WordClusters& m_clusters;
};

}  // namespace conflictmap::recognize
