#include "recognize/feature_extractor.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "gazetteer/gazetteer.hpp"
#include "recognize/detail/feature_hash.hpp"
#include "recognize/entity_tags.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::recognize {

namespace {

using detail::combine;
using detail::feature;
using detail::hash_lower;

enum Template : std::uint32_t {
    kBias = 1, kW0, kWm1, kWp1, kWm2, kWp2, kWm1W0, kW0Wp1, kWm2Wm1, kW0Case,
    kShape0, kLongShape0, kShapeM1, kShapeP1, kShape3,
    kPre1, kPre2, kPre3, kPre4, kSuf1, kSuf2, kSuf3, kSuf4,
    kStartCase, kHeadlineShape, kHeadlineW0, kCases3, kLength, kWm1Case0, kWp1Case0,
    kCoarse0, kFine0, kFineM1, kFineP1, kCoarse3, kLowerShare, kLowerShareStart,
    kGazClassKind, kGazCode, kGazPrior, kGazLength, kGazAmbiguity, kGazClasses, kGazWm1, kGazSingle,
    kDemonym, kGazSingleCode,
    kDocMajority, kDocMajorityCase, kDocLongest, kDocGaz, kGazUnknown, kDocLongestCase,
};

enum CaseKind : std::uint8_t { kNoLetters = 0, kLower, kInitialCap, kAllCaps, kMixed, kUncased };

struct WordFacts {
    std::uint64_t lower = 0;   // hash_lower of the word
    std::uint64_t shape = 0;   // short shape hash
    std::uint64_t long_shape = 0;
    WordInfo info;
    CaseKind case_kind = kNoLetters;
    std::uint8_t length = 0;
    // gazetteer
    std::uint8_t gaz_pos = 0;   // 0 none, 1 B, 2 I, 3 L, 4 U
    std::uint32_t gaz_match = 0;  // index into matches + 1
    std::uint64_t single = 0;   // class/kind of the word alone as a name, 0 none
    std::uint64_t single_code = 0;
    bool demonym = false;
};

struct GazMatch {
    std::uint32_t first, last;
    char feature_class;
    std::uint64_t code;
    std::uint8_t kind;
    std::uint8_t prior_bucket;
    std::uint8_t ambiguity;
    std::uint32_t classes;  // bit per class letter among the first postings
};

void facts_of(std::string_view w, WordFacts& f) {
    f.lower = hash_lower(w);
    f.length = static_cast<std::uint8_t>(std::min<std::size_t>(w.size(), 255));
    char shape[12];
    std::size_t shape_len = 0;
    char short_shape[12];
    std::size_t short_len = 0;
    int upper = 0, lower = 0, uncased = 0;
    bool first_upper = false, first_letter_seen = false;
    const auto* p = reinterpret_cast<const std::uint8_t*>(w.data());
    const auto n = static_cast<std::int32_t>(w.size());
    for (std::int32_t i = 0; i < n;) {
        char s;
        const std::uint8_t b = p[i];
        if (b < 0x80) {
            ++i;
            if (b >= 'A' && b <= 'Z') s = 'X', ++upper;
            else if (b >= 'a' && b <= 'z') s = 'x', ++lower;
            else if (b >= '0' && b <= '9') s = 'd';
            else s = static_cast<char>(b);
        } else {
            UChar32 c;
            U8_NEXT(p, i, n, c);
            if (c < 0) s = '?';
            else if (u_isupper(c) || u_istitle(c)) s = 'X', ++upper;
            else if (u_islower(c)) s = 'x', ++lower;
            else if (u_isalpha(c)) s = 'L', ++uncased;
            else if (u_isdigit(c)) s = 'd';
            else s = 'p';
        }
        if (!first_letter_seen && (s == 'X' || s == 'x' || s == 'L')) {
            first_letter_seen = true;
            first_upper = s == 'X';
        }
        if (shape_len < sizeof shape) shape[shape_len++] = s;
        if ((short_len == 0 || short_shape[short_len - 1] != s) && short_len < sizeof short_shape)
            short_shape[short_len++] = s;
    }
    f.shape = detail::hash_lower(std::string_view(short_shape, short_len)) ^ 0x5bd1e995;
    // hash_lower folds X to x: use a case-preserving hash for shapes.
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i < short_len; ++i) h = (h ^ static_cast<unsigned char>(short_shape[i])) * 1099511628211ull;
    f.shape = h;
    h = 1469598103934665603ull;
    for (std::size_t i = 0; i < shape_len; ++i) h = (h ^ static_cast<unsigned char>(shape[i])) * 1099511628211ull;
    f.long_shape = h ^ shape_len;
    if (upper + lower + uncased == 0) f.case_kind = kNoLetters;
    else if (uncased > 0 && upper + lower == 0) f.case_kind = kUncased;
    else if (upper == 0) f.case_kind = kLower;
    else if (lower == 0) f.case_kind = upper >= 2 ? kAllCaps : kInitialCap;
    else if (first_upper && upper == 1) f.case_kind = kInitialCap;
    else f.case_kind = kMixed;
}

