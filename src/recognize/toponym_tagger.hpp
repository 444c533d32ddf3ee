#pragma once

#include <cstdint>
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
// Viterbi; only location spans are reported as toponyms, the other types
// exist so that "Jordan" the person or "Chelsea" the club are learnt as what
// they are.
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

    // Best BIO tags (entity_tags.hpp), all types, of one sentence's words.
    std::vector<std::uint8_t> tag_words(std::span<const std::string_view> words) const;

    const TaggerModel& model() const { return *m_model; }

private:
    void emissions(std::span<const std::string_view> words, std::vector<float>& out) const;

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
