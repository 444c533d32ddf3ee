#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "events/event_tables.hpp"
#include "events/token_text.hpp"

namespace conflictmap::events {

// A calendar date (proleptic Gregorian).
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
    // Days since 1970-01-01.
    long days() const;
    static Date from_days(long days);
    // Monday 0 .. Sunday 6.
    int weekday() const;
    std::string iso() const;  // YYYY-MM-DD
    static std::optional<Date> parse_iso(std::string_view s);
    bool operator==(const Date&) const = default;
};

// A date expression in a sentence, resolved against the publication date.
struct DateMention {
    std::uint32_t first = 0;  // tokens [first, last)
    std::uint32_t last = 0;
    std::optional<Date> date;  // none when it needs a publication date the document lacks
    int precision = 1;         // ACLED time_precision: 1 day, 2 week, 3 month
    bool absolute = false;     // names the day itself ("5 March 2021"), not relative to the report
    bool background = false;   // a past era ("in the 1990s", "since 1994"): not a new event
};

// Finds and resolves date expressions: "5 March 2021", "March 5, 2021",
// "2021-03-05", "5 March" and "March 5" (the year of the publication date, or
// the year before when that would be after it), "between 27 and 31 March",
// "in July" (precision 3), weekdays ("on Sunday": the latest such day on or
// before the publication date), "yesterday", "last night", "last week"
// (precision 2, its Monday), "last month", "N days ago"; decades and years
// well before the publication date mark background.
class DateResolver {
public:
    explicit DateResolver(const EventTables& tables) : m_tables(tables) {}

    std::vector<DateMention> find(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                  const std::optional<Date>& published) const;

private:
    const EventTables& m_tables;
};

}  // namespace conflictmap::events
