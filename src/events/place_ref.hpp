#pragma once

#include <cstdint>

#include "resolve/resolved_mention.hpp"

namespace conflictmap::events {

// A geocoded mention located in the token stream: tokens [first, last) of
// the TokenText, and the geocoder's result.
struct PlaceRef {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    const resolve::ResolvedMention* mention = nullptr;
    // ACLED notes' "Place (District, Province)": the place before the
    // parentheses is the site (anchored); the areas are context only.
    bool anchored = false;
    bool context_only = false;
    // Stands for a place the gazetteer lacks or puts in another country:
    // its first area that resolves in the areas' country.
    bool area_fallback = false;

    const gazetteer::PlaceView& place() const { return *mention->place; }
    bool demonym() const { return mention->mention.demonym; }
    // A country (an independent or dependent political entity).
    bool is_country() const {
        const auto& p = *mention->place;
        return p.feature_class == 'A' && p.feature_code.substr(0, 3) == "PCL";
    }
};

}  // namespace conflictmap::events
