#include "resolve/geocoder.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_set>

#include "core/error.hpp"
#include "gazetteer/feature_class.hpp"
#include "gazetteer/prior.hpp"
#include "gazetteer/spelling.hpp"
#include "recognize/lexicon.hpp"
#include "text/markup.hpp"
#include "text/tokenizer.hpp"
#include "text/utf8.hpp"

namespace conflictmap::resolve {

Geocoder::Geocoder(const gazetteer::Gazetteer& gazetteer, GeocodeOptions options)
    : m_gazetteer(gazetteer),
      m_options(options),
      m_matcher(gazetteer, recognize::Lexicon::builtin(), {options.demonyms, 6}),
      m_resolver(gazetteer) {}

std::vector<ResolvedMention> Geocoder::run(const io::Document& doc) {
    // Offsets are 32-bit: 4 GiB of text in one document is beyond any article.
    if (doc.text.size() >= UINT32_MAX)
        throw DataError(doc.source, doc.line, "document '" + doc.id + "' is larger than 4 GiB");
    auto found = recognize_all(doc.text);
    if (!m_options.spans_only) {
        // Names only the tagger found, which no gazetteer entry matches, are
        // placed where the document is.
        auto resolved = m_resolver.resolve(doc.text, found);
        place_from_context(resolved, resolved);
        return resolved;
    }
    // Resolve-only: the user's spans, with what the recognizer finds as context.
    auto resolved = m_resolver.resolve(doc.text, given_spans(doc), found);
    place_from_context(resolved, m_resolver.resolve(doc.text, found));
    return resolved;
}

std::vector<std::vector<CandidateFeatures>> Geocoder::span_features(const io::Document& doc) {
    const auto found = recognize_all(doc.text);
    return m_resolver.features(doc.text, given_spans(doc), found);
}

std::vector<recognize::Mention> Geocoder::recognize_all(std::string_view text) {
    // Long documents are recognised a window at a time, cut at a line break
    // (else a sentence end, else a space) after kWindowBytes, so memory stays
    // bounded by the window (tokens take ~4x the text) whatever the size of
    // the document; resolution still sees every mention of the document.
    constexpr std::size_t kWindowBytes = 1 << 20;
    std::vector<recognize::Mention> out;
    std::size_t start = 0;
    std::uint32_t cp_offset = 0;
    while (start < text.size()) {
        std::size_t end = text.size();
        if (end - start > kWindowBytes) {
            end = start + kWindowBytes;
            std::size_t cut = text.find('\n', end);
            if (cut == std::string_view::npos || cut - end > kWindowBytes / 4) cut = text.find(". ", end);
            if (cut == std::string_view::npos || cut - end > kWindowBytes / 4) cut = text.find(' ', end);
            end = cut == std::string_view::npos ? text.size() : cut + 1;
            // Never inside a UTF-8 sequence (a space or newline is ASCII, so
            // `end` already sits on a character boundary).
        }
        const std::string_view window = text.substr(start, end - start);
        const auto tokens = text::tokenize(window);
        auto found = m_matcher.find(window, tokens, m_normalizer);
        if (m_options.tagger) found = combine(window, tokens, std::move(found));
        const auto addresses = text::address_ranges(window);
        for (auto& m : found) {
            if (text::overlaps_any(addresses, m.begin, m.end)) continue;
            m.begin += static_cast<std::uint32_t>(start);
            m.end += static_cast<std::uint32_t>(start);
            m.cp_begin += cp_offset;
            m.cp_end += cp_offset;
            out.push_back(std::move(m));
        }
        cp_offset += static_cast<std::uint32_t>(text::code_point_count(window));
        start = end;
    }
    return out;
}

namespace {
// Tagger probabilities (calibrated on CoNLL dev) at which its evidence
// counts; set on GeoWebNews and GeoCorpora (docs/evaluation.md).
constexpr float kTaggerConfirms = 0.5f;  // a weak gazetteer match is a place
constexpr float kTaggerRejects = 0.05f;  // a small single-word match is not
constexpr float kTaggerAdds = 0.7f;      // a span the gazetteer missed is a place
}  // namespace

std::vector<recognize::Mention> Geocoder::combine(std::string_view text, const std::vector<text::Token>& tokens,
                                                  std::vector<recognize::Mention> found) {
    std::vector<float> p_token;
    const auto spans = m_options.tagger->tag(text, tokens, &p_token);
    std::vector<char> covered(tokens.size(), 0);
    std::vector<recognize::Mention> out;
    // Pass 1: what the tagger would veto. A name the text elsewhere shows to
    // be a place ("in Dalton", "Dalton, Georgia", or confirmed by the tagger)
    // keeps every mention: one sense per document ("Dalton was born when
    // the railroad came").
    std::vector<char> vetoed(found.size(), 0);
    std::unordered_set<std::string> trusted;
    for (std::size_t i = 0; i < found.size(); ++i) {
        auto& m = found[i];
        float p_max = 0;
        for (std::uint32_t k = m.first_token; k <= m.last_token && k < p_token.size(); ++k)
            p_max = std::max(p_max, p_token[k]);
        if (m.weak && p_max >= kTaggerConfirms) m.weak = false;
        // The tagger, trained on prose, cannot judge hashtags ("#ferguson",
        // "#StandWithGaza"), which name what a post is about.
        const bool hashtag = text::is_hashtag_body(text, tokens, m.first_token);
        if (!m.demonym && !hashtag && !m.cued && m.first_token == m.last_token && p_max < kTaggerRejects &&
            !m.postings.empty()) {
            const auto best = m_gazetteer.place(m.postings[0].place);
            // Countries, continents, states of millions and cities of 300,000
            // keep their name against the tagger's doubt, inside an
            // organisation's too ("Mississippi State", "Maryland State
            // Police", "Liverpool's striker"): news annotates them, and
            // readers look for them. (Set on GeoWebNews and GeoCorpora:
            // F1 0.886 / 0.768 at 10^6.5, 0.890 / 0.769 at 10^5.5.)
            const bool big = gazetteer::is_country_code(best.feature_code) || best.feature_code == "CONT" ||
                             (best.feature_code == "ADM1" && best.prior >= 6.0f) || best.prior >= 5.5f;
            vetoed[i] = !big;
        }
        if (!vetoed[i] && !m.weak && !m.demonym && (m.cued || p_max >= kTaggerConfirms)) trusted.insert(m.key);
    }
    for (std::size_t i = 0; i < found.size(); ++i) {
        auto& m = found[i];
        if (vetoed[i] && !trusted.count(m.key)) continue;
        for (std::uint32_t k = m.first_token; k <= m.last_token && k < covered.size(); ++k) covered[k] = 1;
        out.push_back(std::move(m));
    }
    for (const auto& s : spans) {
        if (s.probability < kTaggerAdds) continue;
        bool overlaps = false;
        for (std::uint32_t k = s.first_token; k <= s.last_token; ++k) overlaps |= covered[k] != 0;
        if (overlaps) continue;
        recognize::Mention m = recognize::Mention::of_tokens(tokens, s.first_token, s.last_token);
        const std::string_view surface = text.substr(m.begin, m.end - m.begin);
        m.key = m_normalizer.key(surface);
        m.postings = m_gazetteer.find_key(m.key);
        if (s.first_token == s.last_token && !plausible_single_word(surface, tokens[s.first_token], m.postings))
            continue;
        // "MT @Independent:", "HT @user": a social-media marker before a handle.
        if (tokens[s.first_token].is(text::kAllCaps) && surface.size() <= 3 && text.substr(m.end, 2) == " @")
            continue;
        if (m.postings.empty()) {
            m.postings = gazetteer::find_spelling_variant(m_gazetteer, m.key);
            m.variant = !m.postings.empty();
        }
        if (m.postings.empty()) {
            m.postings = partial_match(surface);
            m.partial = !m.postings.empty();
        }
        out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.begin < y.begin; });
    return out;
}

