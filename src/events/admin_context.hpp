#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "events/place_ref.hpp"
#include "events/token_text.hpp"
#include "gazetteer/gazetteer.hpp"
#include "resolve/resolved_mention.hpp"

namespace conflictmap::events {

// ACLED notes name a place with its administrative areas in parentheses:
// "near Kagara (Rafi, Niger)", "in Hays district (Al Hudaydah)",
// "Mogadishu - Hodan (Banadir)". The place before the parentheses is where
// the event happened; the areas say which of its homonyms it is and, when
// the gazetteer lacks the place, where to put it instead (the first, most
// specific area that resolves).
struct AdminAnchor {
    std::uint32_t open = 0, close = 0;  // tokens of "(" and ")"
    int main = -1;                      // index of the anchored place in the refs, -1 when none is recognised
    bool main_named = false;            // a capitalised name stands before the parentheses
    bool main_unlocatable = false;      // the recognised name has no homonym in the areas' country
    std::vector<int> areas;             // refs inside the parentheses
    std::optional<resolve::ResolvedMention> fallback;  // the first area, resolved in the areas' country
    std::uint32_t fallback_first = 0, fallback_last = 0;
};

class AdminContext {
public:
    explicit AdminContext(const gazetteer::Gazetteer& gazetteer) : m_gazetteer(gazetteer) {}

    // Finds the anchors of a document and corrects the places of the
    // anchored names: a name resolved outside the country of its areas
    // ("Ariha (Idleb)" as Jericho) takes its homonym in that country, the
    // owned copy kept in `owned`, and `refs` points at it.
    std::vector<AdminAnchor> apply(const TokenText& t, std::vector<PlaceRef>& refs,
                                   std::deque<resolve::ResolvedMention>& owned) const;

private:
    const gazetteer::Gazetteer& m_gazetteer;
};

}  // namespace conflictmap::events
