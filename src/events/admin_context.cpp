#include "events/admin_context.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <string_view>

#include "resolve/resolver.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::events {

namespace {

// Words between a place and its areas: "Hays district (Al Hudaydah)", "Tole kebele (Gimbi, ...)".
bool is_unit_word(const std::string& w) {
    static constexpr std::string_view kWords[] = {
        "district", "districts", "township", "kebele",  "city",   "town",      "village", "villages", "camp",
        "area",     "region",    "province", "county",  "commune", "municipality", "sector", "state", "lga",
        "woreda",   "governorate", "oblast", "raion",   "locality", "neighbourhood", "neighborhood", "countryside"};
    return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Lower-case words an area's name may hold: "Jammu and Kashmir", "Rif Dimashq", "Sistan and Baluchestan".
bool is_name_joiner(const std::string& w) {
    return w == "and" || w == "of" || w == "de" || w == "del" || w == "al" || w == "el" || w == "ad" ||
           w == "as" || w == "ash" || w == "ar" || w == "an" || w == "la" || w == "du" || w == "des" ||
           w == "da" || w == "do" || w == "dos" || w == "das" || is_unit_word(w);
}

struct Segment {
    std::uint32_t first = 0, last = 0;
    std::vector<gazetteer::Candidate> candidates;
    int ref = -1;  // a recognised place inside it
};

std::string_view surface(const TokenText& t, std::uint32_t first, std::uint32_t last) {
    const auto& a = t.token(first);
    const auto& b = t.token(last - 1);
    return t.text().substr(a.begin, b.end - a.begin);
}

resolve::ResolvedMention resolved(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                  const gazetteer::PlaceView& place) {
    resolve::ResolvedMention r;
    r.mention = recognize::Mention::of_tokens(t.tokens(), first, last - 1);
    r.place = place;
    r.score = 0.5F;
    r.resolution = resolve::resolution_of(place);
    return r;
}

}  // namespace

std::vector<AdminAnchor> AdminContext::apply(const TokenText& t, std::vector<PlaceRef>& refs,
                                             std::deque<resolve::ResolvedMention>& owned) const {
    std::vector<AdminAnchor> anchors;
    bool added = false;
    text::Normalizer normalizer;
    auto lookup = [&](std::string_view name, const std::string& country) {
        gazetteer::LookupOptions o;
        o.limit = 30;
        o.country = country;
        return m_gazetteer.lookup(name, o, normalizer);
    };
    for (std::uint32_t open = 1; open + 2 < t.size(); ++open) {
        if (!t.is(open, "(")) continue;
        const std::uint32_t sentence = t.sentence_of(open);
        std::uint32_t close = open + 1;
        while (close < t.size() && close < open + 16 && !t.is(close, ")") && t.sentence_of(close) == sentence)
            ++close;
        if (close >= t.size() || !t.is(close, ")") || close == open + 1) continue;
        // The areas: comma-separated capitalised names, nothing else ("(2015-2023)", "(as reported)" are none).
        std::vector<Segment> segments;
        bool valid = true;
        for (std::uint32_t a = open + 1; a < close && valid;) {
            std::uint32_t b = a;
            while (b < close && !t.is(b, ",")) ++b;
            if (b == a || !t.token(a).is(text::kUpperInitial)) valid = false;
            for (std::uint32_t k = a; k < b && valid; ++k) {
                if (t.token(k).is(text::kDigit)) valid = false;
                else if (t.is_word(k) && !t.token(k).is(text::kUpperInitial) && !is_name_joiner(t.word(k)))
                    valid = false;
                else if (!t.is_word(k) && !t.is_hyphen(k) && !t.is(k, "'") && !t.is(k, "'s"))
                    valid = false;
            }
            if (valid) segments.push_back({a, b, {}, -1});
            a = b + 1;
        }
        if (!valid || segments.empty() || segments.size() > 4) continue;
        AdminAnchor anchor;
        anchor.open = open;
        anchor.close = close;
        for (auto& s : segments) {
            for (std::size_t r = 0; r < refs.size(); ++r)
                if (refs[r].first >= s.first && refs[r].last <= s.last && refs[r].mention->place) {
                    if (s.ref < 0) s.ref = static_cast<int>(r);
                    anchor.areas.push_back(static_cast<int>(r));
                }
            s.candidates = lookup(surface(t, s.first, s.last), {});
        }
        if (std::all_of(segments.begin(), segments.end(),
                        [](const Segment& s) { return s.ref < 0 && s.candidates.empty(); }))
            continue;

        // The anchored name: right before the parentheses, past a unit word.
        std::uint32_t end = open;
        while (end > 0 && t.sentence_of(end - 1) == sentence && is_unit_word(t.word(end - 1)) &&
               !t.token(end - 1).is(text::kUpperInitial))
            --end;
        // "Hays district (...)" but also "Hays District (...)".
        if (end == open && end > 1 && is_unit_word(t.word(end - 1)) && t.token(end - 2).is(text::kUpperInitial))
            --end;
        std::uint32_t begin = end;  // start of the name: capitalised words and touching hyphens
        while (begin > 0 && t.sentence_of(begin - 1) == sentence && begin + 5 > end &&
               ((t.is_word(begin - 1) && t.token(begin - 1).is(text::kUpperInitial)) ||
                ((t.is_hyphen(begin - 1) || t.is(begin - 1, "'")) && begin >= 2 && t.touches_next(begin - 2) &&
                 t.touches_next(begin - 1))))
            --begin;
        anchor.main_named = begin < end;
        for (std::size_t r = 0; r < refs.size(); ++r)
            if (refs[r].last == end && refs[r].first >= begin && !refs[r].demonym()) anchor.main = static_cast<int>(r);
        // ACLED's "City - Neighbourhood (Area)": the city is the place.
        if (anchor.main_named && begin >= 2 && t.is_hyphen(begin - 1) && !t.touches_next(begin - 1)) {
            for (std::size_t r = 0; r < refs.size(); ++r)
                if (refs[r].last == begin - 1 && refs[r].mention->place && !refs[r].demonym())
                    anchor.main = static_cast<int>(r), begin = refs[r].first;
        }

        // The country the areas agree on (each area votes for every country
        // it has a homonym in, a little more for the geocoder's choice); a
        // tie goes to the anchored name's country.
        std::map<std::string, double> score;
        for (const auto& s : segments) {
            std::map<std::string, bool> seen;
            for (const auto& c : s.candidates) seen[std::string(c.place.country_code)] = true;
            if (s.ref >= 0) seen[std::string(refs[s.ref].place().country_code)] = true;
            for (const auto& [c, _] : seen) score[c] += 1;
            if (s.ref >= 0) score[std::string(refs[s.ref].place().country_code)] += 0.25;
        }
        const std::string main_cc =
            anchor.main >= 0 ? std::string(refs[anchor.main].place().country_code) : std::string();
        std::string cc;
        double best = 0;
        for (const auto& [c, v] : score)
            if (!c.empty() && (v > best || (v == best && c == main_cc))) best = v, cc = c;
        if (cc.empty()) continue;
        const std::string main_name =
            anchor.main >= 0 ? std::string(surface(t, refs[anchor.main].first, refs[anchor.main].last))
                             : anchor.main_named ? std::string(surface(t, begin, end)) : std::string();
        std::vector<gazetteer::Candidate> main_candidates;
        if (!main_name.empty()) main_candidates = lookup(main_name, cc);

        // The first area that resolves in that country.
        std::map<std::string, bool> area_admin1;
        for (const auto& s : segments) {
            std::optional<gazetteer::PlaceView> place;
            if (s.ref >= 0 && refs[s.ref].place().country_code == cc) place = refs[s.ref].place();
            else
                for (const auto& c : s.candidates)
                    if (c.place.country_code == cc) {
                        place = c.place;
                        break;
                    }
            if (!place) continue;
            area_admin1[std::string(place->admin1_code)] = true;
            if (!anchor.fallback) {
                anchor.fallback = resolved(t, s.first, s.last, *place);
                anchor.fallback_first = s.first;
                anchor.fallback_last = s.last;
            }
        }
        // The anchored name in that country: its homonym there, a town
        // first, in one of the areas' provinces first. A name the geocoder
        // put in a country some area names is left alone.
        const bool supported = anchor.main >= 0 && score.count(main_cc) != 0;
        if (!main_name.empty() && !supported) {
            const gazetteer::PlaceView* pick = nullptr;
            int pick_rank = -1;
            for (const auto& c : main_candidates) {
                if (c.place.country_code != cc) continue;
                const int rank = (c.place.feature_class == 'P' ? 2 : 0) +
                                 (area_admin1.count(std::string(c.place.admin1_code)) ? 1 : 0);
                if (rank > pick_rank) pick_rank = rank, pick = &c.place;
            }
            if (pick) {
                const std::uint32_t f = anchor.main >= 0 ? refs[anchor.main].first : begin;
                const std::uint32_t l = anchor.main >= 0 ? refs[anchor.main].last : end;
                owned.push_back(resolved(t, f, l, *pick));
                if (anchor.main >= 0) {
                    owned.back().mention = refs[anchor.main].mention->mention;
                    refs[anchor.main].mention = &owned.back();
                } else {
                    refs.push_back({f, l, &owned.back()});
                    anchor.main = static_cast<int>(refs.size() - 1);
                    added = true;
                }
            } else if (anchor.main >= 0) {
                // A homonym abroad ("Kani (Sagaing)" as Kani, Japan) gives way
                // to the areas; a city of 100,000 or more is taken as named.
                const auto& p = refs[anchor.main].place();
                anchor.main_unlocatable = p.population < 100000 && p.feature_code != "PPLC";
            }
        }
        anchors.push_back(std::move(anchor));
    }
    if (added) {
        // Names found here join the refs in text order; the anchors follow them.
        std::vector<int> order(refs.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return refs[a].first < refs[b].first; });
        std::vector<int> moved(refs.size());
        std::vector<PlaceRef> sorted;
        for (std::size_t i = 0; i < order.size(); ++i) moved[order[i]] = static_cast<int>(i), sorted.push_back(refs[order[i]]);
        refs = std::move(sorted);
        for (auto& a : anchors) {
            if (a.main >= 0) a.main = moved[a.main];
            for (int& r : a.areas) r = moved[r];
        }
    }
    return anchors;
}

}  // namespace conflictmap::events
