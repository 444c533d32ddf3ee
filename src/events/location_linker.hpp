#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "events/actor_extractor.hpp"
#include "events/event_tables.hpp"
#include "events/place_ref.hpp"
#include "events/token_text.hpp"
#include "events/trigger_classifier.hpp"

namespace conflictmap::events {

// The place a trigger links to in its sentence, how, and the places listed
// with it ("shelled Stepanakert, Martuni and Hadrut": one event each, ACLED's
// one-place-one-event rule).
struct SentenceLink {
    const PlaceRef* place = nullptr;
    int geo_precision = 1;
    std::string reason;  // trigger-object, trigger-subject, preposition, near, same-clause, same-sentence
    std::vector<const PlaceRef*> listed;  // more places of the same list, in order
};

// Links an event's trigger to the place where it happened, within its
// sentence: the place the trigger acts on ("shelled X", "X was shelled"),
// a place after a locative preposition ("in/at/into X"; "near/outside/west
// of X" lowers precision to 2), else the nearest place, the same clause
// first. Places that only name an actor ("Karen rebels"), a source ("a claim
// Yerevan denied"), an owner ("Karabakh's presidency") or an origin ("fired
// from Gaza") are passed over. Document-level fallbacks are the extractor's.
class LocationLinker {
public:
    explicit LocationLinker(const EventTables& tables) : m_tables(tables) {}

    SentenceLink link(const TokenText& t, std::uint32_t first, std::uint32_t last, const TriggerHit& trigger,
                      const std::vector<PlaceRef>& places, const std::vector<ActorMention>& actors) const;

    // ACLED geo_precision of a place named in the text: 1 a town or smaller,
    // 2 a district, 3 a province, region or country.
    static int precision_of(int resolution) { return resolution >= 4 ? 1 : resolution == 3 ? 2 : 3; }

    // Whether a place can be where an event happened at all (not an actor's
    // name, a source of a statement, an owner, an origin).
    bool can_be_site(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p,
                     const std::vector<ActorMention>& actors) const;

private:
    enum class Link { None, Object, Subject, Locative, Near };
    bool is_area_after(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p,
                       const PlaceRef& q, std::uint32_t end) const;
    Link link_of(const TokenText& t, std::uint32_t first, std::uint32_t last, const TriggerHit& trigger,
                 const PlaceRef& p) const;
    const EventTables& m_tables;
};

}  // namespace conflictmap::events
