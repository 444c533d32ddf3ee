#include "recognize/gazetteer_matcher.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

#include "gazetteer/feature_class.hpp"
#include "gazetteer/spelling.hpp"
#include "text/markup.hpp"

namespace conflictmap::recognize {

using gazetteer::MatchKind;
using text::Token;

namespace {

// Lower-case words allowed inside a multi-word name ("Bosnia and
// Herzegovina", "Isle of Man", "Rio de Janeiro", "Dar es Salaam").
constexpr std::array<std::string_view, 35> kConnectors = {
    "of", "the", "and", "de", "del", "da", "do", "dos", "das", "du", "des", "di",
    "la", "le", "el", "al", "es", "y", "upon", "on", "sur", "am", "an", "van", "au", "aux", "en", "les",
    "ez", "ed", "ash", "i", "e", "ul", "ud"};

// Capitalised words that qualify a place rather than hide it: "Northern
// Syria" is Syria, so they must not count as a person's first name.
constexpr std::array<std::string_view, 22> kModifiers = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "greater", "old", "new", "northeastern", "northwestern",
    "southeastern", "southwestern", "inner", "outer", "coastal", "rural"};

bool contains(auto& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

bool capitalised(const Token& t) {
    return t.is(text::kWord) && (t.is(text::kUpperInitial) || t.is(text::kUncased));
}

// Only whitespace without a line break between two tokens, or nothing.
bool joined_by_space(std::string_view text, const Token& a, const Token& b) {
    if (b.begin - a.end > 2) return false;
    for (std::uint32_t i = a.end; i < b.begin; ++i) {
        if (text[i] == '\n' || text[i] == '\r') return false;
    }
    return true;
}

// The lower-case Arabic article of a name: "al-", "as-", "ad-" glued by a
// hyphen to a capitalised word.
bool arabic_article(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
    static constexpr std::string_view kArticles[] = {"al", "el", "as", "ad", "ar", "ash", "at", "az", "an", "ad", "ed"};
    if (i + 2 >= tokens.size()) return false;
    const std::string_view w = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    if (std::find(std::begin(kArticles), std::end(kArticles), w) == std::end(kArticles)) return false;
    return text.substr(tokens[i + 1].begin, tokens[i + 1].end - tokens[i + 1].begin) == "-" &&
           tokens[i].end == tokens[i + 1].begin && tokens[i + 1].end == tokens[i + 2].begin &&
           (tokens[i + 2].is(text::kUpperInitial));
}

// The token is glued by a hyphen to a word before or after it.
bool hyphen_part(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
    // The word across the hyphen belongs to the same name when capitalised
    // or a particle ("Lashkar-e-Taiba", "Hizb-ul-Mujahideen"); a common
    // word makes a compound about the place ("Calgary-based", "Detroit-area").
    auto same_name = [&](std::size_t k) {
        const Token& t = tokens[k];
        return t.is(text::kWord) && (capitalised(t) || t.is(text::kAllCaps) || t.end - t.begin <= 2);
    };
    auto glued_hyphen = [&](std::size_t h, std::size_t other) {
        return h > 0 && h + 1 < tokens.size() && text.substr(tokens[h].begin, tokens[h].end - tokens[h].begin) == "-" &&
               tokens[h - 1].end == tokens[h].begin && tokens[h].end == tokens[h + 1].begin && same_name(other);
    };
    return (i >= 2 && glued_hyphen(i - 1, i - 2)) || (i + 2 < tokens.size() && glued_hyphen(i + 1, i + 2));
}

// The token opens the text, a line, or a sentence.
bool line_start(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
    if (i == 0 || tokens[i].is(text::kSentenceStart)) return true;
    // After a colon or a dash: "Subra: PEKAN: ...", "threats - DAVOS, ...".
    const std::string_view prev = text.substr(tokens[i - 1].begin, tokens[i - 1].end - tokens[i - 1].begin);
    if (prev == ":" || prev == "-" || prev == "\u2013" || prev == "\u2014" || prev == "|") return true;
    return text.substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end).find('\n') != std::string_view::npos;
}

// Prepositions after which a capitalised word is most often a place.
constexpr std::array<std::string_view, 16> kLocative = {
    "in", "at", "near", "from", "to", "into", "outside", "inside", "around", "toward",
    "towards", "across", "across", "through", "via", "throughout"};

bool is_locative(std::string_view text, const Token& t) {
    if (!t.is(text::kWord) || t.end - t.begin > 10) return false;
    std::string w(text.substr(t.begin, t.end - t.begin));
    for (auto& c : w)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return std::find(kLocative.begin(), kLocative.end(), w) != kLocative.end();
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

// Nouns after which a capitalised word is the name of a town rather than of
// a person: "Ferguson police", "Richmond Police Chief", "Kenosha residents".
constexpr std::array<std::string_view, 14> kPlaceHeads = {
    "police", "pd", "residents", "mayor", "council", "airport", "protests", "protesters",
    "riots", "county", "city", "townships", "suburb", "neighborhood"};

bool is_place_head(std::string_view text, const Token& t) {
    if (!t.is(text::kWord) || t.end - t.begin > 12) return false;
    return contains(kPlaceHeads, lower_ascii(text.substr(t.begin, t.end - t.begin)));
}

// Words that make the name before them (or, for the speech verbs, after
// them) a person's.
constexpr std::array<std::string_view, 12> kPersonAfter = {
    "said", "says", "told", "himself", "herself", "added", "explained", "wrote", "argued", "recalled",
    "tweeted", "insisted"};
constexpr std::array<std::string_view, 4> kPersonBefore = {"said", "says", "added", "told"};

bool speaker(std::string_view text, const std::vector<Token>& tokens, std::size_t i, std::size_t j) {
    auto word = [&](std::size_t k) { return lower_ascii(text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin)); };
    if (j + 1 < tokens.size() && contains(kPersonAfter, word(j + 1))) return true;
    // "... says Noma." / "said Nash Riad, one of the cashiers"
    if (i >= 1 && contains(kPersonBefore, word(i - 1))) {
        if (j + 1 >= tokens.size()) return true;
        const std::string next = word(j + 1);
        return next == "." || next == "," || capitalised(tokens[j + 1]);
    }
    return false;
}

// "X is a city in ...", "X, a village of 300 people, ...", "X was the
// county seat": the words after the name say what kind of place it is.
bool described_as_place(std::string_view text, const std::vector<Token>& tokens, std::size_t j) {
    static constexpr std::string_view kKinds[] = {
        "city", "town", "village", "hamlet", "settlement", "community", "municipality", "commune", "county",
        "district", "province", "region", "suburb", "neighbourhood", "neighborhood", "port", "capital",
        "township", "borough", "parish", "census-designated", "cdp", "locality", "oasis"};
    if (j + 2 >= tokens.size()) return false;
    const std::string first = lower_ascii(text.substr(tokens[j + 1].begin, tokens[j + 1].end - tokens[j + 1].begin));
    if (first != "is" && first != "was" && first != ",") return false;
    // An article, then a few modifiers ("small", "third-class", "coastal")
    // and the kind: "is a small town", "was the county seat"; not "Smith, a
    // veteran of the city team".
    std::size_t k = j + 2;
    const std::string article = lower_ascii(text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
    if (article != "a" && article != "an" && article != "the") return false;
    int words = 0;
    for (++k; k < tokens.size() && words < 4; ++k) {
        const std::string w = lower_ascii(text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
        if (w == "-") continue;
        if (!tokens[k].is(text::kWord)) return false;
        for (const auto kind : kKinds)
            if (w == kind) return true;
        if (w == "of" || w == "in" || w == "for" || w == "with" || w == "and" || w == "or" || w == "who" ||
            w == "from" || w == "at" || w == "on" || w == "by" || w == "to")
            return false;
        ++words;
    }
    return false;
}

}  // namespace

GazetteerMatcher::GazetteerMatcher(const gazetteer::Gazetteer& gazetteer, const Lexicon& lexicon,
                                   MatcherOptions options)
    : m_gazetteer(gazetteer), m_lexicon(lexicon), m_options(options) {}

std::vector<Mention> GazetteerMatcher::find(std::string_view text, const std::vector<Token>& tokens,
                                            text::Normalizer& normalizer) const {
    std::vector<Mention> out;
    std::string key;
    const std::size_t n = tokens.size();
    std::vector<std::uint32_t> ends;
    // Surnames met after a title or a first name: later on their own they
    // still name the person ("Mark Zuckerberg ... Zuckerberg said").
    std::unordered_set<std::string> people;
    auto person_like = [&](const std::string& k) {
        const auto* st = m_lexicon.name_stats(k);
        return st && st->per >= 3 && st->loc * 3 < st->per;
    };
    auto remember_person = [&](std::size_t from, std::size_t to) {
        for (std::size_t k = from; k <= to; ++k)
            people.insert(normalizer.key(text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin)));
    };
    // Capitalised pairs "First Last" where First is a known first name.
    for (std::size_t k = 0; k + 1 < n; ++k) {
        if (!capitalised(tokens[k]) || !capitalised(tokens[k + 1]) ||
            !joined_by_space(text, tokens[k], tokens[k + 1]))
            continue;
        const std::string k0 = normalizer.key(text.substr(tokens[k].begin, tokens[k].end - tokens[k].begin));
        if (person_like(k0) || m_lexicon.is_title(k0))
            people.insert(normalizer.key(text.substr(tokens[k + 1].begin, tokens[k + 1].end - tokens[k + 1].begin)));
    }
    // Lines written in capitals (headlines, datelines, shouted tweets): their
    // all-capital words are words, not acronyms ("THE", "IN", "TORNADO").
    std::vector<bool> shouted(n, false);
    for (std::size_t a = 0; a < n;) {
        std::size_t b = a;
        int words = 0, caps = 0;
        while (b < n && (b == a || joined_by_space(text, tokens[b - 1], tokens[b]) ||
                         text.substr(tokens[b - 1].end, tokens[b].begin - tokens[b - 1].end).find('\n') ==
                             std::string_view::npos)) {
            if (tokens[b].is(text::kWord) && tokens[b].end - tokens[b].begin >= 2) {
                ++words;
                if (tokens[b].is(text::kAllCaps)) ++caps;
            }
            ++b;
        }
        if (words >= 3 && caps * 2 >= words)
            for (std::size_t k = a; k < b; ++k) shouted[k] = true;
        a = b;
    }

    for (std::size_t i = 0; i < n; ++i) {
        const Token& first = tokens[i];
        // Arabic names keep their article in lower case: "al-Mayadin",
        // "as-Suwayda", "ad-Dawr". The name starts at the article.
        const bool article = arabic_article(text, tokens, i);
        if (!article && !capitalised(first) && !first.is(text::kAllCaps)) {
            // Social media writes names in lower case ("iran", "nigeria") or
            // run together ("SouthSudan"): countries and big cities only, and
            // never a dictionary word ("turkey", "china").
            if (first.is(text::kWord) && !first.is(text::kDigit)) {
                if (auto m = lowercase_name(text, tokens, i, normalizer)) {
                    // Only big places pass here; the tagger, which learned
                    // from edited text, knows little of lower-case names.
                    m->cued = true;
                    i = m->last_token;
                    out.push_back(std::move(*m));
                }
                else if (text::is_hashtag_body(text, tokens, i))
                    hashtag_names(text, first, i, normalizer, out);
            }
            continue;
        }

        // Possible ends of a name starting here: capitalised words joined by
        // single spaces or hyphens, lower-case connectors allowed inside.
        ends.clear();
        if (!article) ends.push_back(static_cast<std::uint32_t>(i));
        std::size_t words = 1;
        for (std::size_t j = i + 1; j < n && words < m_options.max_tokens; ++j) {
            const Token& prev = tokens[j - 1];
            const Token& t = tokens[j];
            const std::string_view s = text.substr(t.begin, t.end - t.begin);
            if (!t.is(text::kWord)) {
                // A hyphen glued on both sides: "Nagorno-Karabakh", "Guinea-Bissau".
                if (s == "-" && prev.end == t.begin && j + 1 < n && tokens[j + 1].begin == t.end) continue;
                // The dot of a short abbreviation inside a name: "St. Petersburg",
                // "Mt. Kenya", "Ft. Worth".
                if (s == "." && prev.end == t.begin && prev.is(text::kUpperInitial) && prev.end - prev.begin <= 3 &&
                    j + 1 < n && capitalised(tokens[j + 1]) && joined_by_space(text, t, tokens[j + 1]))
                    continue;
                break;
            }
            if (!joined_by_space(text, prev, t)) break;
            ++words;
            if (capitalised(t) || t.is(text::kAllCaps)) {
                ends.push_back(static_cast<std::uint32_t>(j));
            } else if (!contains(kConnectors, lower_ascii(s))) {
                break;
            }
        }

        bool matched = false;
        for (auto it = ends.rbegin(); it != ends.rend() && !matched; ++it) {
            const std::size_t j = *it;
            const Token& last = tokens[j];
            const std::string_view surface = text.substr(first.begin, last.end - first.begin);
            normalizer.key(surface, key);
            if (key.empty()) continue;
            auto postings = m_gazetteer.find_key(key);
            if (postings.empty() && j > i) postings = gazetteer::find_article_variant(m_gazetteer, key);
            if (postings.empty() && j == i) {
                if (auto m = camel_case_name(text, first, i, normalizer)) {
                    out.push_back(std::move(*m));
                    matched = true;
                    break;
                }
            }
            if (postings.empty()) continue;

            // Kinds of name behind this key among the best candidates.
            bool strong = false, only_abbreviation = true, demonym = false, alias_only = true;
            for (std::size_t k = 0; k < postings.size() && k < 20; ++k) {
                const auto kind = static_cast<MatchKind>(postings[k].kind);
                if (kind == MatchKind::Transliteration || kind == MatchKind::Historic) continue;
                strong = true;
                if (kind != MatchKind::Abbreviation) only_abbreviation = false;
                // Our curated tables list the names news uses ("Artsakh").
                if (kind != MatchKind::Alternate ||
                    m_gazetteer.place(postings[k].place).source == gazetteer::Source::Curated)
                    alias_only = false;
                if (k == 0 && kind == MatchKind::Demonym) demonym = true;
            }
            const bool single = (j == i);
            if (single && !strong) continue;
            // One Latin letter ("A photo ...") is never a place name.
            if (single && last.end - first.begin == 1) continue;
            // "Hattiesburg, MS": a state's code after its town, even when the
            // code is also a title or a word ("Ms", "OR").
            const bool after_town = single && first.is(text::kAllCaps) && i >= 2 &&
                                    text.substr(tokens[i - 1].begin, 1) == "," && capitalised(tokens[i - 2]);
            if (single && m_lexicon.is_not_toponym(key) && !after_town) continue;
            if (demonym && !m_options.demonyms) {
                matched = true;  // consume the span, report nothing
                i = j;
                break;
            }
            // The best reading an abbreviation ("Ok", "Or", "Co" for US states,
            // whatever village shares the letters): written as one, or nothing.
            if (strong && (only_abbreviation || static_cast<MatchKind>(postings[0].kind) == MatchKind::Abbreviation)) {
                // "US", "U.S.", "W.Va." — written as abbreviations are. A
                // dotless mixed-case word ("Calif") needs its dot after it.
                const bool dotted = surface.find('.') != std::string_view::npos ||
                                    (j + 1 < n && text.substr(tokens[j + 1].begin, 1) == "." &&
                                     tokens[j + 1].begin == last.end);
                if (!last.is(text::kAllCaps) && !dotted) continue;
                // Two letters in mixed case ("Pa.", "Va.", but also "Co.",
                // "Ok.") only after a town and a comma: "Pittsburgh, Pa.".
                if (!last.is(text::kAllCaps) && surface.size() <= 3 && single) {
                    const bool after_comma_town = i >= 2 && text.substr(tokens[i - 1].begin, 1) == "," &&
                                                  capitalised(tokens[i - 2]);
                    if (!after_comma_town) continue;
                }
            }
            if (demonym && surface.size() > 3 && surface.back() == 's') {
                // "Armenians", "Americans": people, not a place mention (news
                // annotation counts the adjective, "Armenian forces", only).
                const std::string singular = key.substr(0, key.size() - 1);
                const auto sp = m_gazetteer.find_key(singular);
                if (!sp.empty() && static_cast<MatchKind>(sp[0].kind) == MatchKind::Demonym) {
                    matched = true;
                    i = j;
                    break;
                }
            }
            // Countries, continents and places of millions keep their name
            // whatever else the word means ("Turkey", "China", "Jordan",
            // "U.S. Army"), unless the word is among the commonest of English.
            const auto best = m_gazetteer.place(postings[0].place);
            const std::uint32_t common = single ? m_lexicon.common_word_count(key) : 0;
            const bool big = common < 100 && (gazetteer::is_country_code(best.feature_code) ||
                                              best.feature_code == "CONT" ||
                                              (best.prior >= 6.5f && (best.feature_class == 'P' ||
                                                                      best.feature_class == 'A')));
            // An all-capital word in ordinary text is an acronym; in a line of
            // capitals it is just a word.
            // A dateline ("DAVOS, Switzerland (Reuters) -", "PEKAN: The
            // ministry ..."): capitals opening a line or sentence, then a
            // comma, bracket, colon or dash.
            const bool opens_line =
                i == 0 || text.substr(tokens[i - 1].end, first.begin - tokens[i - 1].end).find('\n') != std::string_view::npos;
            const bool dateline =
                first.is(text::kAllCaps) && last.is(text::kAllCaps) && !shouted[i] && line_start(text, tokens, i) &&
                j + 1 < n &&
                (std::string_view(",(:-\xE2").find(text[tokens[j + 1].begin]) != std::string_view::npos ||
                 // "LONDON Pope Francis ..." (the dash lost on the way).
                 (opens_line && tokens[j + 1].is(text::kUpperInitial) && !tokens[j + 1].is(text::kAllCaps)));
            const bool acronym = first.is(text::kAllCaps) && !shouted[i] && !dateline;
            // "MT @Independent:", "HT @user": a social-media marker before a
            // handle, not a state.
            if (single && acronym && surface.size() <= 3 && text.substr(last.end, 2) == " @") continue;
            // A word cut off by an ellipsis ("Addis Aba...", "Chin…"): what
            // it was is unknown; only a big place's full name stands.
            const std::string_view after = text.substr(last.end, 3);
            if (!big && (after == "..." || after == "\xE2\x80\xA6")) continue;
            // One part of a hyphenated name ("Lashkar-e-Taiba", "Canape-Vert")
            // is that name's, not a place of its own; a country or a big place
            // keeps it ("Syria-Turkey border", "pro-Russian", "Kyiv-based").
            if (single && !demonym && !big && hyphen_part(text, tokens, i)) continue;
            bool weak = false, cued = dateline;
            // A word that is no place's main name, only another language's
            // name for one ("Soul" for Seoul, "Sam" for Damascus, "Hamas" for
            // Hamm): an English word or a name of something else means that.
            if (single && alias_only && !gazetteer::is_country_code(best.feature_code)) {
                const auto* st = m_lexicon.name_stats(key);
                if (common > 0 || m_lexicon.is_dictionary_word(key) ||
                    (st && st->loc < st->per + st->org))
                    continue;
                // Even a big place's: the tagger or the document must point
                // at it ("its Sam Claflin again", "from Canton on emergency
                // management"); "in Canton" does.
                if (big && best.feature_code != "CONT") weak = true;
            }
            // A big place known by this word only as another name of it, and
            // the word a person's name ("Sam" for Damascus): weak.
            if (single && big && person_like(key) && static_cast<MatchKind>(postings[0].kind) == MatchKind::Alternate &&
                !gazetteer::is_country_code(best.feature_code) && !(i > 0 && is_locative(text, tokens[i - 1])))
                weak = true;
            if (single && !demonym && !big) {
                // "I'd", "We'll": contractions, never places.
                if (const auto ap = surface.find('\''); ap != std::string_view::npos) {
                    const std::string_view tail = surface.substr(ap + 1);
                    if (tail == "d" || tail == "ll" || tail == "ve" || tail == "re" || tail == "m" || tail == "t")
                        continue;
                }
                // After "in", "near", "from" ... a word is much likelier a place;
                // so is a hashtag, which names what a post is about ("#Ferguson").
                const bool hashtag = i > 0 && tokens[i - 1].end == first.begin &&
                                     text.substr(tokens[i - 1].begin, 1) == "#";
                const bool locative = hashtag || (i > 0 && is_locative(text, tokens[i - 1])) ||
                                      (j + 1 < n && joined_by_space(text, last, tokens[j + 1]) &&
                                       is_place_head(text, tokens[j + 1])) ||
                                      before_division(text, tokens, j, normalizer) ||
                                      described_as_place(text, tokens, j);
                cued = cued || locative;
                const bool word = !acronym && (common > 0 || m_lexicon.is_dictionary_word(key));
                // An ordinary word opening a sentence ("Split", "Reading", "She").
                if (word && (first.is(text::kSentenceStart) || shouted[i]) && !locative) continue;
                // An ordinary word written with a capital inside a sentence
                // (titles, headings, tweets: "Commerce", "Park", "Tornado"):
                // very common words never, others only for places of 100,000
                // or after a locative preposition.
                if (word && !first.is(text::kSentenceStart) &&
                    (common >= 100 || (!locative && (common >= 20 || best.prior < 5.0f))))
                    continue;
                // A name that is mostly a person's in news ("Kelly", "Ferguson"),
                // unless a preposition says otherwise ("in Ferguson"): kept
                // only if the document's places support it (the resolver decides).
                if (!locative && person_like(key)) weak = true;
                // Known only by another of its names, which is no English
                // name we list ("Taliban" for Bozhüyük, "Molotov" for Perm):
                // the tagger or the document must point at it.
                if (!locative && alias_only) weak = true;
                if (!locative && people.count(key)) continue;  // seen as part of a person's name
                // Speaking, or himself: a person ("Nelson said", "says Noma.",
                // "Nelson himself"). Towns do not; governments are big.
                if (!locative && !acronym && speaker(text, tokens, i, j)) continue;
                // Only ever an organisation's name ("Hamas", "Reuters"), and no
                // town of note: football clubs keep their towns (Sunderland).
                if (const auto* st = m_lexicon.name_stats(key);
                    st && st->org >= 3 && st->loc == 0 && st->per == 0 && best.prior < 5.0f &&
                    best.feature_class == 'P')
                    continue;
                // An acronym ("NATO", "CEO", "APC") is a place only through an
                // abbreviation of a country, state or region ("US", "EU", "DRC").
                if (acronym && surface.size() <= 5 && surface.find('.') == std::string_view::npos) {
                    bool known = false;
                    for (std::size_t k = 0; k < postings.size() && k < 20 && !known; ++k) {
                        if (static_cast<MatchKind>(postings[k].kind) != MatchKind::Abbreviation) continue;
                        const auto p = m_gazetteer.place(postings[k].place);
                        known = gazetteer::is_country_code(p.feature_code) || p.feature_code == "ADM1" ||
                                p.source == gazetteer::Source::Curated || p.prior >= 6.0f;
                    }
                    if (!known) continue;
                    // A state's postal code that is also a word ("OR", "IN",
                    // "ME", "OK") only after its town: "Salem, OR".
                    const auto first_place = m_gazetteer.place(postings[0].place);
                    if (surface.size() == 2 && first_place.feature_code == "ADM1" &&
                        (common > 0 || m_lexicon.is_dictionary_word(key))) {
                        if (!after_town) continue;
                    }
                    cued = cued || after_town;
                }
            }
            if (!demonym && !dateline) {
                // After a title or a first name: a person ("President Jordan",
                // "Jack London", "Mark Zuckerberg").
                if (i > 0) {
                    const Token& p = tokens[i - 1];
                    std::string_view ps = text.substr(p.begin, p.end - p.begin);
                    if (ps == "." && i > 1) {
                        ps = text.substr(tokens[i - 2].begin, tokens[i - 2].end - tokens[i - 2].begin);
                    }
                    const std::string prev_key = normalizer.key(ps);
                    if (m_lexicon.is_title(prev_key)) {
                        remember_person(i, j);
                        continue;
                    }
                    if (capitalised(p) && joined_by_space(text, p, first) && person_like(prev_key) &&
                        !contains(kModifiers, prev_key)) {
                        remember_person(i, j);
                        continue;
                    }
                }
                // Before a surname: "Paris Hilton", "Georgia O'Keeffe".
                if (j + 1 < n && capitalised(tokens[j + 1]) && joined_by_space(text, last, tokens[j + 1])) {
                    const Token& nx = tokens[j + 1];
                    const std::string next = normalizer.key(text.substr(nx.begin, nx.end - nx.begin));
                    // A title or an ordinary word is no surname ("US President",
                    // "US Special Forces").
                    if (person_like(next) && !m_lexicon.is_title(next) && m_lexicon.common_word_count(next) < 50)
                        continue;
                }
            }

            Mention m = Mention::of_tokens(tokens, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
            m.key = key;
            m.postings = postings;
            m.demonym = demonym;
            m.weak = weak;
            m.cued = cued;
            out.push_back(std::move(m));
            matched = true;
            i = j;
        }
        if (!matched && text::is_hashtag_body(text, tokens, i)) {
            hashtag_names(text, first, i, normalizer, out);
        } else if (!matched && !article) {
            // An unknown word where a place is expected ("in Baramulla",
            // "near Qamishli (Al-Hasakeh)", "the Makhmour camp"): another
            // spelling of a name the gazetteer holds.
            if (auto m = respelled(text, tokens, i, normalizer)) {
                out.push_back(std::move(*m));
            }
        }
    }
    return out;
}

bool GazetteerMatcher::before_division(std::string_view text, const std::vector<Token>& tokens, std::size_t j,
                                       text::Normalizer& normalizer) const {
    // "Tame, Arauca", "Reading, Berkshire": a word followed by its state or
    // country is a town, whatever else the word means.
    const std::size_t n = tokens.size();
    if (j + 2 >= n || text.substr(tokens[j + 1].begin, tokens[j + 1].end - tokens[j + 1].begin) != "," ||
        !capitalised(tokens[j + 2]))
        return false;
    std::string key;
    for (std::size_t e = j + 2; e < n && e < j + 5; ++e) {
        if (e > j + 2 && (!joined_by_space(text, tokens[e - 1], tokens[e]) ||
                          !(capitalised(tokens[e]) ||
                            contains(kConnectors, lower_ascii(text.substr(tokens[e].begin, tokens[e].end - tokens[e].begin))))))
            break;
        normalizer.key(text.substr(tokens[j + 2].begin, tokens[e].end - tokens[j + 2].begin), key);
        const auto postings = m_gazetteer.find_key(key);
        if (postings.empty()) continue;
        for (std::size_t k = 0; k < postings.size() && k < 5; ++k) {
            const auto kind = static_cast<MatchKind>(postings[k].kind);
            if (kind != MatchKind::Name && kind != MatchKind::Alternate && kind != MatchKind::Abbreviation) continue;
            const auto p = m_gazetteer.place(postings[k].place);
            if (gazetteer::is_country_code(p.feature_code) || p.feature_code == "ADM1" || p.feature_code == "ADM2")
                return true;
        }
    }
    return false;
}

std::optional<Mention> GazetteerMatcher::respelled(std::string_view text, const std::vector<Token>& tokens,
                                                  std::size_t i, text::Normalizer& normalizer) const {
    const Token& t = tokens[i];
    if (!t.is(text::kUpperInitial) || t.is(text::kAllCaps) || t.is(text::kSentenceStart) || t.end - t.begin < 5)
        return std::nullopt;
    const std::size_t n = tokens.size();
    // A capitalised word right after it would make a longer name.
    if (i + 1 < n && capitalised(tokens[i + 1]) && joined_by_space(text, t, tokens[i + 1])) return std::nullopt;
    const bool cue = (i > 0 && is_locative(text, tokens[i - 1])) ||
                     (i + 1 < n && text.substr(tokens[i + 1].begin, 1) == "(") ||
                     (i + 1 < n && joined_by_space(text, t, tokens[i + 1]) && is_place_head(text, tokens[i + 1])) ||
                     before_division(text, tokens, i, normalizer);
    if (!cue) return std::nullopt;
    const std::string key = normalizer.key(text.substr(t.begin, t.end - t.begin));
    if (m_lexicon.common_word_count(key) > 0 || m_lexicon.is_dictionary_word(key) || m_lexicon.is_not_toponym(key))
        return std::nullopt;
    if (const auto* st = m_lexicon.name_stats(key); st && st->loc < st->per + st->org) return std::nullopt;
    const auto postings = gazetteer::find_spelling_variant(m_gazetteer, key);
    if (postings.empty()) return std::nullopt;
    Mention m = Mention::of_tokens(tokens, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i));
    m.key = key;
    m.postings = postings;
    // Another spelling is weaker evidence than the name: the document must
    // point at the place's country or division, else it is dropped ("in
    // Beita", south of Nablus, is not Băiţa, Romania).
    m.cued = true;
    m.variant = true;
    return m;
}

std::optional<Mention> GazetteerMatcher::lowercase_name(std::string_view text, const std::vector<Token>& tokens,
                                                       std::size_t index, text::Normalizer& normalizer) const {
    // Two or three lower-case words: "los angeles", "middle east", "new
    // york"; a big place only, and not before "of" ("the west bank of the
    // river").
    const std::size_t n = tokens.size();
    for (std::size_t j = std::min(n, index + 3); j-- > index + 1;) {
        bool plain = true;
        for (std::size_t k = index; k <= j && plain; ++k) {
            plain = tokens[k].is(text::kWord) && !tokens[k].is(text::kDigit) && !capitalised(tokens[k]) &&
                    !tokens[k].is(text::kAllCaps) && (k == index || joined_by_space(text, tokens[k - 1], tokens[k]));
        }
        if (!plain) continue;
        if (j + 1 < n && lower_ascii(text.substr(tokens[j + 1].begin, tokens[j + 1].end - tokens[j + 1].begin)) == "of")
            continue;
        const std::string key = normalizer.key(text.substr(tokens[index].begin, tokens[j].end - tokens[index].begin));
        const auto postings = m_gazetteer.find_key(key);
        if (postings.empty() || static_cast<MatchKind>(postings[0].kind) != MatchKind::Name) continue;
        const auto best = m_gazetteer.place(postings[0].place);
        if (!(gazetteer::is_country_code(best.feature_code) || best.feature_code == "CONT" ||
              best.feature_code == "ADM1" || best.source == gazetteer::Source::Curated || best.prior >= 5.5f))
            continue;
        Mention m = Mention::of_tokens(tokens, static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(j));
        m.key = key;
        m.postings = postings;
        return m;
    }
    const Token& t = tokens[index];
    const std::string_view surface = text.substr(t.begin, t.end - t.begin);
    if (surface.size() < 4) return std::nullopt;
    const std::string key = normalizer.key(surface);
    if (m_lexicon.common_word_count(key) > 0 || m_lexicon.is_dictionary_word(key) || m_lexicon.is_not_toponym(key))
        return std::nullopt;
    return whole_name(t, index, key, /*camel=*/false);
}

std::optional<Mention> GazetteerMatcher::camel_case_name(std::string_view text, const Token& t, std::size_t index,
                                                        text::Normalizer& normalizer) const {
    // "SouthSudan" -> "South Sudan": a space before each capital after a lower-case letter.
    const std::string_view surface = text.substr(t.begin, t.end - t.begin);
    std::string split;
    bool camel = false;
    for (std::size_t k = 0; k < surface.size(); ++k) {
        const char c = surface[k];
        if (k > 0 && c >= 'A' && c <= 'Z' && surface[k - 1] >= 'a' && surface[k - 1] <= 'z') {
            split.push_back(' ');
            camel = true;
        }
        split.push_back(c);
    }
    if (!camel) return std::nullopt;
    return whole_name(t, index, normalizer.key(split), /*camel=*/true);
}

void GazetteerMatcher::hashtag_names(std::string_view text, const Token& t, std::size_t index,
                                     text::Normalizer& normalizer, std::vector<Mention>& out) const {
    // Hashtags run words together: "FergusonOctober", "DCFerguson",
    // "prayfornigeria". Split at changes of case ("DC|Ferguson|October"),
    // then cut each run of lower case into the fewest dictionary words and
    // place names ("pray|for|nigeria"); then look runs of the pieces up,
    // longest first. A hashtag names what a post is about, so a town of
    // 10,000 is enough, but a piece that is an ordinary word is a place only
    // when it is a country written with its capital ("#Jordan", not "#turkey").
    const std::string_view body = text.substr(t.begin, t.end - t.begin);
    constexpr std::size_t kLongest = 40;
    if (body.size() < 2 || body.size() > kLongest) return;
    for (const char c : body)
        if (static_cast<unsigned char>(c) >= 0x80) return;  // ASCII only: offsets are bytes and code points alike
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto digit = [](char c) { return c >= '0' && c <= '9'; };

    struct Piece {
        std::uint32_t begin, end;  // bytes within the body
        bool cut_from_lower = false;  // found by cutting a run of lower case
    };
    std::vector<Piece> cased;
    std::uint32_t start = 0;
    for (std::uint32_t k = 1; k < body.size(); ++k) {
        const char a = body[k - 1], b = body[k];
        const bool cut = (lower(a) && upper(b)) || (digit(a) != digit(b)) ||
                         (upper(a) && upper(b) && k + 1 < body.size() && lower(body[k + 1]));
        if (cut) {
            cased.push_back({start, k});
            start = k;
        }
    }
    cased.push_back({start, static_cast<std::uint32_t>(body.size())});

    std::string key;
    auto place_key = [&](std::string_view s) -> std::span<const gazetteer::detail::PostingRecord> {
        normalizer.key(s, key);
        if (key.empty()) return {};
        return m_gazetteer.find_key(key);
    };
    std::vector<Piece> pieces;
    for (const Piece& p : cased) {
        const std::string_view s = body.substr(p.begin, p.end - p.begin);
        bool all_lower = s.size() >= 6;
        for (const char c : s) all_lower &= lower(c);
        if (!all_lower) {
            pieces.push_back(p);
            continue;
        }
        // Cheapest cut: each piece costs 10; a place name that is no word
        // costs more when short, so "bringitonmalaria" is "bring it on
        // malaria", not "bring Iton malaria".
        const std::size_t m = s.size();
        std::vector<std::uint32_t> cost(m + 1, UINT32_MAX), from(m + 1, 0);
        cost[0] = 0;
        for (std::size_t e = 1; e <= m; ++e) {
            for (std::size_t b = 0; b < e; ++b) {
                if (cost[b] == UINT32_MAX) continue;
                const std::string_view w = s.substr(b, e - b);
                std::uint32_t c = 0;
                if ((w.size() >= 2 || w == "a" || w == "i") &&
                    (m_lexicon.common_word_count(w) > 0 || m_lexicon.is_dictionary_word(w)))
                    c = 10;
                else if (w.size() >= 4 && !place_key(w).empty())
                    c = w.size() >= 6 ? 10 : 25;
                else
                    continue;
                if (cost[b] + c < cost[e]) {
                    cost[e] = cost[b] + c;
                    from[e] = static_cast<std::uint32_t>(b);
                }
            }
        }
        if (cost[m] == UINT32_MAX) {
            pieces.push_back(p);
            continue;
        }
        std::vector<Piece> parts;
        for (std::size_t e = m; e > 0; e = from[e])
            parts.push_back({p.begin + from[e], p.begin + static_cast<std::uint32_t>(e), true});
        pieces.insert(pieces.end(), parts.rbegin(), parts.rend());
    }
    // A piece that is a word, a number or a place: the cut around it is sound.
    auto explained = [&](const Piece& p) {
        const std::string_view s = body.substr(p.begin, p.end - p.begin);
        if (digit(s[0])) return true;
        normalizer.key(s, key);
        return m_lexicon.common_word_count(key) > 0 || m_lexicon.is_dictionary_word(key) ||
               !m_gazetteer.find_key(key).empty();
    };

    constexpr std::size_t kMaxPieces = 4;
    std::string joined;
    for (std::size_t a = 0; a < pieces.size();) {
        bool found = false;
        for (std::size_t b = std::min(pieces.size(), a + kMaxPieces); b > a && !found; --b) {
            joined.clear();
            bool all_caps = true;
            for (std::size_t k = a; k < b; ++k) {
                if (k > a) joined.push_back(' ');
                const std::string_view s = body.substr(pieces[k].begin, pieces[k].end - pieces[k].begin);
                joined.append(s);
                for (const char c : s) all_caps &= !lower(c);
            }
            if (joined.size() < 2) continue;
            const auto postings = place_key(joined);
            if (postings.empty()) continue;
            const auto kind = static_cast<MatchKind>(postings[0].kind);
            if (kind != MatchKind::Name && kind != MatchKind::Alternate && kind != MatchKind::Abbreviation) continue;
            const bool whole = a == 0 && b == pieces.size();
            const std::string found_key = key;
            {
                const auto place0 = m_gazetteer.place(postings[0].place);
                const bool nation = gazetteer::is_country_code(place0.feature_code);
                // Another language's name ("#FSA" for Fasā) only for a country;
                // a short acronym only as a country's or state's abbreviation.
                if (kind == MatchKind::Alternate && !nation) continue;
                if (all_caps && joined.size() <= 5 &&
                    !(kind == MatchKind::Abbreviation && (nation || place0.feature_code == "ADM1")))
                    continue;
            }
            if (m_lexicon.is_not_toponym(found_key)) continue;
            // Beside a piece that is no word ("MD|Gmomentum"), the cut is a guess.
            const bool sound = (a == 0 || explained(pieces[a - 1])) && (b == pieces.size() || explained(pieces[b]));
            if (!sound && joined.size() < 5) continue;
            if (kind == MatchKind::Abbreviation && !whole && !(all_caps && sound)) continue;
            // "Ole" of "OleMiss", "Pre" of "VevoPre": a short piece is a name
            // only when it is the whole hashtag or written as an abbreviation.
            if (b - a == 1 && joined.size() < 4 && !whole && !all_caps) continue;
            const auto best = m_gazetteer.place(postings[0].place);
            const bool country = gazetteer::is_country_code(best.feature_code);
            if (b - a == 1 &&
                (m_lexicon.common_word_count(found_key) > 0 || m_lexicon.is_dictionary_word(found_key)) &&
                !(country && upper(joined[0])))
                continue;
            const bool lowered = pieces[a].cut_from_lower;
            const float floor = lowered && !whole ? 5.0f : 4.0f;
            if (!(country || best.feature_code == "CONT" || best.feature_code == "ADM1" || best.prior >= floor))
                continue;
            Mention m = Mention::within_token(t, static_cast<std::uint32_t>(index), pieces[a].begin, pieces[b - 1].end);
            m.cued = true;
            m.key = found_key;
            m.postings = postings;
            out.push_back(std::move(m));
            a = b;
            found = true;
        }
        if (!found) ++a;
    }
}

std::optional<Mention> GazetteerMatcher::whole_name(const Token& t, std::size_t index, const std::string& key,
                                                   bool camel) const {
    const auto postings = m_gazetteer.find_key(key);
    if (postings.empty()) return std::nullopt;
    const auto kind = static_cast<MatchKind>(postings[0].kind);
    if (kind != MatchKind::Name && kind != MatchKind::Alternate && kind != MatchKind::Abbreviation) return std::nullopt;
    const auto best = m_gazetteer.place(postings[0].place);
    const bool country = gazetteer::is_country_code(best.feature_code);
    if (!(country || best.feature_code == "CONT" || (!camel && best.feature_code == "ADM1") ||
          best.prior >= (camel ? 5.0f : 6.3f)))
        return std::nullopt;
    Mention m = Mention::of_token(t, static_cast<std::uint32_t>(index));
    m.key = key;
    m.postings = postings;
    return m;
}

}  // namespace conflictmap::recognize
