#pragma once

#include <vector>

#include "gazetteer/gazetteer.hpp"
#include "io/document.hpp"
#include "recognize/gazetteer_matcher.hpp"
#include "recognize/toponym_tagger.hpp"
#include "resolve/resolved_mention.hpp"
#include "resolve/resolver.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::resolve {

struct GeocodeOptions {
    bool demonyms = true;
    // Resolve exactly the document's given spans instead of recognising.
    bool spans_only = false;
    // The trained tagger (recognize/toponym_tagger.hpp), shared by all
    // threads; null: the gazetteer matcher alone.
    const recognize::ToponymTagger* tagger = nullptr;
};

// The whole geocoding of one document: tokens, recognition, resolution.
// Holds per-thread state (the normaliser): use one per thread.
class Geocoder {
public:
    Geocoder(const gazetteer::Gazetteer& gazetteer, GeocodeOptions options);

    std::vector<ResolvedMention> run(const io::Document& doc);

    // The candidates of each of the document's given spans with their
    // features (resolve-only mode, for training the ranker).
    std::vector<std::vector<CandidateFeatures>> span_features(const io::Document& doc);

private:
    std::vector<recognize::Mention> recognize_all(std::string_view text);
    // The matcher's mentions weighed against the tagger's spans: matches
    // the tagger rejects are dropped unless the place is big, its confident
    // spans the gazetteer missed are added.
    std::vector<recognize::Mention> combine(std::string_view text, const std::vector<text::Token>& tokens,
                                            std::vector<recognize::Mention> found);
    // Whether a one-word span the tagger found can be a place by its form
    // and by the kinds of name the gazetteer knows it as.
    bool plausible_single_word(std::string_view surface, const text::Token& token,
                               std::span<const gazetteer::detail::PostingRecord> postings) const;
    std::vector<recognize::Mention> given_spans(const io::Document& doc);
    // The postings of the longest part of an unknown span that is a place
    // name ("Arizona State University" -> Arizona); empty when none.
    std::span<const gazetteer::detail::PostingRecord> partial_match(std::string_view span);
    // Places spans nothing matched at the place the document is most about.
    void place_from_context(std::vector<ResolvedMention>& resolved,
                            const std::vector<ResolvedMention>& found) const;

    const gazetteer::Gazetteer& m_gazetteer;
    GeocodeOptions m_options;
    recognize::GazetteerMatcher m_matcher;
    Resolver m_resolver;
    text::Normalizer m_normalizer;
};

}  // namespace conflictmap::resolve
