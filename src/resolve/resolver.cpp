#include "resolve/resolver.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "core/geodesy.hpp"
#include "gazetteer/feature_class.hpp"
#include "gazetteer/prior.hpp"

namespace conflictmap::resolve {

using gazetteer::MatchKind;
using gazetteer::PlaceView;

namespace {

// Candidates considered per mention, best prior first. 50, not 20: among
// WikToR's ambiguous names the right place is in the first 20 for 69.3% of
// mentions and in the first 50 for 71.4% (the first 200 add 0.1% more).
constexpr std::size_t kMaxCandidates = 50;

std::string admin1_key(const PlaceView& p) {
    return std::string(p.country_code) + "." + std::string(p.admin1_code);
}

std::string admin2_key(const PlaceView& p) {
    return admin1_key(p) + "." + std::string(p.admin2_code);
}

// What one mention tells about the document, from its likeliest place before
// context: its country (1 for a country or demonym, 0.5 for a place that is
// clearly ahead of its namesakes), and the division or county it names.
struct Observation {
    std::string country;
    float country_weight = 0;
    std::string admin1;
    std::string admin2;
};

// Evidence summed over the document, and per name so that a name is never
// its own context: "Arizona" must not lift Yuma, Arizona, above the state,
// and six mentions of an ambiguous "Montgomery" must not vote for Alabama.
struct Context {
    std::map<std::string, float> countries, admin1s, admin2s;
    std::map<std::string, Context*> per_name;
    float total = 0;

