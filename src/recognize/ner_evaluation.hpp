#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/ner_corpus.hpp"

namespace conflictmap::recognize {

// Entity-level scores in the manner of conlleval: an entity counts as found
// only when its first and last token and its type are all right.
struct EntityScores {
    std::array<std::size_t, kEntityTypeCount> gold{}, predicted{}, correct{};  // by EntityType; [0] = all types

    double precision(EntityType t) const { return ratio(correct[int(t)], predicted[int(t)]); }
    double recall(EntityType t) const { return ratio(correct[int(t)], gold[int(t)]); }
    double f1(EntityType t) const {
        const double p = precision(t), r = recall(t);
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }
    void add(const std::vector<EntitySpan>& gold_spans, const std::vector<EntitySpan>& predicted_spans);
    // A table: one line per type and one for all, with P, R, F1 and counts.
    std::string report() const;

private:
    static double ratio(std::size_t a, std::size_t b) { return b ? double(a) / double(b) : 0; }
};

// Entities over the sentence's corpus tokens from BIO tags over its words
// (a word-level entity covers the corpus tokens its words came from).
std::vector<EntitySpan> entities_from_tags(const NerSentence& sentence, const std::vector<std::uint8_t>& tags);

// Scores a tagger (a document's sentences in, BIO tags out) on a corpus,
// document by document (documents()).
using DocumentTagger = std::function<std::vector<std::vector<std::uint8_t>>(
    const std::vector<std::span<const std::string_view>>&)>;
EntityScores evaluate(const NerCorpus& corpus, const DocumentTagger& tagger);

}  // namespace conflictmap::recognize
