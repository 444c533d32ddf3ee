#pragma once

#include <cstdint>
#include <vector>

#include "events/event_tables.hpp"
#include "events/token_text.hpp"

namespace conflictmap::events {

// A trigger found in a sentence: tokens [first, last) and its table row.
struct TriggerHit {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    int id = -1;
    int sub_event = -1;
    int priority = 0;
    TriggerRule rule = TriggerRule::Fixed;
};

// What the classifier needs to know about the rest of the event.
struct TriggerContext {
    bool actor1_state = false;  // the agent is a state's forces
    bool actor1_crowd = false;  // the agent is a crowd: protesters, rioters, supporters, youths, looters
    int fatalities = 0;
};

// Finds the triggers of a sentence (geodata/events/triggers.tsv) and codes
// the event: the trigger of highest priority wins (ACLED: one event, one
// code), then its rule reads the context (docs/events.md): victims for an
// attack, cues of violence or intervention for a protest, the taker for
// territory, aircraft for a bombing.
class TriggerClassifier {
public:
    explicit TriggerClassifier(const EventTables& tables) : m_tables(tables) {}

    // Triggers in [first, last), longest match at each position; none on
    // `masked` tokens (dates), none after a word of the irrealis or
    // accusation classes ("to stop fighting", "suspected of looting").
    std::vector<TriggerHit> find(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                 const std::vector<bool>& masked) const;

    // The main trigger of a sentence (nullptr when none): highest priority,
    // the earliest on a tie; weak triggers only when alone; a property
    // trigger only with a property word after it.
    const TriggerHit* main(const TokenText& t, std::uint32_t last, const std::vector<TriggerHit>& hits) const;

    // The sub-event type (index into EventTables::sub_events()) of the
    // event the trigger names, its rule applied in context.
    int classify(const TriggerHit& hit, const TokenText& t, std::uint32_t first, std::uint32_t last,
                 const TriggerContext& context) const;

    bool any(WordClass c, const TokenText& t, std::uint32_t first, std::uint32_t last) const;

private:
    const EventTables& m_tables;
};

}  // namespace conflictmap::events
