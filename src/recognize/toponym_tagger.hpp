#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/feature_extractor.hpp"
#include "recognize/tagger_model.hpp"
#include "text/tokenizer.hpp"

namespace conflictmap::gazetteer {
class Gazetteer;
}

namespace conflictmap::recognize {

// A toponym the tagger found: tokens [first_token, last_token] of the token
// list it was given, and the probability that exactly this span is a
// toponym (forward-backward over the tagger's scores, calibrated on held-out
// data by one temperature: of the spans reported at 0.9, about 90% are right).
struct TaggedSpan {
    std::uint32_t first_token = 0;
    std::uint32_t last_token = 0;
    float probability = 0;
};

// The trained toponym recognizer (docs/recognizer.md): a linear-chain tagger
// over BIO tags of four entity types (location, person, organisation, misc),
// trained as an averaged structured perceptron (TaggerTrainer), decoded with
// Viterbi, in two stages: the second sees how the first tagged the other
// occurrences of each word in the document ("Bernardin" alone after
// "Cardinal Joseph Bernardin"). Only location spans are reported as
// toponyms; the other types exist so that "Jordan" the person or "Chelsea"
// the club are learnt as what they are.
//
// Thread-safe: tag() is const and keeps its scratch space per thread, so one
// instance serves any number of threads. The gazetteer is borrowed and must
// outlive the tagger.
class ToponymTagger {
public:
    // Reads the model (TaggerModel::read: DataError naming the file for a
    // corrupt or version-mismatched file). A model trained with gazetteer
    // features needs `gazetteer`; without one it throws UsageError.
    static ToponymTagger load(const std::string& path, const gazetteer::Gazetteer* gazetteer);
    ToponymTagger(TaggerModel model, const gazetteer::Gazetteer* gazetteer, const std::string& name = "model");

    // Toponyms among `tokens` (text::tokenize(text), or any slice of it).
    // Sentences are cut where tokens carry kSentenceStart (and every 250
    // tokens). With `token_probability`, also P(token is part of a toponym)
    // for every token, for callers weighing other evidence (a gazetteer
    // match the tagger did not choose).
    std::vector<TaggedSpan> tag(std::string_view text, const std::vector<text::Token>& tokens,
                                std::vector<float>* token_probability = nullptr) const;

    // Best BIO tags (entity_tags.hpp), all types, of each sentence of one
    // document (the second stage looks across the document's sentences).
    std::vector<std::vector<std::uint8_t>> tag_document(
        const std::vector<std::span<const std::string_view>>& sentences) const;

    // Toponym spans of each sentence of one document (indices within the
    // sentence), with probabilities at `temperature` (0: the model's).
    std::vector<std::vector<TaggedSpan>> tag_document_spans(
        const std::vector<std::span<const std::string_view>>& sentences, float temperature = 0,
        std::vector<std::vector<float>>* token_probability = nullptr) const;

    const TaggerModel& model() const { return *m_model; }

private:
    using SentenceDone = std::function<void(std::size_t sentence, const std::vector<float>& emissions,
                                            const std::vector<std::uint8_t>& tags)>;
    void emissions(std::span<const std::string_view> words, int stage, const std::vector<std::uint16_t>* hints,
                   std::vector<float>& out) const;
    void decode_document(const std::vector<std::span<const std::string_view>>& sentences,
                         std::vector<std::vector<std::uint8_t>>& tags, const SentenceDone& done) const;

    std::unique_ptr<const TaggerModel> m_model;  // heap: m_features keeps a reference to its clusters
    const gazetteer::Gazetteer* m_gazetteer;
    FeatureExtractor m_features;
};

// File name of the model inside a folder.
inline constexpr const char* kRecognizerFileName = "toponym-tagger.cmt";
// Environment variable naming the model file or a folder holding it.
inline constexpr const char* kRecognizerEnv = "CONFLICTMAP_RECOGNIZER";

// Where the model is looked for, in order (docs/recognizer.md):
//   1. the --recognizer option (a file, or a folder holding toponym-tagger.cmt);
//   2. $CONFLICTMAP_RECOGNIZER (same);
//   3. the checkout the binary was built from: geodata/recognizer/;
//   4. $XDG_DATA_HOME/conflictmap (default ~/.local/share/conflictmap);
//   5. /usr/local/share/conflictmap and /usr/share/conflictmap.
std::vector<std::string> recognizer_search_path(const std::optional<std::string>& option);

// The first existing model on the search path; MissingDataError listing every
// place tried when there is none (or when the option names nothing).
std::string locate_recognizer(const std::optional<std::string>& option);

}  // namespace conflictmap::recognize
