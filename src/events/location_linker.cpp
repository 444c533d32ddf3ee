#include "events/location_linker.hpp"

#include <algorithm>
#include <cstdlib>

namespace conflictmap::events {

namespace {

bool any_word(const std::string& w, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

// Words naming an administrative area after its name ("Cherkasy oblast", "Doma LGA").
bool is_area_word(const std::string& w) {
    return any_word(w, {"oblast", "province", "region", "state", "governorate", "district", "department", "county",
                        "division", "prefecture", "cercle", "circle", "lga", "territory", "municipality",
                        "subdivision", "township", "raion", "krai", "kray", "wilaya", "emirate"});
}

// The words of a date, capitalised but no part of a name ("in Batumi Sunday", "Kherson Oblast").
bool is_calendar_word(const std::string& w) {
    return any_word(w, {"january", "february", "march", "april", "may", "june", "july", "august", "september",
                        "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                        "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
                        "saturday", "sunday"});
}

bool upper_word(const TokenText& t, std::uint32_t k) {
    return t.is_word(k) && t.token(k).is(text::kUpperInitial) && !t.token(k).is(text::kDigit) &&
           !is_calendar_word(t.word(k));
}

bool lower_word(const TokenText& t, std::uint32_t k) {
    return t.is_word(k) && !t.token(k).is(text::kUpperInitial) && !t.token(k).is(text::kDigit);
}

// A hyphen touching the words on both sides: "Abuja-Kaduna", "Iran-backed" (not "Mogadishu - Hodan").
bool joined_hyphen(const TokenText& t, std::uint32_t k) {
    return k > 0 && t.is_hyphen(k) && t.touches_next(k - 1) && t.touches_next(k);
}

}  // namespace

// "Iran-backed militia", "Russia-linked hackers", "Hamas-run ministry",
// "pro-Iran groups", "anti-France protests": the place qualifies someone
// else and is never where the event happened.
bool LocationLinker::is_compound_modifier(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                          const PlaceRef& p) {
    if (p.last + 1 < last && joined_hyphen(t, p.last) && lower_word(t, p.last + 1)) {
        const std::string& w = t.word(p.last + 1);
        if ((w.size() > 3 && w.compare(w.size() - 2, 2, "ed") == 0) ||
            any_word(w, {"led", "held", "run", "made", "born", "built", "owned", "bound"}))
            return true;
    }
    return p.first >= first + 2 && joined_hyphen(t, p.first - 1) &&
           (t.is(p.first - 2, "pro") || t.is(p.first - 2, "anti"));
}

// A place inside a longer name: a person's ("Hugo Chavez", "Jordan
// Peterson"), a building's or an institution's ("St Francis Catholic
// Church", "the Texas State Capitol", "Nur Shams camp"): a capitalised word
// touches it that is no part of it, an area word ("Kherson Oblast") or a
// date ("Batumi Sunday") excepted. The sentence's first word is capitalised
// anyway.
bool LocationLinker::in_name(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p) {
    if (p.last < last && upper_word(t, p.last)) {
        if (!is_area_word(t.word(p.last))) return true;
        if (p.last + 1 < last && upper_word(t, p.last + 1)) return true;  // "Texas State Capitol"
    }
    return p.first > first + 1 && upper_word(t, p.first - 1) && !is_area_word(t.word(p.first - 1));
}

// "the Abuja-Kaduna train", "the Baringo-Turkana border": a route or a
// border names its ends, not where on it the event happened.
bool LocationLinker::is_route_end(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p) {
    if (p.last + 1 < last && joined_hyphen(t, p.last) && upper_word(t, p.last + 1)) return true;
    return p.first >= first + 2 && joined_hyphen(t, p.first - 1) && upper_word(t, p.first - 2);
}

// "the Tombouctou passenger boat", "a Batumi hotel", "17 US engineers": a
// place after an article or a number and before a common noun describes
// the noun. Unless that noun is the trigger ("the Kabul bombing").
bool LocationLinker::is_attributive(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                    const TriggerHit& trigger, std::uint32_t place_first, std::uint32_t k) const {
    if (place_first <= first) return false;
    const std::uint32_t b = place_first - 1;
    std::uint32_t begin;
    const bool determiner = t.is(b, "the") || t.is(b, "a") || t.is(b, "an") || t.token(b).is(text::kDigit) ||
                            m_tables.numbers().ends_at(t, place_first, first, &begin);
    if (!determiner) return false;
    if (k >= last || k == trigger.first || !lower_word(t, k)) return false;
    if (m_tables.is(WordClass::Filler, t, k, last) || m_tables.is(WordClass::Locative, t, k, last) ||
        m_tables.is(WordClass::Near, t, k, last) || m_tables.is(WordClass::Speech, t, k, last) ||
        is_area_word(t.word(k)))
        return false;
    return !any_word(t.word(k), {"and", "or", "but", "was", "were", "is", "are", "has", "had", "have", "be",
                                 "been", "for", "by", "with", "from", "after", "before", "during", "as", "that",
                                 "which", "who", "where", "when", "while", "amid", "since", "until", "against"});
}

// "Lviv oblast's Krasne", "Nasarawa's Doma LGA": the token of the name an
// area owns (the site, the area its context), or 0.
std::uint32_t LocationLinker::owned_name(const TokenText& t, std::uint32_t last, const PlaceRef& p) {
    std::uint32_t k = p.last;
    if (k < last && is_area_word(t.word(k))) ++k;
    if (k + 1 < last && t.is(k, "'s") && upper_word(t, k + 1)) return k + 1;
    return 0;
}

// "Uman, Cherkasy oblast", "Kafr Nabl, southern Idlib", "Juliaca, Puno":
// a place after a lone comma that names the area of the one before it is
// context, not a second site, though the gazetteer ranks it as a town too
// (a province's capital shares its name). The text says so with an area
// word after it or a compass word before it; else it is the seat of the
// province the first place lies in, and the list ends with it.
bool LocationLinker::is_area_after(const TokenText& t, std::uint32_t first, std::uint32_t last, const PlaceRef& p,
                                   const PlaceRef& q, std::uint32_t end) const {
    (void)first;
    // A lone comma, maybe a compass word: not "X and Y", not "X, Y and Z".
    std::uint32_t k = end;
    if (!(k < q.first && t.is(k, ","))) return false;
    ++k;
    const bool compass = k < q.first && any_word(t.word(k), {"northern", "southern", "eastern", "western", "central",
                                                             "north", "south", "east", "west", "rural", "greater"});
    if (compass) ++k;
    if (k != q.first) return false;
    if (q.last < last && (t.is(q.last, "and") || (t.is(q.last, ",") && q.last + 1 < last && t.is(q.last + 1, "and"))))
        return false;
    if (q.last < last && any_word(t.word(q.last), {"oblast", "province", "region", "state", "governorate", "district",
                                                   "department", "county", "division", "prefecture", "cercle",
                                                   "circle", "lga", "territory", "municipality", "subdivision",
                                                   "township", "raion", "krai", "kray", "wilaya", "emirate"}))
        return true;
    if (compass) return true;
    if (!p.mention->place) return false;
    const auto& a = p.place();
    const auto& b = q.place();
    const bool seat = b.feature_code.substr(0, 4) == "PPLA" || b.feature_code == "PPLC";
    return seat && a.country_code == b.country_code && !a.admin1_code.empty() && a.admin1_code == b.admin1_code &&
           (b.feature_code == "PPLA" || b.feature_code == "PPLC" || b.admin1_name == b.name);
}

bool LocationLinker::can_be_site(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                 const PlaceRef& p, const std::vector<ActorMention>& actors,
                                 bool from_is_site) const {
    if (!p.mention->place || p.demonym()) return false;
    // Inside an actor's name ("Islamic State", "Myanmar National Democratic
    // Alliance Army") or a country standing for its forces.
    for (const auto& a : actors)
        if (p.first >= a.first && p.last <= a.last) return false;
    const std::uint32_t k = p.last;
    // A source: "a claim Yerevan denied", "Baku said".
    if (k < last && m_tables.is(WordClass::Speech, t, k, last)) return false;
    // An owner: "Karabakh's presidency" (but "Port-au-Prince's Croix-des-Missions neighbourhood").
    if (k + 1 < last && t.is(k, "'s") && t.is_word(k + 1) && !t.token(k + 1).is(text::kUpperInitial) &&
        !m_tables.is(WordClass::Filler, t, k + 1, last))
        return false;
    // An actor's origin or descriptor: "Misrata forces", "Tigray rebels".
    if (k < last && (m_tables.is(WordClass::StateForce, t, k, last) || m_tables.is(WordClass::PoliceForce, t, k, last)))
        return false;
    // An origin: "rockets fired from Gaza" (but "abducted 30 people from X": `from_is_site`).
    if (p.first > first && t.is(p.first - 1, "from") && !from_is_site) return false;
    return !is_compound_modifier(t, first, last, p);
}

LocationLinker::Link LocationLinker::link_of(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                             const TriggerHit& trigger, const PlaceRef& p) const {
    // Walk back from the place over fillers ("in the town of", "on the outskirts of").
    std::uint32_t pos = p.first;
    for (int steps = 0; steps < 6 && pos > first; ++steps) {
        std::uint32_t begin;
        if (m_tables.words(WordClass::Near).ends_at(t, pos, first, &begin)) return Link::Near;
        if (m_tables.words(WordClass::Locative).ends_at(t, pos, first, &begin)) {
            // "of" links only after a trigger or a filler ("shelling of X", "the town of X").
            if (!t.is(pos - 1, "of") || pos - 1 == trigger.last || pos < p.first) return Link::Locative;
        }
        if (pos == trigger.last) return Link::Object;
        if (!m_tables.is(WordClass::Filler, t, pos - 1, last) && !t.is_hyphen(pos - 1)) break;
        --pos;
    }
    if (p.first >= trigger.last && p.first <= trigger.last + 1 && pos == trigger.last) return Link::Object;
    // "Stepanakert was shelled", "Kherson came under fire".
    std::uint32_t k = p.last;
    while (k < trigger.first && k < p.last + 3 &&
           (t.is(k, "was") || t.is(k, "were") || t.is(k, "has") || t.is(k, "had") || t.is(k, "been") ||
            t.is(k, "is") || t.is(k, "came") || t.is(k, "under") || t.is(k, "again") || t.is(k, "also")))
        ++k;
    if (k == trigger.first && p.last < trigger.first) return Link::Subject;
    return Link::None;
}

SentenceLink LocationLinker::link(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                  const TriggerHit& trigger, const std::vector<PlaceRef>& places,
                                  const std::vector<ActorMention>& actors, bool from_is_site) const {
    SentenceLink out;
    double best = 1e9;
    Link best_link = Link::None;
    // "Lviv oblast's Krasne": the area is context when the gazetteer knows
    // the name it owns in the area's country, and that name links through
    // it ("in Lviv oblast's Krasne" is "in Krasne"); else the area stands in
    // for it ("Honiara's Chinatown", "Port-au-Prince's Croix-des-Missions").
    std::vector<bool> owns(places.size(), false);
    std::vector<const PlaceRef*> owner(places.size(), nullptr);
    for (std::size_t i = 0; i < places.size(); ++i) {
        const std::uint32_t n = owned_name(t, last, places[i]);
        if (n == 0) continue;
        for (std::size_t j = 0; j < places.size(); ++j)
            // In the area's country: not "Honiara's Chinatown" in the United States.
            if (places[j].first == n && places[j].mention->place && !places[j].demonym() &&
                places[i].mention->place && places[j].place().country_code == places[i].place().country_code &&
                places[j].place().id != places[i].place().id)
                owns[i] = true, owner[j] = &places[i];
    }
    for (std::size_t i = 0; i < places.size(); ++i) {
        const PlaceRef& p = places[i];
        if (p.first < first || p.last > last || p.context_only || owns[i] ||
            !can_be_site(t, first, last, p, actors, from_is_site))
            continue;
        Link link = link_of(t, first, last, trigger, owner[i] ? *owner[i] : p);
        // "abducted 30 women from X", "withdrew from X": where it happened.
        if (from_is_site && p.first > first && t.is(p.first - 1, "from")) link = Link::Locative;
        // A place inside a name, the end of a route, a place describing a
        // noun ("St Francis Catholic Church in Owo", "the Abuja-Kaduna train
        // near Katari", "17 US and Canadian engineers near X") is linked by
        // no word: a place after a preposition beats it; alone, it stays.
        std::uint32_t noun = p.last;  // "US and Canadian engineers": the noun after both
        if (noun + 1 < last && t.is(noun, "and"))
            for (const PlaceRef& q : places)
                if (q.first == noun + 1) noun = q.last;
        const bool named = in_name(t, first, last, p) || is_route_end(t, first, last, p) ||
                           is_attributive(t, first, last, trigger, p.first, noun);
        if (named) link = Link::None;
        const bool before = p.last <= trigger.first;
        const int distance = before ? static_cast<int>(trigger.first - p.last) : static_cast<int>(p.first - trigger.last);
        double score = std::max(distance, 0);
        // Clause breaks between them count as distance.
        const std::uint32_t a = before ? p.last : trigger.last, b = before ? trigger.first : p.first;
        for (std::uint32_t k = a; k < b; ++k)
            if (t.is(k, ";")) score += 8;
            else if (t.is_clause_break(k)) score += 3;
        if (link == Link::None) score += 8;
        if (named) score += 4;
        if (before) score += 2;
        // A town beats the province or country beside it.
        if (p.mention->resolution <= 1) score += 6;
        else if (p.mention->resolution == 2) score += 2;
        // The place an ACLED note gives with its areas ("Kagara (Rafi, Niger)") is the site.
        if (p.anchored) score -= 20;
        if (score < best) best = score, out.place = &p, best_link = link;
    }
    if (!out.place) return out;
    const PlaceRef& p = *out.place;
    out.geo_precision = precision_of(p.mention->resolution);
    switch (best_link) {
        case Link::Object: out.reason = "trigger-object"; break;
        case Link::Subject: out.reason = "trigger-subject"; break;
        case Link::Locative: out.reason = "preposition"; break;
        case Link::Near:
            out.reason = "near";
            out.geo_precision = std::max(out.geo_precision, 2);
            break;
        case Link::None: {
            bool same_clause = true;
            const std::uint32_t a = std::min(p.last, trigger.last), b = std::max(p.first, trigger.first);
            for (std::uint32_t k = a; k < b; ++k)
                if (t.is_clause_break(k) || t.is(k, ";")) same_clause = false;
            out.reason = same_clause ? "same-clause" : "same-sentence";
            break;
        }
    }
    // A list of places of the same rank: "Stepanakert, Martuni and Hadrut".
    // A coarser place after a comma is context ("Anka, Zamfara State"), not
    // another site.
    std::uint32_t end = p.last;
    for (const PlaceRef& q : places) {
        if (q.first < end || q.first > last) continue;
        if (&q == &p) continue;
        std::uint32_t k = end;
        bool sep = false;
        while (k < q.first && (t.is(k, ",") || t.is(k, "and") || t.is(k, "as") || t.is(k, "well") ||
                               m_tables.is(WordClass::Filler, t, k, last)))
            sep = sep || t.is(k, ",") || t.is(k, "and"), ++k;
        if (k != q.first || !sep) break;
        if (!q.mention->place || q.demonym() || q.mention->resolution < p.mention->resolution ||
            q.mention->resolution <= 1 || q.place().id == p.place().id)
            break;
        if (is_area_after(t, first, last, p, q, end)) break;
        out.listed.push_back(&q);
        end = q.last;
    }
    return out;
}

}  // namespace conflictmap::events
