#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "events/detail/phrase_matcher.hpp"

namespace conflictmap::events {

// One ACLED sub-event type with its event type and PLOVER event and mode
// (geodata/events/taxonomy.tsv).
struct SubEventType {
    std::string code;  // "shelling"
    std::string event_type;
    std::string sub_event_type;
    std::string plover_event;
    std::string plover_mode;
};

// How a trigger's context refines its code (geodata/events/triggers.tsv).
enum class TriggerRule : std::uint8_t { Fixed, Attack, Protest, Territory, Bomb, Property, Weak, Blast, Strike, Clash };

struct TriggerInfo {
    int sub_event = -1;  // index into sub_events; -1 for "none" (a phrase that is no trigger)
    int priority = 0;
    TriggerRule rule = TriggerRule::Fixed;
};

// The word classes of geodata/events/words.tsv.
enum class WordClass : std::uint8_t {
    Irrealis, Accusation, Civilian, Military, Protester, Excessive, Violent, Intervention,
    Nonviolent, Weapons, Air, Property, StateForce, PoliceForce, Speech, Locative, Near, Filler,
    Crowd, Figurative, Count
};

enum class ActorKind : std::uint8_t { State, Police, Armed, Civilians, Protesters, Rioters };

struct ActorInfo {
    std::string name;  // may hold "{country}"
    ActorKind kind = ActorKind::Armed;
    bool needs_capital = false;  // a one-word proper name: matched only when capitalised
};

struct NumberWord {
    enum Kind : std::uint8_t { Unit, Ten, Scale, Vague } kind = Unit;
    long value = 0;
};

struct TimeWord {
    enum Kind : std::uint8_t { Month, Weekday, Day, Week, MonthRel } kind = Month;
    int value = 0;
};

// The event tables of geodata/events, compiled into the binary
// (src/CMakeLists.txt embeds them), parsed once per process. Read-only and
// shared by every thread.
class EventTables {
public:
    static const EventTables& builtin();
    // Parses tables given as text (tests); throws DataError naming the table and line.
    EventTables(std::string_view taxonomy, std::string_view triggers, std::string_view words,
                std::string_view actors, std::string_view numbers, std::string_view time_words);

    const std::vector<SubEventType>& sub_events() const { return m_sub_events; }
    int sub_event_index(std::string_view code) const;

    const detail::PhraseMatcher& triggers() const { return m_triggers; }
    const TriggerInfo& trigger(int id) const { return m_trigger_info[static_cast<std::size_t>(id)]; }

    const detail::PhraseMatcher& words(WordClass c) const { return m_words[static_cast<std::size_t>(c)]; }
    // A phrase of class c starts at token i (its end in *end).
    bool is(WordClass c, const TokenText& t, std::uint32_t i, std::uint32_t limit,
            std::uint32_t* end = nullptr) const {
        return words(c).at(t, i, limit, end);
    }

    const detail::PhraseMatcher& actors() const { return m_actors; }
    const ActorInfo& actor(int id) const { return m_actor_info[static_cast<std::size_t>(id)]; }

    const detail::PhraseMatcher& numbers() const { return m_numbers; }
    const NumberWord& number(int id) const { return m_number_info[static_cast<std::size_t>(id)]; }

    const detail::PhraseMatcher& time_words() const { return m_time_words; }
    const TimeWord& time_word(int id) const { return m_time_info[static_cast<std::size_t>(id)]; }

private:
    std::vector<SubEventType> m_sub_events;
    detail::PhraseMatcher m_triggers;
    std::vector<TriggerInfo> m_trigger_info;
    std::array<detail::PhraseMatcher, static_cast<std::size_t>(WordClass::Count)> m_words;
    detail::PhraseMatcher m_actors;
    std::vector<ActorInfo> m_actor_info;
    detail::PhraseMatcher m_numbers;
    std::vector<NumberWord> m_number_info;
    detail::PhraseMatcher m_time_words;
    std::vector<TimeWord> m_time_info;
};

}  // namespace conflictmap::events
