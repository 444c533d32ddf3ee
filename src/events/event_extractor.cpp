#include "events/event_extractor.hpp"

#include <algorithm>
#include <deque>
#include <map>

#include "events/token_text.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::events {

namespace {

TextSpan span_of(const TokenText& t, std::uint32_t first, std::uint32_t last) {
    const auto& a = t.token(first);
    const auto& b = t.token(last - 1);
    return {std::string(t.text().substr(a.begin, b.end - a.begin)), a.cp_begin, b.cp_end};
}

bool is_agent(ActorKind k) {
    return k == ActorKind::State || k == ActorKind::Police || k == ActorKind::Armed ||
           k == ActorKind::Protesters || k == ActorKind::Rioters;
}

}  // namespace

// The places of a document, for the fallbacks of events whose sentence names none.
struct EventExtractor::DocumentPlaces {
    std::vector<PlaceRef> refs;                 // every resolved mention, in order
    std::vector<bool> site;                     // refs[i] can be where something happened
    std::map<std::int64_t, int> counts;         // mentions of each place by id, as a site or not
                                                // ("Karabakh's presidency" tells what the text is about)
    std::map<std::string, int> country_counts;  // every resolved mention, demonyms too
    std::string top_country;
};

EventExtractor::EventExtractor(const gazetteer::Gazetteer& gazetteer, const EventTables& tables)
    : m_gazetteer(gazetteer),
      m_tables(tables),
      m_classifier(tables),
      m_actors(tables),
      m_casualties(tables),
      m_dates(tables),
      m_linker(tables),
      m_admin(gazetteer) {
    // Country names by code, from the gazetteer's independent states
    // (PCLI first, then the other PCL codes: dependencies, territories).
    for (std::uint32_t i = 0; i < gazetteer.place_count(); ++i) {
        const auto p = gazetteer.place(i);
        if (p.feature_class != 'A' || p.feature_code.substr(0, 3) != "PCL" || p.country_code.empty()) continue;
        auto& name = m_countries[std::string(p.country_code)];
        if (name.empty() || p.feature_code == "PCLI") name = std::string(p.name);
    }
}

std::string EventExtractor::country_name(std::string_view code) const {
    const auto it = m_countries.find(std::string(code));
    return it == m_countries.end() ? std::string() : it->second;
}

std::optional<EventLocation> EventExtractor::fallback(const DocumentPlaces& d, const TokenText& t) const {
    auto located = [&](const PlaceRef& r, int precision, const char* reason) {
        EventLocation loc;
        loc.place = r.place();
        loc.mention = span_of(t, r.first, r.last);
        loc.resolution = r.mention->resolution;
        loc.geo_precision = std::max(precision, LocationLinker::precision_of(r.mention->resolution));
        loc.reason = reason;
        return loc;
    };
    std::vector<const PlaceRef*> sites;
    for (std::size_t i = 0; i < d.refs.size(); ++i)
        if (d.site[i]) sites.push_back(&d.refs[i]);
    if (sites.empty()) return std::nullopt;
    // The only place the document names.
    if (std::all_of(sites.begin(), sites.end(),
                    [&](const PlaceRef* r) { return r->place().id == sites.front()->place().id; })) return located(*sites.front(), 1, "only-place");
    // All the document's places below country level in one province.
    std::vector<const PlaceRef*> local;
    for (const auto* r : sites)
        if (!r->is_country()) local.push_back(r);
    if (!local.empty()) {
        const auto& p0 = local.front()->place();
        const bool common = std::all_of(local.begin(), local.end(), [&](const PlaceRef* r) {
            return r->place().country_code == p0.country_code && r->place().admin1_code == p0.admin1_code &&
                   !p0.admin1_code.empty();
        });
        if (common) {
            // The province itself when the gazetteer has it, else its first-named place.
            text::Normalizer normalizer;
            gazetteer::LookupOptions o;
            o.limit = 20;
            o.country = std::string(p0.country_code);
            for (const auto& c : m_gazetteer.lookup(p0.admin1_name, o, normalizer))
                if (c.place.feature_code == "ADM1" && c.place.admin1_code == p0.admin1_code) {
                    EventLocation loc;
                    loc.place = c.place;
                    loc.resolution = 2;
                    loc.geo_precision = 3;
                    loc.reason = "common-admin1";
                    return loc;
                }
            return located(*local.front(), 3, "common-admin1");
        }
        // The place the document is about: named at least twice, most often.
        const PlaceRef* focus = nullptr;
        int best = 1;
        for (const auto* r : local)
            if (const int n = d.counts.at(r->place().id); n > best) best = n, focus = r;
        if (focus) return located(*focus, 2, "document-focus");
    }
    // All places in one country: the country.
    const auto& cc = sites.front()->place().country_code;
    const bool one_country = std::all_of(sites.begin(), sites.end(),
                                         [&](const PlaceRef* r) { return r->place().country_code == cc; });
    if (one_country && !cc.empty()) {
        for (const auto* r : sites)
            if (r->is_country()) return located(*r, 3, "common-country");
        for (const auto& r : d.refs)
            if (r.is_country() && r.place().country_code == cc) return located(r, 3, "common-country");
    }
    return std::nullopt;
}

