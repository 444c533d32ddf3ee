#include "resolve/resolver.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "gazetteer/feature_class.hpp"
#include "gazetteer/prior.hpp"

namespace conflictmap::resolve {

using gazetteer::MatchKind;
using gazetteer::PlaceView;

namespace {

// Candidates considered per mention: postings are sorted by prior, and the
// 20th-best Springfield is never the answer without evidence the context
// features cannot give yet.
constexpr std::size_t kMaxCandidates = 20;

// Weights, on the prior's log10-population scale. A country the document is
// mostly about is worth a factor of ~300 in population to the places inside
// it; one mentioned in passing (a share of 10%) only a factor of ~2, so
// "Geneva" in a Caucasus story that names the US once stays in Switzerland.
constexpr float kCountryShare = 2.5f;
constexpr float kDominantCountry = 0.5f;
constexpr float kAdmin1Mentioned = 2.5f;
constexpr float kAdmin2Mentioned = 2.0f;  // "Le Sueur County"
constexpr float kContainedByNext = 4.0f;  // "Paris, Texas"
// A city named like the division it lies in ("New York", "Mexico City" as
// "Mexico" aside): news means the city when it is a big one.
constexpr float kCityOfItsDivision = 1.0f;

struct Scored {
    std::uint32_t place;
    MatchKind kind;
    float score;
    float base = 0;   // the score before context
    float local = 0;  // context from divisions, counties and "X, Y" (not countries)
};

// A weak mention (mostly a person's name) is kept when its best place owes
// this much to local context: a division or county named nearby, or "X, Y".
constexpr float kWeakNeedsContext = 2.5f;

std::string admin1_key(const PlaceView& p) {
    return std::string(p.country_code) + "." + std::string(p.admin1_code);
}

std::string admin2_key(const PlaceView& p) {
    return admin1_key(p) + "." + std::string(p.admin2_code);
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

Resolver::Resolver(const gazetteer::Gazetteer& gazetteer) : m_gazetteer(gazetteer) {}

std::vector<ResolvedMention> Resolver::resolve(std::string_view text,
                                               const std::vector<recognize::Mention>& mentions,
                                               const std::vector<recognize::Mention>& context) const {
    // Pass 1: the context the document gives by itself — countries and
    // divisions whose mention is unambiguous enough (their best candidate).
    std::map<std::string, float> countries;
    std::map<std::string, float> admin1s;
    std::map<std::string, float> admin2s;
    auto candidates = [&](const recognize::Mention& mention) {
        std::vector<Scored> out;
        const auto& ps = mention.postings;
        for (std::size_t k = 0; k < ps.size() && k < kMaxCandidates; ++k) {
            const auto kind = mention.partial ? MatchKind::Partial : static_cast<MatchKind>(ps[k].kind);
            // A demonym stands for a country or region, never a town.
            if (mention.demonym && kind != MatchKind::Demonym) continue;
            const PlaceView p = m_gazetteer.place(ps[k].place);
            const float base = p.prior - gazetteer::match_penalty(kind);
            out.push_back({ps[k].place, kind, base, base});
        }
        return out;
    };
    // What each mention contributed, so a name is not its own context:
    // "Arizona" must not lift Yuma, Arizona, above the state, and six
    // mentions of an ambiguous "Montgomery" must not vote for Alabama.
    struct Observation {
        std::string country;
        float country_weight = 0;
        std::string admin1;
        std::string admin2;
    };
    auto observe = [&](const recognize::Mention& mention, const std::vector<Scored>& cs) {
        Observation o;
        if (cs.empty()) return o;
        const PlaceView best = m_gazetteer.place(cs[0].place);
        if (best.country_code.empty()) return o;
        const float margin = cs.size() > 1 ? cs[0].score - cs[1].score : 3.0f;
        if (gazetteer::is_country_code(best.feature_code) || mention.demonym) {
            o.country = best.country_code, o.country_weight = 1.0f;
        } else if (margin >= 1.0f) {
            o.country = best.country_code, o.country_weight = 0.5f;
            if (best.feature_code == "ADM1") o.admin1 = admin1_key(best);
            if (best.feature_code == "ADM2") o.admin2 = admin2_key(best);
        }
        if (!o.country.empty()) countries[o.country] += o.country_weight;
        if (!o.admin1.empty()) admin1s[o.admin1] += 1.0f;
        if (!o.admin2.empty()) admin2s[o.admin2] += 1.0f;
        return o;
    };
    std::vector<std::vector<Scored>> cands(mentions.size());
    // Per name (key): the country weights and admin-1 counts it contributed.
    std::map<std::string, std::map<std::string, float>> own_countries;
    std::map<std::string, std::map<std::string, float>> own_admin1s;
    std::map<std::string, std::map<std::string, float>> own_admin2s;
    auto record = [&](const recognize::Mention& mention, const Observation& o) {
        if (!o.country.empty()) own_countries[mention.key][o.country] += o.country_weight;
        if (!o.admin1.empty()) own_admin1s[mention.key][o.admin1] += 1.0f;
        if (!o.admin2.empty()) own_admin2s[mention.key][o.admin2] += 1.0f;
    };
    for (std::size_t m = 0; m < mentions.size(); ++m) {
        cands[m] = candidates(mentions[m]);
        record(mentions[m], observe(mentions[m], cands[m]));
    }
    for (const auto& c : context) record(c, observe(c, candidates(c)));
    std::string dominant;
    float dominant_weight = 0, total_weight = 0;
    for (const auto& [cc, w] : countries) {
        total_weight += w;
        if (w > dominant_weight) dominant = cc, dominant_weight = w;
    }

    // Pass 2: rescore every candidate with the context.
    std::vector<ResolvedMention> out;
    out.reserve(mentions.size());
    for (std::size_t m = 0; m < mentions.size(); ++m) {
        ResolvedMention r;
        r.mention = mentions[m];
        auto& cs = cands[m];
        if (cs.empty()) {
            out.push_back(std::move(r));
            continue;
        }
        // "X, Y": the next mention right after a comma.
        const recognize::Mention* container = nullptr;
        if (m + 1 < mentions.size()) {
            const auto& next = mentions[m + 1];
            const std::string_view between = text.substr(mentions[m].end, next.begin - mentions[m].end);
            if (between == ", " || between == ",") container = &next;
        }
        for (auto& c : cs) {
            const PlaceView p = m_gazetteer.place(c.place);
            const std::string cc(p.country_code);
            if (!cc.empty()) {
                // Context from the other names only.
                const auto& mine = own_countries[mentions[m].key];
                float own_total = 0;
                for (const auto& [k, w] : mine) own_total += w;
                const auto own_it = mine.find(cc);
                const float self = own_it == mine.end() ? 0.0f : own_it->second;
                const auto it = countries.find(cc);
                if (it != countries.end() && it->second - self > 0)
                    c.score += kCountryShare * (it->second - self) / std::max(1.0f, total_weight - own_total);
                if (cc == dominant && self == 0) c.score += kDominantCountry;
                if (!p.admin1_code.empty() && p.feature_code != "ADM1") {
                    const std::string a1 = admin1_key(p);
                    const auto a = admin1s.find(a1);
                    const auto& mine_a1 = own_admin1s[mentions[m].key];
                    const auto own_a1 = mine_a1.find(a1);
                    const float own_count = own_a1 == mine_a1.end() ? 0.0f : own_a1->second;
                    if (a != admin1s.end() && a->second - own_count > 0) {
                        c.score += kAdmin1Mentioned;
                        c.local += kAdmin1Mentioned;
                    }
                }
                if (!p.admin2_code.empty() && p.feature_code != "ADM2") {
                    const std::string a2 = admin2_key(p);
                    const auto a = admin2s.find(a2);
                    const auto& mine_a2 = own_admin2s[mentions[m].key];
                    const auto own_a2 = mine_a2.find(a2);
                    const float own_count = own_a2 == mine_a2.end() ? 0.0f : own_a2->second;
                    if (a != admin2s.end() && a->second - own_count > 0) {
                        c.score += kAdmin2Mentioned;
                        c.local += kAdmin2Mentioned;
                    }
                }
            }
            if (container && !cc.empty()) {
                for (std::size_t k = 0; k < container->postings.size() && k < kMaxCandidates; ++k) {
                    const PlaceView y = m_gazetteer.place(container->postings[k].place);
                    if (y.country_code != p.country_code) continue;
                    const bool contains =
                        gazetteer::is_country_code(y.feature_code) ||
                        (y.feature_code == "ADM1" && y.admin1_code == p.admin1_code && y.id != p.id);
                    if (contains) {
                        c.score += kContainedByNext;
                        c.local += kContainedByNext;
                        break;
                    }
                }
            }
        }
        for (auto& c : cs) {
            const PlaceView p = m_gazetteer.place(c.place);
            if (p.feature_class != 'P' || p.prior < 5.0f) continue;
            for (const auto& d : cs) {
                const PlaceView q = m_gazetteer.place(d.place);
                if (q.feature_code == "ADM1" && q.country_code == p.country_code &&
                    q.admin1_code == p.admin1_code) {
                    c.score += kCityOfItsDivision;
                    break;
                }
            }
        }
        const auto best = std::max_element(cs.begin(), cs.end(), [](const Scored& a, const Scored& b) {
            return a.score < b.score || (a.score == b.score && a.place > b.place);
        });
        if (mentions[m].weak && best->local < kWeakNeedsContext) continue;
        // Confidence: the softmax share of the best candidate (scores are
        // log10 units; one unit apart is ~10:1).
        double total = 0;
        for (const auto& c : cs) total += std::pow(10.0, c.score - best->score);
        r.place = m_gazetteer.place(best->place);
        r.match = best->kind;
        r.score = static_cast<float>(1.0 / total);
        r.resolution = resolution_of(*r.place);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace conflictmap::resolve
