#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "recognize/entity_tags.hpp"

namespace conflictmap::recognize {

// An entity over a sentence's corpus tokens, [first, last].
struct EntitySpan {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    EntityType type = EntityType::None;
    bool operator==(const EntitySpan&) const = default;
};

// One sentence of a labelled corpus, re-split into the words the run-time
// tokenizer (text::tokenize) makes, so the tagger learns on the tokens it will
// see: CoNLL keeps "Nagorno-Karabakh" whole, we see "Nagorno" "-" "Karabakh".
struct NerSentence {
    std::vector<std::string> words;
    std::vector<std::uint8_t> tags;              // BIO tag of each word (entity_tags.hpp)
    std::vector<std::uint32_t> source_token;     // the corpus token each word came from
    std::uint32_t source_token_count = 0;
    std::vector<EntitySpan> gold;                // over corpus tokens: what evaluation compares
    bool document_start = false;                 // first sentence after a -DOCSTART- line
};

struct NerCorpus {
    std::string path;
    std::vector<NerSentence> sentences;
    std::size_t source_tokens = 0;
    std::array<std::size_t, kEntityTypeCount> entities{};  // gold entities by type
};

// Reads a CoNLL-style file: one token a line with its label in the last
// column (tab- or space-separated), a blank (or blank-looking) line between
// sentences, "-DOCSTART-" lines between documents. Handles IOB1 (CoNLL-2003
// as distributed, WikiGold), IOB2 (WNUT-17, BTC, re3d) and BIOES/BILOU
// prefixes; labels are mapped with entity_type_from_label(). Lines with an
// empty token are skipped (BTC has a few). Throws DataError (file, line) on
// a line without a label, invalid UTF-8 or a label that is not O/B-/I-/E-/S-/L-/U-.
NerCorpus read_ner_corpus(const std::string& path);

// The corpus' documents as [begin, end) sentence ranges: split at
// -DOCSTART- lines; a corpus without them (tweets) is one document a sentence,
// since nothing says which sentences belong together.
std::vector<std::pair<std::size_t, std::size_t>> documents(const NerCorpus& corpus);

}  // namespace conflictmap::recognize