std::vector<Event> EventExtractor::run(const io::Document& doc,
                                       const std::vector<resolve::ResolvedMention>& mentions) const {
    std::vector<Event> events;
    const TokenText t(doc.text);
    if (t.size() == 0) return events;
    const std::optional<Date> published = Date::parse_iso(doc.date);

    DocumentPlaces places;
    for (const auto& m : mentions) {
        if (!m.place) continue;
        PlaceRef r{t.token_at_byte(m.mention.begin), t.token_at_byte(m.mention.end), &m};
        if (r.first >= r.last) continue;
        places.refs.push_back(r);
        places.country_counts[std::string(m.place->country_code)]++;
    }
    // ACLED notes' "Place (District, Province)": the place is the site, the areas context.
    std::deque<resolve::ResolvedMention> owned;
    const std::vector<AdminAnchor> anchors = m_admin.apply(t, places.refs, owned);
    for (const auto& a : anchors) {
        if (a.main < 0 && !a.main_named) continue;
        for (const int r : a.areas) places.refs[static_cast<std::size_t>(r)].context_only = true;
        if (a.main >= 0) {
            auto& m = places.refs[static_cast<std::size_t>(a.main)];
            (a.main_unlocatable ? m.context_only : m.anchored) = true;
        }
    }
    // Which mentions can be sites: not actors' names, sources, owners (per sentence).
    {
        std::uint32_t current = ~0u;
        std::vector<ActorMention> actors;
        for (const auto& r : places.refs) {
            const std::uint32_t s = t.sentence_of(r.first);
            const Sentence& se = t.sentences()[s];
            if (s != current) current = s, actors = m_actors.find(t, se.first, se.last, places.refs);
            const bool site = m_linker.can_be_site(t, se.first, se.last, r, actors);
            places.site.push_back(site);
            const bool in_actor = std::any_of(actors.begin(), actors.end(), [&](const ActorMention& a) {
                return r.first >= a.first && r.last <= a.last;
            });
            if (!r.demonym() && !in_actor) places.counts[r.place().id]++;
        }
    }
    int top = 0;
    for (const auto& [cc, n] : places.country_counts)
        if (n > top && !cc.empty()) top = n, places.top_country = cc;

    // Dates first: they mask their tokens from numbers and triggers, and
    // the document's first day-precision date dates events of sentences
    // that give none.
    const auto& sentences = t.sentences();
    std::vector<std::vector<DateMention>> dates(sentences.size());
    std::vector<bool> masked(t.size(), false);
    std::optional<DateMention> document_date;
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        dates[s] = m_dates.find(t, sentences[s].first, sentences[s].last, published);
        for (const auto& dm : dates[s]) {
            for (std::uint32_t k = dm.first; k < dm.last; ++k) masked[k] = true;
            if (!document_date && dm.date && !dm.background && dm.precision == 1 &&
                (!published || (dm.date->days() <= published->days() && dm.date->days() >= published->days() - 7)))
                document_date = dm;
        }
    }

    struct Carry {
        std::uint32_t paragraph = ~0u;
        std::optional<Date> date;
        int precision = 1;
        std::optional<EventLocation> location;
        std::size_t last_event = ~std::size_t{0};
    } carry;

    for (std::size_t s = 0; s < sentences.size(); ++s) {
        const Sentence& sentence = sentences[s];
        const std::uint32_t first = sentence.first, last = sentence.last;
        if (sentence.paragraph != carry.paragraph) {
            carry = Carry{};
            carry.paragraph = sentence.paragraph;
        }
        // Dates of this sentence, nearest to the trigger later.
        const auto& sdates = dates[s];
        bool background = false, dated = false;
        for (const auto& dm : sdates) {
            if (dm.background) background = true;
            else dated = true;
        }
        const auto hits = m_classifier.find(t, first, last, masked);
        const Casualties casualties = m_casualties.count(t, first, last, masked);
        const TriggerHit* main = m_classifier.main(t, last, hits);
        // A note telling two events apart with a semicolon, each at its own
        // place, codes the first ("ISWAP attacked a base in X, killing four;
        // the army next day repelled an attack on Y"), whichever trigger
        // outranks: the rest of the note reports what followed.
        if (main) {
            std::uint32_t semicolon = first;
            for (std::uint32_t k = first; k < main->first && semicolon == first; ++k)
                if (t.is(k, ";")) semicolon = k;
            auto names_site = [&](std::uint32_t a, std::uint32_t b) {
                for (std::size_t i = 0; i < places.refs.size(); ++i)
                    if (places.refs[i].first >= a && places.refs[i].last <= b && places.site[i] &&
                        !places.refs[i].context_only)
                        return true;
                return false;
            };
            if (semicolon > first && names_site(first, semicolon) && names_site(semicolon, last)) {
                std::vector<TriggerHit> earlier;
                for (const auto& h : hits)
                    if (h.last <= semicolon) earlier.push_back(h);
                if (const TriggerHit* m = m_classifier.main(t, semicolon, earlier))
                    for (const auto& h : hits)
                        if (h.first == m->first && h.last == m->last) main = &h;
            }
        }
        // "Arsenal's attack", "vowed to fight the bill", "a fierce battle for
        // fourth place": a word of fighting among words of sport, politics or
        // disease, with no armed actor, weapon, dead or wounded, is no event.
        if (main && casualties.fatalities == 0 && casualties.injured == 0 && !casualties.coded &&
            m_classifier.any(WordClass::Figurative, t, first, last) &&
            !m_classifier.any(WordClass::Weapons, t, first, last) &&
            !m_classifier.any(WordClass::Air, t, first, last)) {
            const std::string& code = m_tables.sub_events()[static_cast<std::size_t>(main->sub_event)].code;
            const bool ambiguous = main->rule == TriggerRule::Attack || main->rule == TriggerRule::Clash ||
                                   code == "armed_clash" || code == "disrupted_weapons";
            const auto actors = m_actors.find(t, first, last, places.refs);
            const bool armed = std::any_of(actors.begin(), actors.end(), [](const ActorMention& a) {
                return a.kind == ActorKind::State || a.kind == ActorKind::Police || a.kind == ActorKind::Armed;
            });
            if (ambiguous && !armed) main = nullptr;
        }
        // A sentence that only counts the dead of the event before it: "Two
        // soldiers were killed." after "Militants attacked a base in X."
        const bool weak_kill =
            main && m_tables.sub_events()[static_cast<std::size_t>(main->sub_event)].code == "attack" &&
            main->priority <= 40;
        // Or that refers back to it: "Three people were killed during the
        // attack.", "IS claimed the attack.", "Fatalities coded as 4."
        const bool anaphoric = main && main->first > first &&
                               (t.is(main->first - 1, "the") || t.is(main->first - 1, "this") ||
                                t.is(main->first - 1, "that")) &&
                               carry.last_event < events.size();
        const bool only_casualties = weak_kill || anaphoric;
        // Without a place of its own, such a sentence adds to the
        // document's last event ("enemy fire had killed servicemen").
        std::size_t target = carry.last_event;
        bool placed = false;
        if (only_casualties) {
            const auto actors = m_actors.find(t, first, last, places.refs);
            for (const auto& r : places.refs)
                if (r.first >= first && r.last <= last && !r.context_only &&
                    m_linker.can_be_site(t, first, last, r, actors))
                    placed = true;
        }
        if (weak_kill && target >= events.size() && !events.empty() && !placed) target = events.size() - 1;
        const bool adds = casualties.fatalities > 0 || casualties.injured > 0 || casualties.coded;
        const bool fold = !main || weak_kill || (anaphoric && !placed);
        if (fold && target < events.size() && (adds || (anaphoric && !placed))) {
            Event& e = events[target];
            e.fatalities = casualties.coded ? *casualties.coded : std::max(e.fatalities, casualties.fatalities);
            e.injured = std::max(e.injured, casualties.injured);
            continue;
        }
        if (!main) {
            // Carry the paragraph's date for the sentences that follow.
            for (const auto& dm : sdates)
                if (dm.date && !dm.background) carry.date = dm.date, carry.precision = dm.precision;
            continue;
        }
        if (background && !dated) continue;  // "seized the region in a 1990s war"

        // Actors: "between X and Y", "by X" after a passive, else the
        // nearest agent before the trigger and the first actor after it.
        const std::vector<PlaceRef> sentence_places = [&] {
            std::vector<PlaceRef> v;
            for (const auto& r : places.refs)
                if (r.first >= first && r.last <= last) v.push_back(r);
            // A named place the gazetteer lacks (or has only abroad): its first area.
            for (const auto& a : anchors) {
                if (a.open < first || a.open >= last || !a.fallback) continue;
                if ((a.main >= 0 && !a.main_unlocatable) || !(a.main_named || a.main_unlocatable)) continue;
                PlaceRef r{a.fallback_first, a.fallback_last, &*a.fallback};
                r.anchored = r.area_fallback = true;
                v.push_back(r);
            }
            std::stable_sort(v.begin(), v.end(), [](const PlaceRef& a, const PlaceRef& b) { return a.first < b.first; });
            return v;
        }();
        const auto actors = m_actors.find(t, first, last, sentence_places);
        const ActorMention* actor1 = nullptr;
        const ActorMention* actor2 = nullptr;
        for (std::size_t a = 0; a + 1 < actors.size(); ++a) {
            const auto& x = actors[a];
            const auto& y = actors[a + 1];
            if (x.first > first && t.is(x.first - 1, "between") && y.first == x.last + 1 && t.is(x.last, "and"))
                actor1 = &x, actor2 = &y;
        }
        if (!actor1) {
            for (std::uint32_t k = main->last; k + 1 < last && k < main->last + 3; ++k)
                if (t.is(k, "by"))
                    for (const auto& a : actors)
                        if (a.first > k && a.first <= k + 3 && is_agent(a.kind)) actor1 = &a;
        }
        if (!actor1) {
            // Before the trigger, or holding it ("Azerbaijani shelling").
            for (const auto& a : actors)
                if (a.first < main->first && a.last <= main->last && is_agent(a.kind)) actor1 = &a;
        }
        if (!actor2) {
            for (const auto& a : actors)
                if (a.first >= main->last && &a != actor1 && (!actor1 || a.name != actor1->name ||
                                                              a.country != actor1->country)) {
                    actor2 = &a;
                    break;
                }
        }
        // "X and Y clashed": the agent joined to actor1 before it.
        if (actor1 && !actor2) {
            for (const auto& a : actors)
                if (a.last + 1 == actor1->first && t.is(a.last, "and") && is_agent(a.kind)) {
                    actor2 = actor1;
                    actor1 = &a;
                }
        }
        TriggerContext context;
        context.actor1_state = actor1 && (actor1->kind == ActorKind::State || actor1->kind == ActorKind::Police);
        context.actor1_crowd = actor1 && (actor1->kind == ActorKind::Protesters || actor1->kind == ActorKind::Rioters);
        context.fatalities = casualties.fatalities;
        int sub = m_classifier.classify(*main, t, first, last, context);
        if (sub < 0) continue;
        // A note's later sentences tell how a protest ended: "... protested
        // outside Parliament. Police used water cannon and tear gas."
        if (main->rule == TriggerRule::Protest && m_tables.sub_events()[static_cast<std::size_t>(sub)].code == "peaceful_protest") {
            for (std::size_t n = s + 1; n < sentences.size() && n <= s + 2 && sentences[n].paragraph == sentence.paragraph; ++n) {
                if (m_classifier.any(WordClass::Violent, t, sentences[n].first, sentences[n].last)) {
                    sub = m_tables.sub_event_index("violent_demonstration");
                    break;
                }
                if (m_classifier.any(WordClass::Intervention, t, sentences[n].first, sentences[n].last))
                    sub = m_tables.sub_event_index("protest_intervention");
            }
        }
        const SubEventType& type = m_tables.sub_events()[static_cast<std::size_t>(sub)];

        // Where: linked in the sentence, else the paragraph's last place,
        // else a fallback of the document.
        const SentenceLink link =
            m_linker.link(t, first, last, *main, sentence_places, actors,
                          type.code == "abduction" || type.code == "nonviolent_transfer");
        std::vector<EventLocation> locations;
        if (link.place) {
            auto add = [&](const PlaceRef& r, int precision) {
                EventLocation loc;
                loc.place = r.place();
                loc.mention = span_of(t, r.first, r.last);
                loc.resolution = r.mention->resolution;
                loc.geo_precision = precision;
                loc.reason = link.reason;
                if (r.area_fallback) {
                    loc.reason = "admin-area";
                    loc.geo_precision = std::max(2, LocationLinker::precision_of(r.mention->resolution));
                }
                locations.push_back(std::move(loc));
            };
            add(*link.place, link.geo_precision);
            for (const PlaceRef* r : link.listed)
                add(*r, std::max(link.geo_precision, LocationLinker::precision_of(r->mention->resolution)));
        } else if (carry.location) {
            EventLocation loc = *carry.location;
            loc.reason = "previous-sentence";
            locations.push_back(std::move(loc));
        } else if (auto loc = fallback(places, t)) {
            locations.push_back(std::move(*loc));
        }

        // When: the sentence's date nearest the trigger, else the
        // paragraph's, else the document's day, else the publication date.
        Event e;
        {
            // A day beats a month, a date beats a relative word ("overnight ... on Monday, 12 February").
            const DateMention* best = nullptr;
            std::uint32_t best_distance = ~0u;
            // A relative word beside a date only qualifies it ("overnight 4-5 June").
            auto qualifies_date = [&](const DateMention& r) {
                if (r.absolute) return false;
                for (const auto& a : sdates)
                    if (a.absolute && a.date && ((a.first >= r.last && a.first <= r.last + 2) ||
                                                 (a.last <= r.first && a.last + 2 >= r.first)))
                        return true;
                return false;
            };
            for (const auto& dm : sdates) {
                if (dm.background || !dm.date || qualifies_date(dm)) continue;
                std::uint32_t d = dm.last <= main->first ? main->first - dm.last : dm.first - main->last;
                d += 6 * static_cast<std::uint32_t>(dm.precision - 1) + (dm.absolute ? 0 : 6);
                if (d < best_distance) best_distance = d, best = &dm;
            }
            if (best) {
                e.date = best->date;
                e.time_precision = best->precision;
                e.date_reason = "sentence";
            } else if (carry.date) {
                e.date = carry.date;
                e.time_precision = carry.precision;
                e.date_reason = "paragraph";
            } else if (document_date) {
                e.date = document_date->date;
                e.time_precision = document_date->precision;
                e.date_reason = "document";
            } else if (published) {
                e.date = published;
                e.time_precision = 2;
                e.date_reason = "publication";
            }
        }
        if (e.date && e.date_reason == "sentence") carry.date = e.date, carry.precision = e.time_precision;

        // Actors' names, with their countries, and ACLED's defaults.
        const std::string event_cc =
            !locations.empty() ? std::string(locations.front().place.country_code) : places.top_country;
        const std::string event_country = country_name(event_cc);
        auto name_of = [&](const ActorMention* a) -> std::string {
            if (!a) return {};
            return ActorExtractor::with_country(a->name, a->country.empty() ? event_country : a->country);
        };
        auto named = [&](const char* pattern) { return ActorExtractor::with_country(pattern, event_country); };
        e.actor1 = name_of(actor1);
        e.actor2 = name_of(actor2);
        const std::string& code = type.code;
        const bool state1 = actor1 && (actor1->kind == ActorKind::State || actor1->kind == ActorKind::Police);
        if (code == "peaceful_protest" || code == "protest_intervention" || code == "excessive_force") {
            // ACLED: the protesters are actor 1, the force that intervenes actor 2.
            const ActorMention* force = state1 ? actor1 : (actor2 && (actor2->kind == ActorKind::State ||
                                                                      actor2->kind == ActorKind::Police)
                                                               ? actor2
                                                               : nullptr);
            const ActorMention* crowd = nullptr;
            for (const auto& a : actors)
                if (a.kind == ActorKind::Protesters) crowd = &a;
            e.actor1 = crowd ? name_of(crowd) : named("Protesters ({country})");
            e.actor2 = force ? name_of(force)
                       : code == "peaceful_protest" ? std::string()
                                                    : named("Police Forces of {country}");
        } else if (code == "violent_demonstration" || code == "mob_violence") {
            if (!actor1 || state1 || actor1->kind == ActorKind::Protesters)
                e.actor1 = named("Rioters ({country})");
            if (state1 && e.actor2.empty()) e.actor2 = name_of(actor1);
        } else if (type.event_type == "Violence against civilians") {
            if (!actor2 || actor2->kind != ActorKind::Civilians) e.actor2 = named("Civilians ({country})");
        }
        if (e.actor2 == e.actor1) e.actor2.clear();

        e.event_type = type.event_type;
        e.sub_event_type = type.sub_event_type;
        e.plover_event = type.plover_event;
        e.plover_mode = type.plover_mode;
        e.trigger = span_of(t, main->first, main->last);
        e.sentence = span_of(t, first, last);
        e.fatalities = casualties.coded ? *casualties.coded : casualties.fatalities;
        e.injured = casualties.injured;

        if (locations.empty()) {
            carry.last_event = events.size();
            events.push_back(std::move(e));
            continue;
        }
        carry.location = locations.front();
        // One event per place: the dead and injured of a list of places are
        // shared out evenly, the remainder to the first.
        const int n = static_cast<int>(locations.size());
        for (int k = 0; k < n; ++k) {
            Event ek = e;
            ek.location = std::move(locations[static_cast<std::size_t>(k)]);
            ek.fatalities = e.fatalities / n + (k == 0 ? e.fatalities % n : 0);
            ek.injured = e.injured / n + (k == 0 ? e.injured % n : 0);
            if (k == 0) carry.last_event = events.size();
            events.push_back(std::move(ek));
        }
    }

    // Repeated reports of one event (same type, place and day) are one
    // event: the first report's text, the highest counts.
    std::vector<Event> merged;
    for (auto& e : events) {
        auto same = std::find_if(merged.begin(), merged.end(), [&](const Event& m) {
            const bool same_place = (m.location && e.location && m.location->place.id == e.location->place.id) ||
                                    (!m.location && !e.location);
            return m.sub_event_type == e.sub_event_type && same_place && m.date == e.date;
        });
        if (same == merged.end()) {
            merged.push_back(std::move(e));
            continue;
        }
        same->fatalities = std::max(same->fatalities, e.fatalities);
        same->injured = std::max(same->injured, e.injured);
        if (same->actor1.empty()) same->actor1 = e.actor1;
        if (same->actor2.empty()) same->actor2 = e.actor2;
        if (same->date_reason != "sentence" && e.date_reason == "sentence") {
            same->time_precision = e.time_precision;
            same->date_reason = e.date_reason;
        }
    }
    return merged;
}

}  // namespace conflictmap::events
