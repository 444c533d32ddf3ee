#include "events/event_tables.hpp"

#include <charconv>
#include <initializer_list>
#include <map>
#include <utility>

#include "core/error.hpp"
#include "event_tables_data.hpp"
#include "io/line_reader.hpp"

namespace conflictmap::events {

namespace {

// The value a table's word names, or a DataError naming the file and line.
template <typename Enum>
Enum pick(const char* file, std::uint64_t line, const char* what, std::string_view word,
          std::initializer_list<std::pair<std::string_view, Enum>> values) {
    for (const auto& [name, value] : values)
        if (word == name) return value;
    throw DataError(file, line, std::string("unknown ") + what + " '" + std::string(word) + "'");
}

// Calls row(fields, line) for every data line of a table: '#' comments and
// blank lines skipped, the header line (the first data line) checked
// against `columns`.
template <typename Row>
void each_row(std::string_view name, std::string_view text, std::size_t columns, Row row) {
    std::vector<std::string_view> fields;
    std::uint64_t line_no = 0;
    bool header = true;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty() && line[0] != '#') {
            io::split(line, '\t', fields);
            if (fields.size() != columns)
                throw DataError(std::string(name), line_no,
                                "expected " + std::to_string(columns) +
                                    " tab-separated fields, found " +
                                    std::to_string(fields.size()));
            if (!header) row(fields, line_no);
            header = false;
        }
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
}

long to_long(std::string_view name, std::uint64_t line, std::string_view s) {
    long v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size())
        throw DataError(std::string(name), line, "not a number: '" + std::string(s) + "'");
    return v;
}

const std::map<std::string_view, WordClass>& class_names() {
    static const std::map<std::string_view, WordClass> m = {
        {"irrealis", WordClass::Irrealis},
        {"accusation", WordClass::Accusation},
        {"civilian", WordClass::Civilian},
        {"military", WordClass::Military},
        {"protester", WordClass::Protester},
        {"excessive", WordClass::Excessive},
        {"violent", WordClass::Violent},
        {"intervention", WordClass::Intervention},
        {"nonviolent", WordClass::Nonviolent},
        {"weapons", WordClass::Weapons},
        {"air", WordClass::Air},
        {"property", WordClass::Property},
        {"state_force", WordClass::StateForce},
        {"police_force", WordClass::PoliceForce},
        {"speech", WordClass::Speech},
        {"locative", WordClass::Locative},
        {"near", WordClass::Near},
        {"filler", WordClass::Filler},
        {"crowd", WordClass::Crowd},
        {"figurative", WordClass::Figurative}};
    return m;
}

}  // namespace

const EventTables& EventTables::builtin() {
    static const EventTables tables(data::kTaxonomy, data::kTriggers, data::kWords, data::kActors,
                                    data::kNumbers, data::kTimeWords);
    return tables;
}

EventTables::EventTables(std::string_view taxonomy, std::string_view triggers,
                         std::string_view words, std::string_view actors, std::string_view numbers,
                         std::string_view time_words) {
    each_row("geodata/events/taxonomy.tsv", taxonomy, 5, [&](const auto& f, std::uint64_t) {
        m_sub_events.push_back({std::string(f[0]), std::string(f[1]), std::string(f[2]),
                                std::string(f[3]), std::string(f[4])});
    });
    const char* kTriggers = "geodata/events/triggers.tsv";
    each_row(kTriggers, triggers, 4, [&](const auto& f, std::uint64_t line) {
        TriggerInfo info;
        if (f[1] != "none") {
            info.sub_event = sub_event_index(f[1]);
            if (info.sub_event < 0)
                throw DataError(kTriggers, line,
                                "unknown sub-event code '" + std::string(f[1]) + "'");
        }
        info.priority = static_cast<int>(to_long(kTriggers, line, f[2]));
        const std::string_view r = f[3];
        info.rule = pick<TriggerRule>(kTriggers, line, "rule", r,
                                      {{"attack", TriggerRule::Attack},
                                       {"protest", TriggerRule::Protest},
                                       {"territory", TriggerRule::Territory},
                                       {"bomb", TriggerRule::Bomb},
                                       {"property", TriggerRule::Property},
                                       {"weak", TriggerRule::Weak},
                                       {"blast", TriggerRule::Blast},
                                       {"strike", TriggerRule::Strike},
                                       {"clash", TriggerRule::Clash},
                                       {"-", TriggerRule::Fixed}});
        m_triggers.add(f[0]);
        m_trigger_info.push_back(info);
    });
    const char* kWords = "geodata/events/words.tsv";
    each_row(kWords, words, 2, [&](const auto& f, std::uint64_t line) {
        const auto it = class_names().find(f[0]);
        if (it == class_names().end())
            throw DataError(kWords, line, "unknown word class '" + std::string(f[0]) + "'");
        m_words[static_cast<std::size_t>(it->second)].add(f[1]);
    });
    const char* kActors = "geodata/events/actors.tsv";
    each_row(kActors, actors, 3, [&](const auto& f, std::uint64_t line) {
        ActorInfo a;
        a.name = std::string(f[1]);
        const std::string_view k = f[2];
        a.kind = pick<ActorKind>(kActors, line, "actor kind", k,
                                 {{"state", ActorKind::State},
                                  {"police", ActorKind::Police},
                                  {"armed", ActorKind::Armed},
                                  {"civilians", ActorKind::Civilians},
                                  {"protesters", ActorKind::Protesters},
                                  {"rioters", ActorKind::Rioters}});
        // A one-word proper name ("Fano", "RSF") is a name only when written
        // with a capital: "ira", "eta" are words too.
        a.needs_capital = a.name.find("{country}") == std::string::npos &&
                          f[0].find(' ') == std::string_view::npos;
        m_actors.add(f[0]);
        m_actor_info.push_back(std::move(a));
    });
    const char* kNumbers = "geodata/events/numbers.tsv";
    each_row(kNumbers, numbers, 3, [&](const auto& f, std::uint64_t line) {
        NumberWord n;
        n.value = to_long(kNumbers, line, f[1]);
        const std::string_view k = f[2];
        n.kind = k == "unit"    ? NumberWord::Unit
                 : k == "ten"   ? NumberWord::Ten
                 : k == "scale" ? NumberWord::Scale
                 : k == "vague"
                     ? NumberWord::Vague
                     : throw DataError(kNumbers, line, "unknown kind '" + std::string(k) + "'");
        m_numbers.add(f[0]);
        m_number_info.push_back(n);
    });
    const char* kTime = "geodata/events/time_words.tsv";
    each_row(kTime, time_words, 3, [&](const auto& f, std::uint64_t line) {
        TimeWord w;
        const std::string_view k = f[1];
        w.kind = k == "month"     ? TimeWord::Month
                 : k == "weekday" ? TimeWord::Weekday
                 : k == "day"     ? TimeWord::Day
                 : k == "week"    ? TimeWord::Week
                 : k == "month_rel"
                     ? TimeWord::MonthRel
                     : throw DataError(kTime, line, "unknown kind '" + std::string(k) + "'");
        w.value = static_cast<int>(to_long(kTime, line, f[2]));
        m_time_words.add(f[0]);
        m_time_info.push_back(w);
    });
}

int EventTables::sub_event_index(std::string_view code) const {
    for (std::size_t i = 0; i < m_sub_events.size(); ++i)
        if (m_sub_events[i].code == code) return static_cast<int>(i);
    return -1;
}

}  // namespace conflictmap::events
