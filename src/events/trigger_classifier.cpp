#include "events/trigger_classifier.hpp"

namespace conflictmap::events {

namespace {

// A source's attribution is no party to the event: ", police said",
// ", residents told AFP", "according to the army". At `k`: the end of
// such a clause beginning there, else `k`.
std::uint32_t attribution_end(const TokenText& t, std::uint32_t k, std::uint32_t last) {
    if (t.is(k, "according") && k + 1 < last && t.is(k + 1, "to")) {
        std::uint32_t e = k + 2;
        while (e < last && t.is_word(e)) ++e;
        return e;
    }
    if (!t.is(k, ",")) return k;
    for (std::uint32_t e = k + 1; e < last && e < k + 7; ++e) {
        if (!t.is_word(e) && !t.is_hyphen(e)) return k;
        if (t.is(e, "said") || t.is(e, "says") || t.is(e, "say") || t.is(e, "told") || t.is(e, "reported"))
            return e + 1;
    }
    return k;
}

}  // namespace

std::vector<TriggerHit> TriggerClassifier::find(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                                const std::vector<bool>& masked) const {
    std::vector<TriggerHit> out;
    for (std::uint32_t i = first; i < last;) {
        if (masked[i] || !t.is_word(i)) {
            ++i;
            continue;
        }
        const auto m = m_tables.triggers().longest_at(t, i, last);
        if (m.id < 0) {
            ++i;
            continue;
        }
        const TriggerInfo& info = m_tables.trigger(m.id);
        bool irrealis = false;
        // Three words back: "threatened to attack", "called on both sides to stop fighting".
        for (std::uint32_t k = i; k > first && k + 3 > i; --k) {
            const std::uint32_t j = k - 1;
            // "May", "Will Smith" are no modal verbs; "No clashes" at a sentence start is a "no".
            if ((t.token(j).is(text::kUpperInitial) && !t.token(j).is(text::kSentenceStart)) || masked[j]) continue;
            std::uint32_t e;
            if (m_tables.is(WordClass::Irrealis, t, j, i, &e) && e <= i) irrealis = true;
        }
        if (m_tables.words(WordClass::Accusation).ends_at(t, i, first)) irrealis = true;
        if (info.sub_event >= 0 && !irrealis)
            out.push_back({i, m.end, m.id, info.sub_event, info.priority, info.rule});
        i = m.end;
    }
    return out;
}

bool TriggerClassifier::any(WordClass c, const TokenText& t, std::uint32_t first, std::uint32_t last) const {
    for (std::uint32_t i = first; i < last; ++i) {
        if (c == WordClass::Crowd) i = attribution_end(t, i, last);  // ", residents said"
        if (i < last && m_tables.is(c, t, i, last)) return true;
    }
    return false;
}

const TriggerHit* TriggerClassifier::main(const TokenText& t, std::uint32_t last,
                                          const std::vector<TriggerHit>& hits) const {
    const TriggerHit* best = nullptr;
    bool strong = false;
    auto weak = [](const TriggerHit& h) { return h.rule == TriggerRule::Weak || h.rule == TriggerRule::Blast; };
    // A cause told after the event is not the event: "burned tyres in Jinja
    // after his arrest", "rioters burned shops after a kidnapping rumour",
    // "protests following the killing of a teenager".
    auto cause = [&](const TriggerHit& h) {
        for (std::uint32_t k = h.first, n = 0; k > 0 && n < 3; --k, ++n) {
            if (!t.is_word(k - 1)) return false;
            if (t.is(k - 1, "after") || t.is(k - 1, "following") || t.is(k - 1, "over")) return true;
        }
        return false;
    };
    bool effect = false;
    for (const auto& h : hits) effect = effect || (!weak(h) && !cause(h));
    for (const auto& h : hits) strong = strong || !weak(h);
    for (const auto& h : hits) {
        if (strong && weak(h)) continue;
        if (effect && cause(h)) continue;
        if (h.rule == TriggerRule::Property &&
            !any(WordClass::Property, t, h.last, std::min<std::uint32_t>(last, h.last + 6)))
            continue;
        if (!best || h.priority > best->priority) best = &h;
    }
    return best;
}

int TriggerClassifier::classify(const TriggerHit& hit, const TokenText& t, std::uint32_t first,
                                std::uint32_t last, const TriggerContext& context) const {
    auto code = [&](const char* c) { return m_tables.sub_event_index(c); };
    switch (hit.rule) {
        case TriggerRule::Fixed:
        case TriggerRule::Weak:
        case TriggerRule::Property:
            // Looting and arson by a crowd is a riot (ACLED): "looters ransacked malls", "youths set fire to cars".
            if (context.actor1_crowd && hit.sub_event == code("looting")) return code("violent_demonstration");
            return hit.sub_event;
        case TriggerRule::Strike:
            for (std::uint32_t k = first; k < last; ++k)
                if (t.word(k).rfind("missile", 0) == 0 || t.word(k).rfind("rocket", 0) == 0 ||
                    t.is(k, "artillery"))
                    return code("shelling");
            return code("air_strike");
        case TriggerRule::Clash:
            if (any(WordClass::Crowd, t, first, last) || any(WordClass::Violent, t, first, hit.first))
                return code("violent_demonstration");
            return hit.sub_event;
        case TriggerRule::Blast:
        case TriggerRule::Bomb:
            if (any(WordClass::Air, t, first, last)) return code("air_strike");
            if (context.actor1_state) return code("shelling");
            return code("remote_explosive");
        case TriggerRule::Territory: {
            if (any(WordClass::Nonviolent, t, first, last)) return code("nonviolent_transfer");
            // "seized weapons", "captured a cache of arms".
            for (std::uint32_t k = hit.last; k < last && k < hit.last + 4; ++k) {
                if (m_tables.is(WordClass::Weapons, t, k, last)) return code("disrupted_weapons");
                // "seized three aid workers": people taken are abducted.
                if (m_tables.is(WordClass::Civilian, t, k, last) && k > hit.last && t.word(k) != "market" &&
                    t.word(k) != "hotel" && t.word(k) != "school" && t.word(k) != "camp")
                    return code("abduction");
            }
            return code(context.actor1_state ? "government_regains" : "nonstate_overtakes");
        }
        case TriggerRule::Protest:
            if (any(WordClass::Violent, t, first, last)) return code("violent_demonstration");
            if (context.fatalities > 0 || any(WordClass::Excessive, t, first, last)) return code("excessive_force");
            if (any(WordClass::Intervention, t, first, last)) return code("protest_intervention");
            return code("peaceful_protest");
        case TriggerRule::Attack: {
            // A crowd storming or attacking: "supporters stormed the Congress".
            if (context.actor1_crowd) return code("violent_demonstration");
            // The victims: the words after the trigger up to the clause's
            // end, and for "N were killed" the words before it.
            std::uint32_t from = hit.last, to = hit.last;
            while (to < last && to < hit.last + 10 && !t.is(to, ";") && !t.is(to, ".")) ++to;
            if (hit.first >= first + 2 && (t.is(hit.first - 1, "were") || t.is(hit.first - 1, "was")))
                from = hit.first >= first + 5 ? hit.first - 5 : first;
            else if (from > hit.first)
                from = hit.last;
            bool civilians = false, forces = false, protesters = false;
            auto scan = [&](std::uint32_t a, std::uint32_t b) {
                for (std::uint32_t k = a; k < b; ++k) {
                    k = attribution_end(t, k, b);  // ", police said"
                    if (k >= b) break;
                    if (m_tables.is(WordClass::Protester, t, k, last)) protesters = true;
                    else if (m_tables.is(WordClass::Civilian, t, k, last)) civilians = true;
                    else if (m_tables.is(WordClass::Military, t, k, last)) forces = true;
                }
            };
            scan(hit.last, to);
            if (from < hit.first) scan(from, hit.first);
            if (protesters) return code("excessive_force");
            if (civilians) return code("attack");
            if (forces) return code("armed_clash");
            return code("attack");
        }
    }
    return hit.sub_event;
}

}  // namespace conflictmap::events
