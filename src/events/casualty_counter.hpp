#pragma once

#include <optional>

#include <cstdint>
#include <vector>

#include "events/event_tables.hpp"
#include "events/token_text.hpp"

namespace conflictmap::events {

struct Casualties {
    int fatalities = 0;
    int injured = 0;
    bool reported_deaths = false;  // a word of killing was seen, with or without a number
    // An analyst's explicit coding ("Fatalities coded as 4.", "[fatalities
    // coded as 10]"): it overrides every count of the note.
    std::optional<int> coded;
};

// Counts the dead and injured a sentence reports, by ACLED's rules: digits
// and number words ("seven", "twenty-five", "1,200"), vague counts from
// geodata/events/numbers.tsv ("several" 3, "dozens" 12, "hundreds" 100), the
// lower figure of a range ("between 10 and 15", "two or three") and of
// conflicting reports ("132 ... according to the government; local sources
// reported 160 dead"), the sum of distinct groups ("five soldiers and three
// civilians were killed"), "a soldier was killed" 1, an unnumbered plural
// ("killing civilians") 3, nothing reported 0. A number counts only in a
// killing or wounding construction: "N (people) were killed", "N dead",
// "killing N", "death toll rose to N", "leaving N dead".
class CasualtyCounter {
public:
    explicit CasualtyCounter(const EventTables& tables) : m_tables(tables) {}

    // Tokens in `masked` (dates) are not numbers.
    Casualties count(const TokenText& t, std::uint32_t first, std::uint32_t last,
                     const std::vector<bool>& masked) const;

private:
    const EventTables& m_tables;
};

}  // namespace conflictmap::events
