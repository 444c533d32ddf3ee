#include "events/actor_extractor.hpp"

#include <algorithm>

namespace conflictmap::events {

std::string ActorExtractor::with_country(const std::string& name, std::string_view country) {
    const std::size_t at = name.find("{country}");
    if (at == std::string::npos) return name;
    std::string out = name.substr(0, at);
    if (country.empty()) {
        // "Civilians ({country})" -> "Civilians"; "Military Forces of {country}" stays readable.
        while (!out.empty() && (out.back() == ' ' || out.back() == '(')) out.pop_back();
        if (out.size() >= 3 && out.compare(out.size() - 3, 3, " of") == 0) out.resize(out.size() - 3);
        std::string rest = name.substr(at + 9);
        if (!rest.empty() && rest[0] == ')') rest.erase(0, 1);
        return out + rest;
    }
    return out + std::string(country) + name.substr(at + 9);
}

std::vector<ActorMention> ActorExtractor::find(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                               const std::vector<PlaceRef>& places) const {
    std::vector<ActorMention> out;
    // Named and generic actors from the table, longest first.
    for (std::uint32_t i = first; i < last;) {
        const auto m = m_tables.actors().longest_at(t, i, last);
        if (m.id < 0) {
            ++i;
            continue;
        }
        const ActorInfo& info = m_tables.actor(m.id);
        if (info.needs_capital && !t.token(i).is(text::kUpperInitial) && !t.token(i).is(text::kAllCaps)) {
            ++i;
            continue;
        }
        out.push_back({i, m.end, info.name, info.kind, {}, false});
        i = m.end;
    }
    // A named group followed by a generic noun is one actor: "Houthi
    // fighters", "Islamic State militants", "M23 rebels".
    for (std::size_t k = 0; k + 1 < out.size();) {
        ActorMention& a = out[k];
        const ActorMention& b = out[k + 1];
        if (a.last == b.first && a.kind == ActorKind::Armed && b.kind == ActorKind::Armed &&
            a.name.find("{country}") == std::string::npos && b.name.find("{country}") != std::string::npos) {
            a.last = b.last;
            out.erase(out.begin() + static_cast<std::ptrdiff_t>(k) + 1);
            continue;
        }
        ++k;
    }
    // A country or demonym before an actor or a force noun gives it its country.
    for (const PlaceRef& p : places) {
        if (p.first < first || p.last > last || !p.mention->place) continue;
        const gazetteer::PlaceView& place = p.place();
        if (!p.is_country()) continue;
        const std::string country(place.name);
        // ACLED's own names: "Military Forces of Nigeria (2015-2023)", "Police Forces of Kenya (2022-)".
        if (p.first >= first + 3 && t.is(p.first - 1, "of") && t.is(p.first - 2, "forces") &&
            (t.is(p.first - 3, "military") || t.is(p.first - 3, "police")) &&
            t.token(p.first - 3).is(text::kUpperInitial)) {
            std::uint32_t end = p.last;
            if (end + 2 < last && t.is(end, "(") && t.token(end + 1).is(text::kDigit)) {
                std::uint32_t c = end + 1;
                while (c < last && c < end + 6 && (t.token(c).is(text::kDigit) || t.is_hyphen(c))) ++c;
                if (c < last && t.is(c, ")")) end = c + 1;
            }
            const std::uint32_t begin = p.first - 3;
            out.erase(std::remove_if(out.begin(), out.end(),
                                     [&](const ActorMention& a) { return a.first < end && a.last > begin; }),
                      out.end());
            const auto& a = t.token(begin);
            const auto& b = t.token(end - 1);
            std::string name(t.text().substr(a.begin, b.end - a.begin));
            const bool police = t.is(begin, "police");
            out.push_back({begin, end, name, police ? ActorKind::Police : ActorKind::State, country, false});
            continue;
        }
        std::uint32_t k = p.last;
        // "Russian-backed separatists" are not Russia's forces.
        if (k + 1 < last && t.is_hyphen(k) && (t.is(k + 1, "backed") || t.is(k + 1, "controlled") ||
                                               t.is(k + 1, "held") || t.is(k + 1, "allied")))
            continue;
        if (k < last && t.is(k, "'s")) ++k;
        // "Syrian government forces", "Ethiopian federal forces", "Saudi-led coalition".
        std::uint32_t skip = k;
        while (skip < last && skip < k + 2 &&
               (t.is(skip, "federal") || t.is(skip, "government") || t.is(skip, "special") ||
                t.is(skip, "regular") || t.is(skip, "armed") || t.is(skip, "national") ||
                t.is(skip, "security") || t.is(skip, "riot") || t.is_hyphen(skip) || t.is(skip, "led")))
            ++skip;
        // An actor from the table right after it takes its country.
        auto existing = std::find_if(out.begin(), out.end(), [&](const ActorMention& a) {
            return a.first >= k && a.first <= skip;
        });
        if (existing != out.end()) {
            if (existing->country.empty()) existing->country = country;
            existing->first = std::min(existing->first, p.first);
            continue;
        }
        std::uint32_t e = 0;
        for (std::uint32_t s : {skip, k}) {
            if (m_tables.is(WordClass::PoliceForce, t, s, last, &e)) {
                out.push_back({p.first, e, "Police Forces of {country}", ActorKind::Police, country, false});
                break;
            }
            if (m_tables.is(WordClass::StateForce, t, s, last, &e)) {
                out.push_back({p.first, e, "Military Forces of {country}", ActorKind::State, country, false});
                break;
            }
        }
        if (e) continue;
        // A country's name as the subject of a verb stands for its state:
        // "Azerbaijan said it had captured", "Russia launched". Not after a
        // preposition ("in Mali", "between Armenia and Azerbaijan" is
        // handled by the event's pairing).
        if (p.demonym()) continue;
        const bool after_prep = p.first > first && (m_tables.is(WordClass::Locative, t, p.first - 1, last) ||
                                                    m_tables.is(WordClass::Near, t, p.first - 1, last) ||
                                                    t.is(p.first - 1, "from"));
        const bool between = p.first > first && (t.is(p.first - 1, "between") ||
                                                 (t.is(p.first - 1, "and") && p.first >= first + 3 &&
                                                  t.is(p.first - 3, "between")));
        if (after_prep && !between) continue;
        if ((p.last < last && t.is_word(p.last) && !t.is(p.last, "'s") && !t.token(p.last).is(text::kUpperInitial)) ||
            between)
            out.push_back({p.first, p.last, "Military Forces of {country}", ActorKind::State, country, true});
    }
    std::sort(out.begin(), out.end(), [](const ActorMention& a, const ActorMention& b) { return a.first < b.first; });
    return out;
}

}  // namespace conflictmap::events
