#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer/gazetteer.hpp"
#include "recognize/mention.hpp"
#include "resolve/ranker.hpp"
#include "resolve/resolved_mention.hpp"

namespace conflictmap::resolve {

// One candidate place of a mention with the features it is scored by.
struct CandidateFeatures {
    std::uint32_t place = 0;  // index in the gazetteer
    gazetteer::MatchKind kind = gazetteer::MatchKind::Name;
    FeatureVector x{};
};

// Chooses a place for every mention of one document by a linear score over
// features (ranker.hpp): the gazetteer's prior (population, feature type,
// kind of name) and the document's context — countries, divisions and
// counties it names, its dominant country, "X, Y" patterns where Y contains
// X. Candidates and context are computed once per distinct name, so a long
// document repeating a name costs little. Weights are learned by
// `conflictmap train-ranker` from gold corpora.
class Resolver {
public:
    explicit Resolver(const gazetteer::Gazetteer& gazetteer);
    Resolver(const gazetteer::Gazetteer& gazetteer, const RankerWeights& weights);

    // `context`: further mentions whose places inform the choice but are not
    // resolved themselves (resolve-only mode: the recognizer's finds around
    // the user's spans).
    std::vector<ResolvedMention> resolve(std::string_view text,
                                         const std::vector<recognize::Mention>& mentions,
                                         const std::vector<recognize::Mention>& context = {}) const;

    // The candidates of each mention with their features (training).
    std::vector<std::vector<CandidateFeatures>> features(std::string_view text,
                                                         const std::vector<recognize::Mention>& mentions,
                                                         const std::vector<recognize::Mention>& context) const;

private:
    std::vector<CandidateFeatures> base_candidates(const recognize::Mention& mention) const;
    // Candidates with context features, per distinct name.
    std::map<std::string, std::vector<CandidateFeatures>> prepare(
        const std::vector<recognize::Mention>& mentions, const std::vector<recognize::Mention>& context) const;
    // All mentions, resolved and context, ordered by position.
    static std::vector<const recognize::Mention*> in_order(const std::vector<recognize::Mention>& mentions,
                                                           const std::vector<recognize::Mention>& context);
    // The mention right after `mention` when the text between says it
    // contains it ("X, Y", "X is a town in Y"); null otherwise.
    const recognize::Mention* container_of(std::string_view text, const std::vector<const recognize::Mention*>& all,
                                           const recognize::Mention& mention) const;
    bool contains(std::string_view text, const recognize::Mention& container, std::uint32_t place) const;
    // The mention is followed by a word for a division ("Djenné circle",
    // "Bajaur district"): it names the division around its town.
    static bool names_division(std::string_view text, const recognize::Mention& m);
    // The division or country a mention is said to lie in ("X, Y province")
    // when none of its candidates does: a place the gazetteer lacks, better
    // placed at Y than at a namesake abroad. Empty otherwise.
    std::optional<gazetteer::PlaceView> stated_division(std::string_view text, const recognize::Mention& container,
                                             const std::vector<CandidateFeatures>& cs,
                                                        const std::vector<char>& contained,
                                                        const gazetteer::PlaceView& chosen) const;

    const gazetteer::Gazetteer& m_gazetteer;
    RankerWeights m_weights;
};

// PLOVER resolution of a place (see ResolvedMention::resolution).
int resolution_of(const gazetteer::PlaceView& place);

}  // namespace conflictmap::resolve