bool Geocoder::plausible_single_word(std::string_view surface, const text::Token& token,
                                     std::span<const gazetteer::detail::PostingRecord> postings) const {
    // "I'll", "we'd": contractions, never places (the tagger has seen few).
    if (const auto ap = surface.find_first_of("'\xE2"); ap != std::string_view::npos) {
        std::string_view tail = surface.substr(ap + (surface[ap] == '\'' ? 1 : 3));
        if (tail == "ll" || tail == "d" || tail == "ve" || tail == "re" || tail == "m" || tail == "t" || tail == "s")
            return false;
    }
    if (postings.empty()) return true;
    // Known only by another language's or an old name ("Sam" for Damascus,
    // "Cassius" for Sainte-Maxime), or by an abbreviation not written as
    // one ("Us"): the gazetteer's evidence is too thin to place a word.
    bool proper = false, abbreviation = false;
    for (std::size_t k = 0; k < postings.size() && k < 20; ++k) {
        const auto kind = static_cast<gazetteer::MatchKind>(postings[k].kind);
        proper |= kind == gazetteer::MatchKind::Name || kind == gazetteer::MatchKind::Demonym;
        abbreviation |= kind == gazetteer::MatchKind::Abbreviation;
    }
    if (proper) return true;
    const auto best = m_gazetteer.place(postings[0].place);
    if (gazetteer::is_country_code(best.feature_code)) return true;
    return abbreviation && token.is(text::kAllCaps);
}

