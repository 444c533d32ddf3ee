#include "gazetteer/prior.hpp"

#include <algorithm>
#include <cmath>

#include "gazetteer/feature_class.hpp"

namespace conflictmap::gazetteer {

namespace {

struct TypeWeight {
    double floor_population;  // assumed when the source gives none
    double bonus;             // added on the log10 scale
};

TypeWeight type_weight(const Place& p) {
    const std::string_view code = p.feature_code;
    switch (p.feature_class) {
        case 'A':
            // Countries: 10^6 floor and +3, so "Georgia" the country (3.7 M)
            // ranks above the US state, and every country above any town.
            if (is_country_code(code)) return {1e6, 3.0};
            // Divisions get the population of their places (derived at build
            // time), less half a unit: a division named after its main city
            // needs three times the city's population to outrank it, since
            // news means the city ("Geneva", "Baku", "New York").
            if (code == "ADM1") return {1e4, -0.5};
            if (code == "ADM2") return {1e4, -0.5};
            if (code == "ADMD") return {1e5, 0.3};
            return {1e3, 0.0};
        case 'P':
            if (is_capital_code(code)) return {1e4, 1.0};
            if (code == "PPLA") return {1e3, 0.3};
            if (code.starts_with("PPLA")) return {1e3, 0.1};
            if (code == "PPLH" || code == "PPLQ") return {0, -1.0};  // historical, abandoned
            return {0, 0.0};
        case 'L':
            if (code == "CONT") return {1e8, 1.0};
            if (code == "RGN" || code == "ZN") return {1e6, 0.5};
            return {1e4, 0.0};
        case 'H':
            if (code == "OCN") return {1e8, 0.5};
            if (code == "SEA" || code == "GULF") return {1e6, 0.5};
            if (code == "STM" || code == "LK" || code == "STRT" || code == "BAY" || code == "CNL")
                return {1e5, 0.3};
            return {1e3, 0.0};
        case 'T':
            if (code == "MTS" || code == "DSRT" || code == "PEN" || code == "PLAT")
                return {1e5, 0.3};
            return {1e3, 0.0};
        default:
            return {1e2, 0.0};
    }
}

}  // namespace

float place_prior(const Place& place) {
    const TypeWeight w = type_weight(place);
    const double pop = std::max(static_cast<double>(place.population), w.floor_population);
    return static_cast<float>(std::log10(pop + 1.0) + w.bonus);
}

float match_penalty(MatchKind kind) {
    switch (kind) {
        case MatchKind::Name: return 0.0f;
        case MatchKind::Abbreviation: return 0.0f;
        case MatchKind::Demonym: return 0.0f;
        case MatchKind::Alternate: return 0.3f;
        case MatchKind::Transliteration: return 0.6f;
        case MatchKind::Historic: return 1.0f;
        case MatchKind::Partial: return 1.5f;
        case MatchKind::Context: return 3.0f;
    }
    return 1.0f;
}

}  // namespace conflictmap::gazetteer