bool capitalised(const WordFacts& f) {
    return f.case_kind == kInitialCap || f.case_kind == kAllCaps || f.case_kind == kUncased ||
           f.case_kind == kMixed;
}

bool connector(std::string_view w) {
    static constexpr std::string_view kConnectors[] = {"of", "de", "and", "the", "al", "el", "la", "le", "du",
                                                       "des", "del", "da", "dos", "upon", "on", "am", "der",
                                                       "di", "sur", "en", "-", "'", "&"};
    for (auto c : kConnectors)
        if (w == c) return true;
    return false;
}

thread_local text::Normalizer t_normalizer;

void append_key(std::string_view w, std::string& key, std::string& scratch) {
    scratch.clear();
    bool ascii = true;
    for (char c : w)
        if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    if (ascii) text::fold_ascii_key(w, scratch);
    else t_normalizer.key(w, scratch);
    if (scratch.empty()) return;
    if (!key.empty()) key.push_back(' ');
    key += scratch;
}

std::uint8_t bucket_count(std::size_t n) { return n <= 1 ? 1 : n <= 3 ? 2 : n <= 10 ? 3 : n <= 50 ? 4 : 5; }

}  // namespace

void FeatureExtractor::extract(std::span<const std::string_view> words, std::vector<std::uint64_t>& out,
                               std::vector<std::uint8_t>* classes) const {
    const std::size_t n = words.size();
    out.assign(n * kSlots, 0);
    static_assert(kSlots >= kBaseSlots + 4);
    thread_local std::vector<WordFacts> facts;
    thread_local std::vector<GazMatch> matches;
    thread_local std::string key, scratch;
    facts.assign(n, WordFacts{});
    matches.clear();
    int letter_words = 0, caps_words = 0;
    for (std::size_t i = 0; i < n; ++i) {
        facts_of(words[i], facts[i]);
        facts[i].info = m_clusters.find(facts[i].lower);
        if (facts[i].case_kind != kNoLetters) ++letter_words;
        if (facts[i].case_kind == kAllCaps) ++caps_words;
    }
    // A headline ("RUSSIA SAYS ...") hides case: every word looks capitalised.
    const bool headline = letter_words >= 3 && caps_words * 10 >= letter_words * 8;

    if (m_gazetteer) {
        const auto& gaz = *m_gazetteer;
        for (std::size_t i = 0; i < n;) {
            if (!capitalised(facts[i])) {
                ++i;
                continue;
            }
            key.clear();
            std::size_t best_last = n;
            std::span<const gazetteer::detail::PostingRecord> best;
            for (std::size_t j = i; j < n && j < i + 5; ++j) {
                if (j > i && !capitalised(facts[j]) && !connector(words[j])) break;
                append_key(words[j], key, scratch);
                if (!capitalised(facts[j]) || key.empty()) continue;
                const auto postings = gaz.find_key(key);
                if (postings.empty()) continue;
                best_last = j;
                best = postings;
                if (j == i) {
                    const auto place = gaz.place(postings.front().place);
                    facts[i].single = combine(static_cast<unsigned char>(place.feature_class), postings.front().kind);
                    facts[i].single_code = hash_lower(place.feature_code);
                    for (std::size_t k = 0; k < postings.size() && k < 4; ++k)
                        if (postings[k].kind == static_cast<std::uint8_t>(gazetteer::MatchKind::Demonym))
                            facts[i].demonym = true;
                }
            }
            if (best_last == n) {
                ++i;
                continue;
            }
            const auto place = gaz.place(best.front().place);
            GazMatch m{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(best_last), place.feature_class,
                       hash_lower(place.feature_code), best.front().kind,
                       static_cast<std::uint8_t>(std::clamp(static_cast<int>(std::floor(place.prior)), -1, 9) + 1),
                       bucket_count(best.size()), 0};
            for (std::size_t k = 0; k < best.size() && k < 6; ++k) {
                const char c = gaz.place(best[k].place).feature_class;
                if (c >= 'A' && c <= 'Z') m.classes |= 1u << (c - 'A');
            }
            matches.push_back(m);
            for (std::size_t j = i; j <= best_last; ++j) {
                facts[j].gaz_match = static_cast<std::uint32_t>(matches.size());
                facts[j].gaz_pos = i == best_last ? 4 : j == i ? 1 : j == best_last ? 3 : 2;
            }
            i = best_last + 1;
        }
    }

    static const WordFacts kEdge = [] {
        WordFacts f;
        f.lower = 0x1234567;
        f.shape = 0x7654321;
        f.case_kind = kNoLetters;
        return f;
    }();
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t* o = &out[i * kSlots];
        std::size_t k = 0;
        auto add = [&](std::uint32_t t, std::uint64_t v) { o[k++] = feature(t, v); };
        const WordFacts& f = facts[i];
        const WordFacts& m1 = i >= 1 ? facts[i - 1] : kEdge;
        const WordFacts& m2 = i >= 2 ? facts[i - 2] : kEdge;
        const WordFacts& p1 = i + 1 < n ? facts[i + 1] : kEdge;
        const WordFacts& p2 = i + 2 < n ? facts[i + 2] : kEdge;
        const std::string_view w = words[i];

        add(kBias, 0);
        add(kW0, f.lower);
        add(kWm1, m1.lower);
        add(kWp1, p1.lower);
        add(kWm2, m2.lower);
        add(kWp2, p2.lower);
        add(kWm1W0, combine(m1.lower, f.lower));
        add(kW0Wp1, combine(f.lower, p1.lower));
        add(kWm2Wm1, combine(m2.lower, m1.lower));
        add(kW0Case, combine(f.lower, f.case_kind));
        add(kShape0, f.shape);
        add(kLongShape0, f.long_shape);
        add(kShapeM1, m1.shape);
        add(kShapeP1, p1.shape);
        add(kShape3, combine(combine(m1.shape, f.shape), p1.shape));
        const std::size_t len = w.size();
        for (std::size_t a = 1; a <= 4 && a < len; ++a) {
            add(kPre1 + static_cast<std::uint32_t>(a - 1), hash_lower(w.substr(0, a)));
            add(kSuf1 + static_cast<std::uint32_t>(a - 1), hash_lower(w.substr(len - a)));
        }
        add(kStartCase, combine(i == 0, f.case_kind));
        if (headline) {
            add(kHeadlineShape, f.shape);
            add(kHeadlineW0, f.lower);
        }
        add(kCases3, (std::uint64_t(m1.case_kind) << 16) | (std::uint64_t(f.case_kind) << 8) | p1.case_kind |
                         (std::uint64_t(headline) << 24));
        add(kLength, combine(std::min<std::size_t>(len, 12), f.case_kind));
        add(kWm1Case0, combine(m1.lower, f.case_kind));
        add(kWp1Case0, combine(p1.lower, f.case_kind));
        if (f.info.coarse) add(kCoarse0, f.info.coarse);
        if (f.info.fine) add(kFine0, f.info.fine);
        add(kFineM1, m1.info.fine);
        add(kFineP1, p1.info.fine);
        add(kCoarse3, (std::uint64_t(m1.info.coarse) << 32) | (std::uint64_t(f.info.coarse) << 16) | p1.info.coarse);
        add(kLowerShare, combine(f.info.lower_share, f.case_kind));
        add(kLowerShareStart, combine(combine(f.info.lower_share, f.case_kind), (i == 0) + 2 * headline));
        if (f.gaz_match) {
            const GazMatch& g = matches[f.gaz_match - 1];
            add(kGazClassKind, combine(combine(f.gaz_pos, static_cast<unsigned char>(g.feature_class)), g.kind));
            add(kGazCode, combine(f.gaz_pos, g.code));
            add(kGazPrior, combine(f.gaz_pos, g.prior_bucket));
            add(kGazLength, combine(f.gaz_pos, std::min<std::uint32_t>(g.last - g.first + 1, 5)));
            add(kGazAmbiguity, combine(combine(f.gaz_pos, g.ambiguity), g.prior_bucket));
            add(kGazClasses, combine(f.gaz_pos, g.classes));
            add(kGazWm1, combine(f.gaz_pos, m1.lower));
            // A word the training text never showed (no cluster, no case
            // statistics): the gazetteer is then most of the evidence.
            const bool unknown = f.info.coarse == 0 && f.info.lower_share == 0;
            add(kGazUnknown, combine(combine(f.gaz_pos, g.prior_bucket), combine(unknown, static_cast<unsigned char>(g.feature_class))));
        }
        if (f.single) {
            add(kGazSingle, combine(f.single, f.case_kind));
            add(kGazSingleCode, f.single_code);
        }
        if (f.demonym) add(kDemonym, f.case_kind);
    }
    if (classes) {
        classes->resize(n);
        for (std::size_t i = 0; i < n; ++i) (*classes)[i] = static_cast<std::uint8_t>(facts[i].case_kind | (facts[i].gaz_pos << 4));
    }
}

