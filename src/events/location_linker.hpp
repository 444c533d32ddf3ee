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
// Yerevan denied"), an owner ("Karabakh's presidency"), an origin ("fired
// from Gaza") or a modifier ("Iran-backed") are passed over. A place inside
// a name ("St Francis Catholic Church", "Hugo Chavez"), a route's end ("the
// Abuja-Kaduna train") or a place describing a noun ("the Tombouctou
// passenger boat") counts as linked by no word. An area's possessive ("Lviv
// oblast's Krasne") makes the area context and links the name through it.
// Document-level fallbacks are the extractor's.
class LocationLinker {
public:
    explicit LocationLinker(const EventTables& tables) : m_tables(tables) {}

    // `from_is_site`: "from X" says where, not whence (an abduction: "took
    // 30 women from X"; a withdrawal: "withdrew from X").
    SentenceLink link(const TokenText& t, std::uint32_t first, std::uint32_t last, const TriggerHit& trigger,
                      const std::vector<PlaceRef>& places, const std::vector<ActorMention>& actors,
                      bool from_is_site = false) const;

    // ACLED geo_precision of a place named in the text: 1 a town or smaller,
    // 2 a district, 3 a province, region or country.
    static int precision_of(int resolution) { return resolution >= 4 ? 1 : resolution == 3 ? 2 : 3; }

    // Whether a place can be where an event happened at all (not an actor's
    // name, a source of a statement, an owner, an origin unless
    // `from_is_site`, a modifier like "Iran-backed").
    bool can_be_site(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p,
                     const std::vector<ActorMention>& actors, bool from_is_site = false) const;

private:
    enum class Link { None, Object, Subject, Locative, Near };
    static bool is_compound_modifier(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p);
    static bool in_name(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p);
    static bool is_route_end(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p);
    static std::uint32_t owned_name(const TokenText& t, std::uint32_t last, const PlaceRef& p);
    bool is_attributive(const TokenText& t, std::uint32_t first, std::uint32_t last, const TriggerHit& trigger,
                        std::uint32_t place_first, std::uint32_t noun) const;
    bool is_area_after(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p,
                       const PlaceRef& q, std::uint32_t end) const;
    Link link_of(const TokenText& t, std::uint32_t first, std::uint32_t last, const TriggerHit& trigger,
                 const PlaceRef& p) const;
    const EventTables& m_tables;
};

}  // namespace conflictmap::events