std::vector<recognize::Mention> Geocoder::given_spans(const io::Document& doc) {
    // Code point offset -> byte offset.
    std::vector<std::uint32_t> byte_at;
    byte_at.reserve(doc.text.size() + 1);
    for (std::uint32_t i = 0; i < doc.text.size(); ++i)
        if ((static_cast<unsigned char>(doc.text[i]) & 0xC0) != 0x80) byte_at.push_back(i);
    byte_at.push_back(static_cast<std::uint32_t>(doc.text.size()));
    const std::uint32_t length = static_cast<std::uint32_t>(byte_at.size() - 1);

    std::vector<recognize::Mention> out;
    for (const auto& s : *doc.spans) {
        if (s.end > length)
            throw DataError(doc.source, doc.line,
                            "document '" + doc.id + "': span [" + std::to_string(s.start) + ", " +
                                std::to_string(s.end) + ") is past the end of its text (" +
                                std::to_string(length) + " code points)");
        recognize::Mention m;
        m.cp_begin = s.start;
        m.cp_end = s.end;
        m.begin = byte_at[s.start];
        m.end = byte_at[s.end];
        m.key = m_normalizer.key(std::string_view(doc.text).substr(m.begin, m.end - m.begin));
        m.postings = m_gazetteer.find_key(m.key);
        if (m.postings.empty()) {
            m.postings = partial_match(std::string_view(doc.text).substr(m.begin, m.end - m.begin));
            m.partial = !m.postings.empty();
        }
        // A span the user marked is a toponym: a name found only as a demonym
        // still resolves to its place.
        out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
    return out;
}

std::span<const gazetteer::detail::PostingRecord> Geocoder::partial_match(std::string_view span) {
    const auto tokens = text::tokenize(span);
    std::vector<std::size_t> words;
    for (std::size_t i = 0; i < tokens.size(); ++i)
        if (tokens[i].is(text::kWord)) words.push_back(i);
    const auto& lexicon = recognize::Lexicon::builtin();
    std::string key;
    // Longest first; a part must be capitalised and, alone, not an ordinary
    // word ("Royal Street" is not Royal, "West Wing" not West).
    for (std::size_t len = words.size() > 1 ? words.size() - 1 : 0; len >= 1; --len) {
        for (std::size_t s = 0; s + len <= words.size(); ++s) {
            const auto& a = tokens[words[s]];
            const auto& b = tokens[words[s + len - 1]];
            if (!a.is(text::kUpperInitial) || !b.is(text::kUpperInitial)) continue;
            // Not a piece of a hyphenated name ("Taiba" of "Lashkar-e-Taiba").
            if ((a.begin > 0 && span[a.begin - 1] == '-') || (b.end < span.size() && span[b.end] == '-')) continue;
            m_normalizer.key(span.substr(a.begin, b.end - a.begin), key);
            if (key.size() < 3) continue;
            if (len == 1 && (lexicon.common_word_count(key) > 0 || lexicon.is_dictionary_word(key) ||
                             lexicon.is_not_toponym(key)))
                continue;
            // "Karl Bremer Hospital", "Robinson College": a person's name,
            // not the place the building is in.
            if (len == 1) {
                const auto* st = lexicon.name_stats(key);
                if (st && st->per > st->loc) continue;
            }
            const auto postings = m_gazetteer.find_key(key);
            if (postings.empty()) continue;
            const auto kind = static_cast<gazetteer::MatchKind>(postings[0].kind);
            if (kind == gazetteer::MatchKind::Transliteration || kind == gazetteer::MatchKind::Historic) continue;
            return postings;
        }
    }
    return {};
}

void Geocoder::place_from_context(std::vector<ResolvedMention>& resolved,
                                  const std::vector<ResolvedMention>& found) const {
    bool any_missing = false, any_partial = false;
    for (const auto& r : resolved) {
        any_missing |= !r.place || r.doubtful;
        any_partial |= r.place && r.match == gazetteer::MatchKind::Partial;
    }
    if (!any_missing && !any_partial) return;
    // The document's focus: in its most mentioned country, its most
    // mentioned town or city, else division, else the country itself.
    struct Tally {
        int count = 0;
        gazetteer::PlaceView place;
    };
    std::map<std::int64_t, Tally> tallies;
    std::map<std::string, int> countries;
    auto add = [&](const ResolvedMention& r) {
        if (!r.place || r.mention.demonym || r.match == gazetteer::MatchKind::Context ||
            r.match == gazetteer::MatchKind::Partial)
            return;
        Tally& t = tallies[r.place->id];
        ++t.count;
        t.place = *r.place;
        if (!r.place->country_code.empty()) ++countries[std::string(r.place->country_code)];
    };
    for (const auto& r : resolved) add(r);
    for (const auto& r : found) add(r);
    std::string country;
    int most = 0;
    for (const auto& [cc, count] : countries)
        if (count > most) {
            most = count;
            country = cc;
        }
    auto rank = [](const gazetteer::PlaceView& p) {
        if (p.feature_class == 'P') return 3;
        if (gazetteer::admin_level(p.feature_code) > 0) return 2;
        if (gazetteer::is_country_code(p.feature_code)) return 1;
        return 0;
    };
    const Tally* focus = nullptr;
    for (const auto& [id, t] : tallies) {
        if (rank(t.place) == 0) continue;
        const bool home = t.place.country_code == country;
        if (!focus || std::make_tuple(home, rank(t.place), t.count, t.place.prior) >
                          std::make_tuple(focus->place.country_code == country, rank(focus->place), focus->count,
                                          focus->place.prior))
            focus = &t;
    }
    if (!focus) return;
    const gazetteer::PlaceView& f = focus->place;
    for (auto& r : resolved) {
        if (!r.place || r.doubtful) {
            r.doubtful = false;
            r.place = f;
            r.match = gazetteer::MatchKind::Context;
            r.score = 0.1f;
            r.resolution = resolution_of(f);
            continue;
        }
        // "University of Alberta" placed by a part that is a state: the
        // document's town in that state is a closer guess. (Not for a
        // country: "Bank of Mexico", "Russian embassy" are in its capital
        // or abroad as often as in the town.)
        if (r.match != gazetteer::MatchKind::Partial || f.feature_class != 'P') continue;
        const auto& p = *r.place;
        if (p.feature_code == "ADM1" && p.country_code == f.country_code && p.admin1_code == f.admin1_code) {
            r.place = f;
            r.match = gazetteer::MatchKind::Context;
            r.resolution = resolution_of(f);
        }
    }
}

}  // namespace conflictmap::resolve
