#pragma once

#include <optional>

#include "gazetteer/gazetteer.hpp"
#include "recognize/mention.hpp"

namespace conflictmap::resolve {

// A mention and the place chosen for it (none when no candidate is
// plausible: the offsets are still reported, unresolved).
struct ResolvedMention {
    recognize::Mention mention;
    std::optional<gazetteer::PlaceView> place;
    gazetteer::MatchKind match = gazetteer::MatchKind::Name;
    float score = 0;  // 0-1 confidence
    // PLOVER's scale: 5 sub-city, 4 city, 3 district, 2 province, 1 country or larger.
    int resolution = 0;
    // Placed through a part of its name far from the document's other
    // places: the document's focus, when it has one, is the better guess.
    bool doubtful = false;
};

}  // namespace conflictmap::resolve
