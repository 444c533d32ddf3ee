#pragma once

#include <array>
#include <string>
#include <string_view>

namespace conflictmap::resolve {

// The features a candidate place is scored by (docs/design.md, "Ranking").
// Values are on comparable scales: the prior in log10 population, shares in
// [0, 1], indicators 0/1.
enum Feature : int {
    kPrior = 0,          // gazetteer prior: log10 population with feature-type floors and bonuses
    kNamePenalty,        // penalty of the kind of name (alternate 0.3 ... context 3)
    kCountryShare,       // share of the other names' country evidence held by its country
    kDominantCountry,    // its country is the document's dominant one
    kAdmin1Named,        // its first-level division is named elsewhere in the document
    kAdmin2Named,        // its second-level division (county) is named elsewhere
    kContainedByNext,    // "X, Y" with Y its country or division
    kCityOfItsDivision,  // a city of 100,000+ named like the division it lies in
    kIsCountry,
    kIsAdmin1,
    kIsAdmin2,
    kIsPopulated,
    kIsCapital,
    kIsRegion,           // L: continents, regions
    kIsWater,            // H
    kIsTerrain,          // T
    kLogPopulation,      // log10(population + 1), the raw size without type floors
    kAlternateName,      // found by an alternate (not main) name
    kTransliteratedName, // found by a name in another script
    kAbbreviation,       // found by an abbreviation ("U.S.", "W.Va.")
    kDemonym,            // found by a demonym ("Azerbaijani")
    kFirstCandidate,     // the gazetteer's own first choice for the name
    kFeatureCount
};

const char* feature_name(Feature f);

using FeatureVector = std::array<float, kFeatureCount>;

// Linear weights over the features: score = w . x. The built-in weights are
// geodata/ranker/weights.tsv, compiled in; `conflictmap train-ranker`
// learns them from gold corpora.
class RankerWeights {
public:
    static const RankerWeights& builtin();
    // geodata/ranker/start_weights.tsv: the hand-set point training starts from.
    static const RankerWeights& starting();
    // Parses "feature<TAB>weight" lines ('#' comments); unknown or missing
    // features are errors naming the file and line.
    static RankerWeights parse(std::string_view text, const std::string& source);

    float score(const FeatureVector& x) const;
    float& operator[](int f) { return m_w[static_cast<std::size_t>(f)]; }
    float operator[](int f) const { return m_w[static_cast<std::size_t>(f)]; }
    std::string to_tsv(const std::string& header) const;

private:
    std::array<float, kFeatureCount> m_w{};
};

}  // namespace conflictmap::resolve
