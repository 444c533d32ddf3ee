#pragma once

#include <string_view>
#include <vector>

#include "gazetteer/gazetteer.hpp"
#include "recognize/mention.hpp"
#include "resolve/resolved_mention.hpp"

namespace conflictmap::resolve {

// Chooses a place for every mention of one document: the gazetteer's prior
// (population, feature type, kind of name) plus the document's context —
// countries and first-level divisions it names (each mention of a country
// lifts the candidates inside it), the dominant country, and "X, Y"
// patterns where Y contains X. A learned ranker (issue "geocode") will
// replace the hand-set weights; the interface stays.
class Resolver {
public:
    explicit Resolver(const gazetteer::Gazetteer& gazetteer);

    // `context`: further mentions whose places inform the choice but are not
    // resolved themselves (resolve-only mode: the recognizer's finds around
    // the user's spans).
    std::vector<ResolvedMention> resolve(std::string_view text,
                                         const std::vector<recognize::Mention>& mentions,
                                         const std::vector<recognize::Mention>& context = {}) const;

private:
    const gazetteer::Gazetteer& m_gazetteer;
};

// PLOVER resolution of a place (see ResolvedMention::resolution).
int resolution_of(const gazetteer::PlaceView& place);

}  // namespace conflictmap::resolve
