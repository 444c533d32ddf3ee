#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_tables.hpp"
#include "events/place_ref.hpp"
#include "events/token_text.hpp"

namespace conflictmap::events {

// An actor named in a sentence: tokens [first, last), its name (which may
// still hold "{country}"), kind, and the country a demonym or country name
// gave it ("Azerbaijani forces").
struct ActorMention {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    std::string name;
    ActorKind kind = ActorKind::Armed;
    std::string country;  // a country's name, "" when the text gave none
    bool from_country_name = false;  // "Azerbaijan said it had captured": a country standing for its forces
};

// Finds the actors of a sentence: named groups and generic nouns from
// geodata/events/actors.tsv ("Boko Haram", "gunmen", "protesters"), state
// forces from a country or demonym before a force noun ("Azerbaijani
// forces", "Malian soldiers", "Turkish artillery", "Azerbaijani shelling":
// Military Forces of X; "Kenyan police": Police Forces of X), and a
// country's name as the subject of a sentence ("Azerbaijan said it had
// captured"), which stands for its forces.
class ActorExtractor {
public:
    explicit ActorExtractor(const EventTables& tables) : m_tables(tables) {}

    std::vector<ActorMention> find(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                   const std::vector<PlaceRef>& places) const;

    // Fills "{country}" in an actor's name.
    static std::string with_country(const std::string& name, std::string_view country);

private:
    const EventTables& m_tables;
};

}  // namespace conflictmap::events