    void add(const Observation& o) {
        if (!o.country.empty()) countries[o.country] += o.country_weight, total += o.country_weight;
        if (!o.admin1.empty()) admin1s[o.admin1] += 1;
        if (!o.admin2.empty()) admin2s[o.admin2] += 1;
    }
    static float get(const std::map<std::string, float>& m, const std::string& k) {
        const auto it = m.find(k);
        return it == m.end() ? 0.0f : it->second;
    }
};

std::string cache_key(const recognize::Mention& m) {
    return m.key + (m.demonym ? "\x01d" : "") + (m.partial ? "\x01p" : "");
}

}  // namespace

int resolution_of(const PlaceView& p) {
    using namespace gazetteer;
    if (p.feature_class == 'A') {
        if (is_country_code(p.feature_code)) return 1;
        switch (admin_level(p.feature_code)) {
            case 1: return 2;
            case 2:
            case 3: return 3;
            case 4:
            case 5: return 4;
            default: return 2;
        }
    }
    if (p.feature_class == 'P') return p.feature_code == "PPLX" ? 5 : 4;
    if (p.feature_class == 'L' || p.feature_class == 'H' || p.feature_class == 'T') {
        const auto c = p.feature_code;
        if (c == "CONT" || c == "RGN" || c == "OCN" || c == "SEA" || c == "ZN" || c == "MTS" ||
            c == "DSRT" || c == "STM" || c == "GULF" || c == "PEN")
            return 1;
        return 4;
    }
    return 5;
}

Resolver::Resolver(const gazetteer::Gazetteer& gazetteer)
    : m_gazetteer(gazetteer), m_weights(RankerWeights::builtin()) {}

Resolver::Resolver(const gazetteer::Gazetteer& gazetteer, const RankerWeights& weights)
    : m_gazetteer(gazetteer), m_weights(weights) {}

std::vector<CandidateFeatures> Resolver::base_candidates(const recognize::Mention& mention) const {
    std::vector<CandidateFeatures> out;
    const auto& ps = mention.postings;
    for (std::size_t k = 0; k < ps.size() && k < kMaxCandidates; ++k) {
        const auto kind = mention.partial ? MatchKind::Partial : static_cast<MatchKind>(ps[k].kind);
        // A demonym stands for a country or region, never a town.
        if (mention.demonym && kind != MatchKind::Demonym) continue;
        const PlaceView p = m_gazetteer.place(ps[k].place);
        CandidateFeatures c;
        c.place = ps[k].place;
        c.kind = kind;
        c.x.fill(0.0f);
        c.x[kPrior] = p.prior;
        c.x[kNamePenalty] = gazetteer::match_penalty(kind);
        const bool country = gazetteer::is_country_code(p.feature_code);
        c.x[kIsCountry] = country;
        c.x[kIsAdmin1] = p.feature_code == "ADM1";
        c.x[kIsAdmin2] = p.feature_code == "ADM2";
        c.x[kIsPopulated] = p.feature_class == 'P';
        c.x[kIsCapital] = gazetteer::is_capital_code(p.feature_code);
        c.x[kIsRegion] = p.feature_class == 'L';
        c.x[kIsWater] = p.feature_class == 'H';
        c.x[kIsTerrain] = p.feature_class == 'T';
        c.x[kLogPopulation] = static_cast<float>(std::log10(static_cast<double>(p.population) + 1.0));
        c.x[kAlternateName] = kind == MatchKind::Alternate;
        c.x[kTransliteratedName] = kind == MatchKind::Transliteration || kind == MatchKind::Historic;
        c.x[kAbbreviation] = kind == MatchKind::Abbreviation;
        c.x[kDemonym] = kind == MatchKind::Demonym;
        c.x[kFirstCandidate] = out.empty();
        out.push_back(c);
    }
    // A country found only through another name that is the main name of one
    // of its towns ("Tunis" for Tunisia, "Mexico" aside, which is the
    // country's own name): the town is meant.
    const bool town_by_name = std::any_of(out.begin(), out.end(), [&](const CandidateFeatures& c) {
        return c.kind == MatchKind::Name && c.x[kIsPopulated] > 0;
    });
    if (town_by_name) {
        std::erase_if(out, [&](const CandidateFeatures& c) {
            if (c.x[kIsCountry] == 0 || c.kind == MatchKind::Name || c.kind == MatchKind::Abbreviation ||
                c.kind == MatchKind::Demonym)
                return false;
            const PlaceView country = m_gazetteer.place(c.place);
            return std::any_of(out.begin(), out.end(), [&](const CandidateFeatures& t) {
                return t.kind == MatchKind::Name && t.x[kIsPopulated] > 0 &&
                       m_gazetteer.place(t.place).country_code == country.country_code;
            });
        });
    }
    // A country's, a state's or a great city's own name is not meant as some
    // smaller place's other name ("Florida" for Valle Vista, California,
    // which GeoNames also calls so). News means the famous place; Wikipedia
    // articles about the small place lose a little (WikToR --spans 0.638 ->
    // 0.636, GeoWebNews 0.865 -> 0.869); a learned feature did worse on both.
    float famous = -1.0f;
    for (const auto& c : out) {
        if (c.kind != MatchKind::Name) continue;
        const PlaceView p = m_gazetteer.place(c.place);
        if (gazetteer::is_country_code(p.feature_code) || p.feature_code == "ADM1" || p.feature_code == "CONT" ||
            p.prior >= 6.0f)
            famous = std::max(famous, p.prior);
    }
    if (famous > 0) {
        std::erase_if(out, [&](const CandidateFeatures& c) {
            // A big place keeps its other names ("New York" for the city).
            const float prior = m_gazetteer.place(c.place).prior;
            return c.kind == MatchKind::Alternate && prior < famous && prior < 5.5f;
        });
    }
    // A country found only by another of its names that is a great city's
    // own ("Salvador" for El Salvador, while Salvador, Bahia has 2.7
    // million): the city is meant.
    const bool city_by_name = std::any_of(out.begin(), out.end(), [&](const CandidateFeatures& c) {
        const PlaceView p = m_gazetteer.place(c.place);
        return c.kind == MatchKind::Name && p.feature_class == 'P' && p.prior >= 6.0f;
    });
    if (city_by_name)
        std::erase_if(out, [&](const CandidateFeatures& c) {
            return c.kind == MatchKind::Alternate && c.x[kIsCountry] > 0;
        });
    // A city named like the division it lies in ("New York").
    for (auto& c : out) {
        const PlaceView p = m_gazetteer.place(c.place);
        if (p.feature_class != 'P' || p.prior < 5.0f) continue;
        for (const auto& d : out) {
            const PlaceView q = m_gazetteer.place(d.place);
            if (q.feature_code == "ADM1" && q.country_code == p.country_code && q.admin1_code == p.admin1_code) {
                c.x[kCityOfItsDivision] = 1;
                break;
            }
        }
    }
    return out;
}

std::map<std::string, std::vector<CandidateFeatures>> Resolver::prepare(
    const std::vector<recognize::Mention>& mentions, const std::vector<recognize::Mention>& context) const {
    // Pass 1: candidates per distinct name, and what each name tells.
    std::map<std::string, std::vector<CandidateFeatures>> by_name;
    std::map<std::string, Context> own;
    Context all;
    auto observe = [&](const recognize::Mention& mention) {
        const std::string ck = cache_key(mention);
        auto it = by_name.find(ck);
        if (it == by_name.end()) it = by_name.emplace(ck, base_candidates(mention)).first;
        const auto& cs = it->second;
        Observation o;
        if (!cs.empty()) {
            const auto best = std::max_element(cs.begin(), cs.end(), [](const auto& a, const auto& b) {
                return a.x[kPrior] - a.x[kNamePenalty] < b.x[kPrior] - b.x[kNamePenalty];
            });
            float second = -1e9f;
            for (const auto& c : cs)
                if (&c != &*best) second = std::max(second, c.x[kPrior] - c.x[kNamePenalty]);
            const float margin = cs.size() > 1 ? (best->x[kPrior] - best->x[kNamePenalty]) - second : 3.0f;
            const PlaceView p = m_gazetteer.place(best->place);
            if (!p.country_code.empty() && !mention.weak) {
                if (gazetteer::is_country_code(p.feature_code) || mention.demonym) {
                    o.country = p.country_code, o.country_weight = 1.0f;
                } else if (margin >= 1.0f) {
                    o.country = p.country_code, o.country_weight = 0.5f;
                    if (p.feature_code == "ADM1") o.admin1 = admin1_key(p);
                    if (p.feature_code == "ADM2") o.admin2 = admin2_key(p);
                }
            }
        }
        all.add(o);
        own[mention.key].add(o);
    };
    for (const auto& m : mentions) observe(m);
    for (const auto& m : context) observe(m);
    std::string dominant;
    float dominant_weight = 0;
    for (const auto& [cc, w] : all.countries)
        if (w > dominant_weight) dominant = cc, dominant_weight = w;

    // Pass 2: context features per distinct name.
    for (auto& [ck, cs] : by_name) {
        const std::string key = ck.substr(0, ck.find('\x01'));
        const Context& mine = own[key];
        for (auto& c : cs) {
            const PlaceView p = m_gazetteer.place(c.place);
            if (p.country_code.empty()) continue;
            const std::string cc(p.country_code);
            const float others = Context::get(all.countries, cc) - Context::get(mine.countries, cc);
            if (others > 0) c.x[kCountryShare] = others / std::max(1.0f, all.total - mine.total);
            c.x[kDominantCountry] = cc == dominant && Context::get(mine.countries, cc) == 0;
            if (!p.admin1_code.empty() && p.feature_code != "ADM1") {
                const std::string a1 = admin1_key(p);
                c.x[kAdmin1Named] = Context::get(all.admin1s, a1) - Context::get(mine.admin1s, a1) > 0;
            }
            if (!p.admin2_code.empty() && p.feature_code != "ADM2") {
                const std::string a2 = admin2_key(p);
                c.x[kAdmin2Named] = Context::get(all.admin2s, a2) - Context::get(mine.admin2s, a2) > 0;
            }
        }
    }

    return by_name;
}

namespace {

// The words between a place and the next one say the next contains it:
// "X, Y"; "X is a city in Y"; "X, a town in the Y province of".
bool says_contained(std::string_view between) {
    if (between == ", " || between == "," || between == " (" || between == "(") return true;
    // "Bijapur district, Chhattisgarh", "Doma LGA, Nasarawa".
    for (std::string_view kind : {" district, ", " province, ", " county, ", " state, ", " region, ",
                                  " governorate, ", " oblast, ", " department, ", " prefecture, ",
                                  " division, ", " municipality, ", " township, ", " LGA, ", " town, ",
                                  " village, ", " city, "})
        if (between == kind) return true;
    if (between.size() > 90 || between.find_first_of(".;:!?\n()") != std::string_view::npos) return false;
    const bool opens = between.starts_with(", ") || between.starts_with(" is ") || between.starts_with(" was ") ||
                       between.starts_with(" are ") || between.starts_with(" lies ");
    if (!opens) return false;
    // "a suburb in southern Sydney", "a town in north-central Wisconsin".
    for (std::string_view d : {"northern ", "southern ", "eastern ", "western ", "central ", "north-central ",
                               "south-central ", "northeastern ", "northwestern ", "southeastern ", "southwestern ",
                               "north-eastern ", "north-western ", "south-eastern ", "south-western ", "rural "})
        if (between.ends_with(d)) {
            between.remove_suffix(d.size());
            break;
        }
    bool tail = false;
    for (std::string_view t : {" in ", " in the ", " of ", " of the ", " of, ", " in, "}) tail |= between.ends_with(t);
    if (!tail) return false;
    // A few words only, naming a kind of place: "is a village in", "is the
    // county seat of", "a town in the eastern province of" (not "was the
    // first country to recognise the independence of").
    int words = 0;
    for (const char c : between) words += c == ' ';
    if (words > 12) return false;
    static constexpr std::string_view kKinds[] = {
        "city", "town", "village", "hamlet", "settlement", "community", "municipality", "commune",
        "county", "district", "province", "region", "state", "prefecture", "department", "parish",
        "township", "borough", "suburb", "neighbourhood", "neighborhood", "quarter", "seat", "capital",
        "locality", "place", "area", "island", "port", "resort", "oblast", "raion", "governorate"};
    for (std::size_t at = 0; at < between.size();) {
        const std::size_t end = between.find(' ', at);
        const std::string_view w = between.substr(at, (end == std::string_view::npos ? between.size() : end) - at);
        for (const auto k : kKinds)
            if (w == k || (w.size() == k.size() + 1 && w.starts_with(k) && w.back() == 's')) return true;
        if (end == std::string_view::npos) break;
        at = end + 1;
    }
    return false;
}

}  // namespace

const recognize::Mention* Resolver::container_of(std::string_view text, const std::vector<const recognize::Mention*>& all,
                                                 const recognize::Mention& mention) const {
    // The first mention (of the resolved ones or the context) after this one.
    auto it = std::lower_bound(all.begin(), all.end(), mention.end,
                               [](const recognize::Mention* x, std::uint32_t end) { return x->begin < end; });
    if (it == all.end()) return nullptr;
    const recognize::Mention& next = **it;
    if (!says_contained(text.substr(mention.end, next.begin - mention.end))) return nullptr;
    // "the U.S. state of Maryland", "Pakistan's Khyber Pakhtunkhwa province":
    // a country followed by its division; the division says more.
    if (++it != all.end() && !next.postings.empty() &&
        gazetteer::is_country_code(m_gazetteer.place(next.postings[0].place).feature_code)) {
        const std::string_view gap = text.substr(next.end, (*it)->begin - next.end);
        if (gap == " " || gap == " state of " || gap == " province of " || gap == " region of " ||
            gap == "'s " || gap == "’s ")
            return *it;
    }
    return &next;
}

std::vector<const recognize::Mention*> Resolver::in_order(const std::vector<recognize::Mention>& mentions,
                                                          const std::vector<recognize::Mention>& context) {
    std::vector<const recognize::Mention*> all;
    all.reserve(mentions.size() + context.size());
    for (const auto& m : mentions) all.push_back(&m);
    for (const auto& m : context) all.push_back(&m);
    std::stable_sort(all.begin(), all.end(), [](const auto* x, const auto* y) { return x->begin < y->begin; });
    return all;
}

bool Resolver::contains(std::string_view text, const recognize::Mention& container, std::uint32_t place) const {
    const PlaceView p = m_gazetteer.place(place);
    if (p.country_code.empty()) return false;
    // "Moura, Djenné circle": the division named after a town holds what
    // lies within 100 km of the town.
    const bool area = names_division(text, container);
    for (std::size_t k = 0; k < container.postings.size() && k < kMaxCandidates; ++k) {
        const PlaceView y = m_gazetteer.place(container.postings[k].place);
        if (y.country_code != p.country_code) continue;
        if (y.id == p.id) continue;
        // "a suburb of Sydney": a city of 100,000 holds what lies within
        // 50 km of it.
        if (y.feature_class == 'P' && y.prior >= 5.0f && p.feature_class == 'P' &&
            great_circle_km(y.lat, y.lon, p.lat, p.lon) <= 50)
            return true;
        if (area && y.feature_class == 'P' && great_circle_km(y.lat, y.lon, p.lat, p.lon) <= 100) return true;
        // A province's capital stands for the province it shares a name with
        // ("Qamishli (Al-Hasakeh)", "Kunduz, Kunduz"): same first-level division.
        if (y.feature_code == "PPLA" && !y.admin1_code.empty() && y.admin1_code == p.admin1_code &&
            y.country_code == p.country_code)
            return true;
        if (gazetteer::is_country_code(y.feature_code) ||
            (y.feature_code == "ADM1" && y.admin1_code == p.admin1_code) ||
            (y.feature_code == "ADM2" && !y.admin2_code.empty() && y.admin1_code == p.admin1_code &&
             y.admin2_code == p.admin2_code))
            return true;
    }
    return false;
}

std::vector<std::vector<CandidateFeatures>> Resolver::features(
    std::string_view text, const std::vector<recognize::Mention>& mentions,
    const std::vector<recognize::Mention>& context) const {
    auto by_name = prepare(mentions, context);
    const auto all = in_order(mentions, context);
    // As in resolve(): containment said of any mention holds for its name.
    for (const auto& mention : mentions) {
        const auto* container = container_of(text, all, mention);
        if (!container) continue;
        for (auto& c : by_name[cache_key(mention)])
            if (contains(text, *container, c.place)) c.x[kContainedByNext] = 1;
    }
    std::vector<std::vector<CandidateFeatures>> out(mentions.size());
    for (std::size_t m = 0; m < mentions.size(); ++m) out[m] = by_name[cache_key(mentions[m])];
    return out;
}

std::vector<ResolvedMention> Resolver::resolve(std::string_view text,
                                               const std::vector<recognize::Mention>& mentions,
                                               const std::vector<recognize::Mention>& context) const {
    // Scores per distinct name once; per mention only "X, Y" is added, so
    // memory does not grow with the candidates of every mention.
    auto by_name = prepare(mentions, context);
    const auto all = in_order(mentions, context);
    std::map<std::string, std::vector<float>> base_scores;
    for (const auto& [ck, cs] : by_name) {
        auto& v = base_scores[ck];
        for (const auto& c : cs) v.push_back(m_weights.score(c.x));
    }
    std::map<std::string, std::vector<char>> contained_by_name;
    for (const auto& [ck, cs] : by_name) contained_by_name[ck].assign(cs.size(), 0);
    for (const auto& mention : mentions) {
        const auto* container = container_of(text, all, mention);
        if (!container) continue;
        const std::string ck = cache_key(mention);
        const auto& cs = by_name[ck];
        auto& flags = contained_by_name[ck];
        flags.resize(cs.size(), 0);
        for (std::size_t i = 0; i < cs.size(); ++i) flags[i] |= contains(text, *container, cs[i].place);
    }
    std::vector<ResolvedMention> out;
    out.reserve(mentions.size());
    std::vector<float> scores;
    for (std::size_t m = 0; m < mentions.size(); ++m) {
        ResolvedMention r;
        r.mention = mentions[m];
        const std::string ck = cache_key(mentions[m]);
        const auto& cs = by_name[ck];
        if (cs.empty()) {
            out.push_back(std::move(r));
            continue;
        }
        scores = base_scores[ck];
        // One sense per document: "X is a town in Y" anywhere holds for
        // every mention of X.
        const auto& contained = contained_by_name[ck];
        for (std::size_t i = 0; i < cs.size(); ++i)
            if (contained[i]) scores[i] += m_weights[kContainedByNext];
        std::size_t best = 0;
        for (std::size_t i = 0; i < cs.size(); ++i)
            if (scores[i] > scores[best] || (scores[i] == scores[best] && cs[i].place < cs[best].place))
                best = i;
        // A weak mention (mostly a person's name) needs local evidence: its
        // division or county named nearby, or "X, Y".
        const auto& bx = cs[best].x;
        if (mentions[m].weak && bx[kAdmin1Named] + bx[kAdmin2Named] + contained[best] == 0) continue;
        // Another spelling, or a part of an unknown name ("Marigny" of
        // "Faubourg Marigny"): its country must be the document's, else the
        // mention is left to the document's focus.
        const bool foreign = bx[kAdmin1Named] + bx[kAdmin2Named] + contained[best] == 0 &&
                             bx[kCountryShare] < 0.5f && bx[kDominantCountry] == 0;
        if (mentions[m].variant && foreign) continue;
        const bool doubtful = mentions[m].partial && foreign &&
                              !m_gazetteer.place(cs[best].place).country_code.empty() && bx[kIsCountry] == 0;
        // Confidence: the softmax share of the best candidate, scores read as
        // log10 odds (one unit apart is ~10:1).
        double total = 0;
        for (const float s : scores) total += std::pow(10.0, s - scores[best]);
        r.place = m_gazetteer.place(cs[best].place);
        r.match = cs[best].kind;
        r.score = static_cast<float>(1.0 / total);
        r.resolution = resolution_of(*r.place);
        r.doubtful = doubtful;
        if (const auto* container = container_of(text, all, mentions[m]))
            if (auto division = stated_division(text, *container, cs, contained, *r.place)) {
                // "Solhan, Yagha province": a town of Yagha the gazetteer
                // lacks, not the Solhan of Turkey. Placed at its division.
                r.place = *division;
                r.match = gazetteer::MatchKind::Context;
                r.score = 0.1f;
                r.resolution = resolution_of(*division);
            }
        out.push_back(std::move(r));
    }
    return out;
}

bool Resolver::names_division(std::string_view text, const recognize::Mention& m) {
    static constexpr std::string_view kAreas[] = {
        " district", " province", " circle", " cercle", " region", " county", " governorate", " department",
        " prefecture", " lga", " division", " oblast", " raion", " municipality", " township", " tehsil",
        " commune", " territory", " subdivision"};
    std::string after(text.substr(m.end, 16));
    for (auto& c : after)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    for (const auto a : kAreas)
        if (after.starts_with(a) && (after.size() == a.size() || !std::isalpha(static_cast<unsigned char>(after[a.size()]))))
            return true;
    return false;
}

std::optional<PlaceView> Resolver::stated_division(std::string_view text, const recognize::Mention& container,
                                                   const std::vector<CandidateFeatures>& cs,
                                                   const std::vector<char>& contained, const PlaceView& chosen) const {
    if (container.postings.empty()) return std::nullopt;
    for (const char c : contained)
        if (c) return std::nullopt;  // a candidate lies in it
    const PlaceView division = m_gazetteer.place(container.postings[0].place);
    const bool country = gazetteer::is_country_code(division.feature_code);
    const bool town_area = division.feature_class == 'P' && names_division(text, container);
    if (!country && !town_area && division.feature_code != "ADM1" && division.feature_code != "ADM2")
        return std::nullopt;
    // A big place is itself ("Kyiv, Russia and the EU" is a list).
    if (chosen.feature_class == 'P' && chosen.prior >= 5.5f) return std::nullopt;
    for (const auto& c : cs) {
        const PlaceView p = m_gazetteer.place(c.place);
        const bool big = gazetteer::is_country_code(p.feature_code) || p.feature_code == "ADM1";
        // A list of countries ("Bosnia, Serbia") or of a country's states
        // ("Georgia, Alabama").
        if (big && (country || p.country_code == division.country_code)) return std::nullopt;
    }
    return division;
}

}  // namespace conflictmap::resolve
