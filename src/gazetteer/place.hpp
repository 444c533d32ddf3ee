#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace conflictmap::gazetteer {

// How a name reaches a place. The order is the order of trust: a candidate
// found by its main name ranks above one found by a transliterated alias.
enum class MatchKind : std::uint8_t {
    Name = 0,             // the place's main name or its ASCII form
    Abbreviation = 1,     // "U.S.", "W.Va.", "DRC"
    Demonym = 2,          // "Azerbaijani", "Armenians": stands for the place
    Alternate = 3,        // another name in Latin script
    Transliteration = 4,  // a name written in another script, met through ICU Any-Latin
    Historic = 5,         // a former name ("Tiflis")
    // Not a kind of name: a span no name matched, placed from its words or
    // from the document's context (resolve-only mode). Never in the index.
    Partial = 6,          // a part of the span is a place name ("Arizona State University")
    Context = 7,          // the place the document is about ("Royal Street" -> New Orleans)
};

const char* to_string(MatchKind kind);

// Where a place came from; user places win ties (docs/data.md).
enum class Source : std::uint8_t {
    GeoNames = 0,
    NaturalEarth = 1,
    Countries = 2,
    Curated = 3,
    Derived = 4,
    User = 5,
};

const char* to_string(Source source);

// Ids below this are GeoNames ids; ours (curated, derived, users' places
// without an id) are allocated above it so the two never collide.
inline constexpr std::int64_t kOwnIdBase = 10'000'000'000;

inline bool is_geonames_id(std::int64_t id) { return id > 0 && id < kOwnIdBase; }

struct BoundingBox {
    double west = NAN, south = NAN, east = NAN, north = NAN;  // west > east crosses 180°
    bool valid() const { return !std::isnan(west); }
};

struct PlaceName {
    std::string text;
    MatchKind kind;
};

// A place as the builder assembles it from the sources, before it is written
// to the index (where it is read back as a PlaceView).
struct Place {
    std::int64_t id = 0;
    std::string name;
    std::vector<PlaceName> names;  // every other name it can be found by
    char feature_class = 0;        // GeoNames class: A, H, L, P, R, S, T, U, V
    std::string feature_code;      // GeoNames code: PPLC, ADM1, PCLI, RGN, SEA ...
    std::string country_code;      // ISO 3166-1 alpha-2, empty for multi-country features
    std::string admin1_code;       // GeoNames admin1 code within the country ("61", "GA")
    std::string admin1_name;
    std::string admin2_code;
    std::string admin2_name;
    std::uint64_t population = 0;
    double lat = 0;
    double lon = 0;
    BoundingBox bbox;
    Source source = Source::GeoNames;

    // Adds a name, or improves the kind of one already there (the best kind
    // wins); with `force`, sets the kind even if worse (a dump's own flags,
    // such as historic, know better than a guess from the letters).
    void add_name(std::string text, MatchKind kind, bool force = false);
};

// Kind of an alternate name judged from its letters: short all-capital forms
// ("USA", "U.S.", "UAE") are abbreviations, names in a script other than
// Latin are transliterations (they are found through ICU Any-Latin), the
// rest are alternates.
MatchKind classify_name(std::string_view name);

}  // namespace conflictmap::gazetteer