void FeatureExtractor::document_features(const std::vector<std::uint8_t>& classes,
                                         const std::vector<std::uint16_t>& hints, std::vector<std::uint64_t>& out) {
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const std::uint16_t h = hints[i];
        if (!h) continue;
        std::uint64_t* o = &out[i * kSlots + kBaseSlots];
        const std::uint8_t majority = h & 0x7f, longest = h >> 8, case_kind = classes[i] & 15, gaz = classes[i] >> 4;
        o[0] = feature(kDocMajority, majority);
        o[1] = feature(kDocMajorityCase, combine(majority, case_kind));
        o[2] = feature(kDocLongest, combine(longest, majority));
        o[3] = feature(kDocGaz, combine(majority, gaz));
        // The longest entity's type without the majority: "Jordan" after
        // "Neil Jordan", however the other lone "Jordan"s were tagged.
        // +0.1 point dev LOC F1 (mean of 5 seeds, 0.9573 -> 0.9583).
        if (longest) o[4] = feature(kDocLongestCase, combine(longest, case_kind));
    }
}

std::vector<std::vector<std::uint16_t>> FeatureExtractor::document_hints(
    const std::vector<std::span<const std::string_view>>& sentences,
    const std::vector<std::vector<std::uint8_t>>& tags) {
    struct Tally {
        std::uint32_t by_type[6] = {};
        std::uint32_t longest_len = 0;
        std::uint8_t longest_type = 0;
        std::uint32_t surname = 0;  // times the last word of a person's name of 2+ words
    };
    // A word's tally over the document; its own occurrence is taken out below.
    thread_local std::unordered_map<std::uint64_t, Tally> tally;
    tally.clear();
    auto is_cap = [](std::string_view w) {
        const auto c = static_cast<unsigned char>(w.empty() ? 0 : w[0]);
        return (c >= 'A' && c <= 'Z') || c >= 0x80;
    };
    // Entity length of each word (in words), per sentence.
    std::vector<std::vector<std::uint32_t>> lengths(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        const auto& t = tags[s];
        lengths[s].assign(t.size(), 0);
        for (std::size_t i = 0; i < t.size();) {
            if (t[i] == kOutside) {
                ++i;
                continue;
            }
            std::size_t j = i + 1;
            while (j < t.size() && is_inside(t[j]) && tag_type(t[j]) == tag_type(t[i])) ++j;
            for (std::size_t k = i; k < j; ++k) lengths[s][k] = static_cast<std::uint32_t>(j - i);
            if (j - i >= 2 && tag_type(t[i]) == EntityType::Person && is_cap(sentences[s][j - 1]))
                ++tally[hash_lower(sentences[s][j - 1])].surname;
            i = j;
        }
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (!is_cap(sentences[s][i])) continue;
            auto& x = tally[hash_lower(sentences[s][i])];
            const int type = t[i] == kOutside ? 5 : static_cast<int>(tag_type(t[i]));
            ++x.by_type[type];
        }
    }
    // The longest entity (first wins ties) each word was part of.
    for (std::size_t s = 0; s < sentences.size(); ++s)
        for (std::size_t i = 0; i < tags[s].size(); ++i) {
            if (!is_cap(sentences[s][i]) || tags[s][i] == kOutside) continue;
            auto& x = tally[hash_lower(sentences[s][i])];
            if (lengths[s][i] > x.longest_len)
                x.longest_len = lengths[s][i], x.longest_type = static_cast<std::uint8_t>(tag_type(tags[s][i]));
        }
    std::vector<std::vector<std::uint16_t>> out(sentences.size());
    for (std::size_t s = 0; s < sentences.size(); ++s) {
        out[s].assign(tags[s].size(), 0);
        for (std::size_t i = 0; i < tags[s].size(); ++i) {
            if (!is_cap(sentences[s][i])) continue;
            Tally x = tally[hash_lower(sentences[s][i])];
            const int own = tags[s][i] == kOutside ? 5 : static_cast<int>(tag_type(tags[s][i]));
            --x.by_type[own];
            int best = 0;
            std::uint32_t best_count = 0;
            for (int k = 1; k <= 5; ++k)
                if (x.by_type[k] > best_count) best_count = x.by_type[k], best = k;
            if (best == 0) continue;
            // The longest entity counts only when it is not this occurrence's own.
            const std::uint8_t longest = x.longest_len > lengths[s][i] ? x.longest_type : 0;
            // Nor does a surname: this occurrence may be the only one.
            const bool own_surname = lengths[s][i] >= 2 && tag_type(tags[s][i]) == EntityType::Person &&
                                     (i + 1 == tags[s].size() || !is_inside(tags[s][i + 1]));
            const bool surname = x.surname > (own_surname ? 1u : 0u);
            out[s][i] = static_cast<std::uint16_t>(best | (surname ? kSurnameHint : 0) | (longest << 8));
        }
    }
    return out;
}

}  // namespace conflictmap::recognize
