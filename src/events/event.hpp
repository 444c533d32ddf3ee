#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "events/date_resolver.hpp"
#include "gazetteer/gazetteer.hpp"

namespace conflictmap::events {

// A piece of the document: its text and code point offsets (Python slicing).
struct TextSpan {
    std::string text;
    std::uint32_t start = 0;
    std::uint32_t end = 0;
};

// Where an event happened: a gazetteer place, the mention that named it
// (none when a fallback chose a place the sentence does not name), ACLED's
// geo_precision (1 the place itself, 2 near it or a district, 3 a province,
// region or country) and the rule that chose it (docs/events.md, "reason").
struct EventLocation {
    gazetteer::PlaceView place;
    std::optional<TextSpan> mention;
    int resolution = 0;  // PLOVER's scale, as geocode reports it
    int geo_precision = 3;
    std::string reason;
};

// One event coded the ACLED way (INTERFACES.md, "Event"): one type, one
// place, one day.
struct Event {
    std::string event_type;
    std::string sub_event_type;
    std::string plover_event;
    std::string plover_mode;
    std::string actor1;  // "" when the text names none
    std::string actor2;
    int fatalities = 0;
    int injured = 0;
    std::optional<Date> date;  // none when the text gives no date and the document none either
    int time_precision = 1;    // 1 day, 2 week, 3 month
    std::string date_reason;   // sentence, paragraph, document, publication
    std::optional<EventLocation> location;
    TextSpan trigger;
    TextSpan sentence;
};

}  // namespace conflictmap::events
