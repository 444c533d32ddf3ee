#include "events/casualty_counter.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string_view>

namespace conflictmap::events {

namespace {

enum Category { kNone = 0, kDead = 1, kHurt = 2 };

bool is_aux(const std::string& w);

bool any_of(const std::string& w, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

// Words after a count that make it a death or injury count ("7 dead",
// "were killed"): returns the category and the tokens it spans.
Category right_cue(const TokenText& t, std::uint32_t i, std::uint32_t last, std::uint32_t* end) {
    const std::string& w = t.word(i);
    *end = i + 1;
    if (any_of(w, {"killed", "dead", "died", "deaths", "death", "fatalities", "bodies", "lives", "slain",
                   "executed", "massacred", "perished", "murdered", "lynched", "beheaded", "drowned"})) {
        if (w == "dead" && i > 0 && t.is(i - 1, "shot")) return kDead;
        return kDead;
    }
    if (w == "shot" && i + 1 < last && t.is(i + 1, "dead")) return *end = i + 2, kDead;
    // Analysts' logs: "2 civ KIA, 3 WIA". In capitals and not naming a group
    // ("3 KIA fighters" is the Kachin Independence Army's).
    if ((w == "kia" || w == "wia") && t.token(i).is(text::kUpperInitial) &&
        (i + 1 >= last || !any_of(t.word(i + 1), {"fighters", "rebels", "troops", "soldiers", "members", "forces",
                                                   "positions", "militants", "commander", "commanders", "units", "brigade"})))
        return w == "kia" ? kDead : kHurt;
    if (w == "lost" && i + 2 < last && t.is(i + 2, "lives")) return *end = i + 3, kDead;
    if (any_of(w, {"wounded", "injured", "injuries", "hurt", "injuring", "wounding"})) return kHurt;
    return kNone;
}

// Words before a count that make it one ("killing 4", "wounding 16").
Category left_cue(const TokenText& t, std::uint32_t i, std::uint32_t first) {
    if (i <= first) return kNone;
    const std::string& w = t.word(i - 1);
    if (any_of(w, {"killing", "killed", "kills", "kill", "executed", "executing", "massacred",
                   "murdered", "murdering", "lynched", "lynching", "beheaded", "beheading", "slaughtered", "slew"}))
        return kDead;
    // "lynched and burned 13", "beat to death 2 men".
    for (std::uint32_t k = i - 1; k > first && k + 5 > i; --k) {
        if (!t.is_word(k)) break;
        if (t.is(k, "and") && any_of(t.word(k - 1), {"killed", "killing", "lynched", "executed", "beheaded", "murdered"}))
            return kDead;
    }
    if (w == "death" && i >= first + 3 && t.is(i - 2, "to") &&
        any_of(t.word(i - 3), {"beat", "beaten", "stoned", "burned", "burnt", "hacked", "stabbed", "tortured"}))
        return kDead;
    if (w == "dead" && i >= first + 2 && t.is(i - 2, "shot")) return kDead;
    if (w == "lives" && i >= first + 3 && t.is(i - 2, "the") && t.is(i - 3, "claimed")) return kNone;
    if (any_of(w, {"wounding", "injuring", "wounded", "injured", "hurting"})) return kHurt;
    // "the death toll rose to 12", "a death toll of 12", "killed at least ..."
    for (std::uint32_t k = i; k > first && k + 5 > i; --k) {
        if (t.is(k - 1, "toll") && k >= first + 2 && (t.is(k - 2, "death") || t.is(k - 2, "casualty")))
            return kDead;
        if (t.is(k - 1, ".") || t.is(k - 1, ";")) break;
    }
    if (w == "of" && i >= first + 3 && t.is(i - 2, "lives") && t.is(i - 3, "the")) return kDead;  // claimed the lives of
    // "the bodies of 7 people were found".
    if (w == "of" && i >= first + 2 && (t.is(i - 2, "bodies") || t.is(i - 2, "remains"))) return kDead;
    // "The death toll from Saturday's strike has risen to 45."
    if ((w == "to" || w == "at" || w == "reached") && i >= first + 2 &&
        any_of(t.word(i - 2), {"rose", "risen", "climbed", "jumped", "increased", "stands", "stood", "reached", "toll"})) {
        for (std::uint32_t k = first; k + 1 < i; ++k)
            if (t.is(k, "toll")) return kDead;
    }
    return kNone;
}

// Words after a number that say it counts something else: time, distance.
bool is_unit(const std::string& w) {
    return any_of(w, {"days", "day", "years", "year", "hours", "hour", "minutes", "weeks", "months", "km",
                      "kilometres", "kilometers", "miles", "metres", "meters", "percent", "%", "am",
                      "pm", "times", "per", "kg", "tons", "tonnes", "dollars", "million", "billion",
                      "year-old", "st", "nd", "th"});
}

bool is_aux(const std::string& w) {
    return any_of(w, {"were", "was", "have", "has", "had", "been", "are", "is", "reportedly", "also",
                      "later", "all", "were", "being", "allegedly", "confirmed", "found", "left", "lay"});
}

// An English plural of a noun of people: "civilians", "servicemen", "people".
bool is_plural(const std::string& w) {
    if (w == "people" || w == "children" || w == "police") return true;
    if (w.size() > 3 && w.compare(w.size() - 3, 3, "men") == 0) return true;
    return w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's';
}

// Words between two conjoined counts besides "and": qualifiers of the
// second figure and possessives ("a priest and at least 15 policemen",
// "a father and his three sons").
bool is_join_filler(const std::string& w) {
    return any_of(w, {"at", "least", "more", "than", "some", "nearly", "almost", "about", "around", "over",
                      "his", "her", "their", "its", "another", "other"});
}

// From the end of one count's noun phrase: the token where a count joined to
// it by "and" would begin ("five soldiers and three civilians", "a priest
// and at least 15 policemen"); the next token when nothing joins.
std::uint32_t join_gap(const TokenText& t, std::uint32_t k, std::uint32_t last) {
    if (k < last && t.is(k, ",")) ++k;
    if (k < last && t.is(k, "and")) {
        ++k;
        for (std::uint32_t n = 0; k < last && n < 3 && is_join_filler(t.word(k)); ++n) ++k;
    }
    return k;
}

// Whether a count beginning at `begin` is joined to a noun phrase ending at
// `end` ("10 policemen and their driver": the possessive is the count).
bool joins(const TokenText& t, std::uint32_t end, std::uint32_t begin, std::uint32_t last) {
    std::uint32_t k = end;
    if (k < last && t.is(k, ",")) ++k;
    if (k == begin) return true;
    if (k >= last || !t.is(k, "and")) return false;
    for (std::uint32_t n = 0; n < 4 && k < last; ++n) {
        if (++k == begin) return true;
        if (k >= last || !is_join_filler(t.word(k))) return false;
    }
    return false;
}

struct Count {
    std::uint32_t begin = 0, end = 0;  // tokens of the number
    long value = 0;
    Category category = kNone;
    std::uint32_t noun_end = 0;  // end of the noun phrase after the number
    std::string noun;            // its last word ("civilians")
    bool qualified_alternative = false;
    bool update = false;  // "the death toll rose to 63": a later figure, not a conflicting one
    bool subset = false;  // "one of them", ", a child,": part of a count already made
    bool with_prev = false;  // "killed along with his two bodyguards": adds to the count before
};

}  // namespace

Casualties CasualtyCounter::count(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                  const std::vector<bool>& masked) const {
    Casualties out;
    // 0. An analyst's coding: "fatalities coded as 4", "fatality count coded as 10".
    for (std::uint32_t i = first; i + 2 < last; ++i) {
        if (!(t.is(i, "coded") && t.is(i + 1, "as") && t.token(i + 2).is(text::kDigit))) continue;
        bool about_deaths = false;
        for (std::uint32_t k = i; k > first && k + 4 > i; --k)
            if (t.word(k - 1).rfind("fatalit", 0) == 0 || t.is(k - 1, "deaths") || t.is(k - 1, "dead"))
                about_deaths = true;
        if (i + 3 < last && t.word(i + 3).rfind("fatalit", 0) == 0) about_deaths = true;
        long v = 0;
        const std::string& w = t.word(i + 2);
        if (about_deaths && std::from_chars(w.data(), w.data() + w.size(), v).ec == std::errc())
            out.coded = static_cast<int>(std::min<long>(v, 1'000'000));
    }
    std::vector<Count> counts;
    // 1. Number expressions.
    for (std::uint32_t i = first; i < last; ++i) {
        if (masked[i]) continue;
        Count c;
        c.begin = i;
        const std::string& w = t.word(i);
        if (t.token(i).is(text::kDigit)) {
            long v = 0;
            const auto r = std::from_chars(w.data(), w.data() + w.size(), v);
            // "27th", "M23" are no counts; "1x" (an analyst's "1x militant KIA") is.
            if (r.ec != std::errc() || (r.ptr != w.data() + w.size() && std::string_view(r.ptr) != "x")) continue;
            std::uint32_t e = i + 1;
            // "1,200", "30,000": groups of three digits touching the comma.
            while (e + 1 < last && t.is(e, ",") && t.touches_next(e - 1) && t.touches_next(e) &&
                   t.word(e + 1).size() == 3 && t.token(e + 1).is(text::kDigit)) {
                long g = 0;
                std::from_chars(t.word(e + 1).data(), t.word(e + 1).data() + 3, g);
                v = v * 1000 + g;
                e += 2;
            }
            if (e < last && t.is(e, "million")) v *= 1000000, ++e;
            c.value = v;
            c.end = e;
        } else {
            const auto m = m_tables.numbers().longest_at(t, i, last);
            if (m.id < 0) continue;
            // "some" and "many" count only before a noun of people.
            const NumberWord& n = m_tables.number(m.id);
            // "both attackers died" counts two; "fighters from both sides" does not.
            if (w == "both" && ((i + 1 < last && t.is(i + 1, "sides")) ||
                                (i > first && (t.is(i - 1, "from") || t.is(i - 1, "on") || t.is(i - 1, "of")))))
                continue;
            if (n.kind == NumberWord::Vague) {
                // "some 60", "dozens of 12-year-olds": a qualifier, not a count.
                if (m.end < last && t.token(m.end).is(text::kDigit)) continue;
                c.value = n.value;
                c.end = m.end;
            } else {
                // Twenty-five, two hundred, one hundred and twenty.
                long total = 0, part = 0;
                std::uint32_t e = i;
                while (e < last) {
                    if (t.is_hyphen(e) || (t.is(e, "and") && part > 0 && e + 1 < last)) {
                        const auto nm = m_tables.numbers().longest_at(t, e + 1, last);
                        if (nm.id < 0 || m_tables.number(nm.id).kind == NumberWord::Vague) break;
                        ++e;
                        continue;
                    }
                    const auto nm = m_tables.numbers().longest_at(t, e, last);
                    if (nm.id < 0) break;
                    const NumberWord& x = m_tables.number(nm.id);
                    if (x.kind == NumberWord::Vague) break;
                    if (x.kind == NumberWord::Scale) {
                        part = (part == 0 ? 1 : part) * x.value;
                        if (x.value >= 1000) total += part, part = 0;
                    } else {
                        part += x.value;
                    }
                    e = nm.end;
                }
                c.value = total + part;
                c.end = e;
                if (c.end == i) continue;
            }
        }
        // Ranges and alternatives keep the lower figure: "10 to 15", "two or three".
        if (c.end + 1 < last && (t.is(c.end, "to") || t.is(c.end, "or") || t.is_hyphen(c.end))) {
            const std::string& nx = t.word(c.end + 1);
            if (t.token(c.end + 1).is(text::kDigit) || m_tables.numbers().at(t, c.end + 1, last)) {
                std::uint32_t e2 = c.end + 2;
                (void)nx;
                if (!t.token(c.end + 1).is(text::kDigit)) m_tables.numbers().at(t, c.end + 1, last, &e2);
                c.end = e2;
            }
        }
        if (c.end < last && is_unit(t.word(c.end))) {
            i = c.end - 1;
            continue;
        }
        // "between 10 and 15"
        if (c.begin > first && t.is(c.begin - 1, "between") && c.end + 1 < last && t.is(c.end, "and") &&
            (t.token(c.end + 1).is(text::kDigit) || m_tables.numbers().at(t, c.end + 1, last))) {
            std::uint32_t e2 = c.end + 2;
            if (!t.token(c.end + 1).is(text::kDigit)) m_tables.numbers().at(t, c.end + 1, last, &e2);
            c.end = e2;
        }
        counts.push_back(c);
        i = c.end - 1;
    }
    // "a soldier was killed", "killing a contractor", "killing the driver",
    // "a woman and her child were killed": an article or possessive as one.
    for (std::uint32_t i = first; i < last; ++i) {
        const bool article = t.is(i, "a") || t.is(i, "an");
        const bool determiner =
            t.is(i, "the") || t.is(i, "his") || t.is(i, "her") || t.is(i, "their") || t.is(i, "its");
        if (!article && !determiner) continue;
        // The noun phrase: up to three words, the last a singular noun.
        std::uint32_t n = i + 1;
        while (n < last && n < i + 4 && t.is_word(n) && !t.token(n).is(text::kDigit) && !t.is(n, "and") &&
               !t.is(n, "was") && !t.is(n, "were") && !t.is(n, "of") && !t.is(n, "in") && !t.is(n, "at"))
            ++n;
        if (n == i + 1 || is_plural(t.word(n - 1)) || m_tables.numbers().at(t, i + 1, last)) continue;
        const Category left = left_cue(t, i, first);
        const bool after_verb = left == kDead || left == kHurt;
        bool before_passive = false;
        for (std::uint32_t k = i + 1; k < last && k < i + 9; ++k) {
            // "a soldier was killed", "a child was among the dead", "was found dead", "was beaten to death".
            if ((t.is(k, "was") || (t.is(k, "were") && k > i + 2)) && k + 1 < last &&
                (t.is(k + 1, "killed") || t.is(k + 1, "shot") || t.is(k + 1, "wounded") || t.is(k + 1, "injured") ||
                 t.is(k + 1, "beaten") || t.is(k + 1, "lynched") || t.is(k + 1, "executed") ||
                 (t.is(k + 1, "found") && k + 2 < last && t.is(k + 2, "dead")) ||
                 (t.is(k + 1, "among") && k + 3 < last && t.is(k + 3, "dead")))) {
                before_passive = true;
                break;
            }
            if (!t.is_word(k) && !t.is_hyphen(k)) break;
            if (t.is(k, "was") || t.is(k, "were")) break;
        }
        // "the" and possessives count only after a verb of killing or
        // joined to another count ("10 policemen and their driver", below).
        // Only after a noun of people: "and the army said two soldiers were
        // killed" joins nothing.
        const bool after_person = i >= first + 2 && t.is(i - 1, "and") && t.is_word(i - 2) &&
                                  !t.token(i - 2).is(text::kDigit);
        const bool joined = determiner && after_person;
        // "a soldier and two civilians died", "killing two Indians and a
        // Pakistani": an article joined to a count shares its category.
        bool before_count = false;
        if (article && n < last && t.is(n, "and")) {
            const std::uint32_t g = join_gap(t, n, last);
            before_count = g < last && (t.token(g).is(text::kDigit) || m_tables.numbers().at(t, g, last));
        }
        if (article && (after_verb || before_passive || after_person || before_count))
            counts.push_back({i, i + 1, 1, kNone, 0, {}, false});
        else if (determiner && (after_verb || joined) && !t.is(i, "its")) counts.push_back({i, i + 1, 1, kNone, 0, {}, false});
        else if (determiner && before_passive && joined) counts.push_back({i, i + 1, 1, kNone, 0, {}, false});
    }
    std::sort(counts.begin(), counts.end(), [](const Count& a, const Count& b) { return a.begin < b.begin; });

    // 2. What each count counts: the words after it, then the words before.
    for (auto& c : counts) {
        std::uint32_t k = c.end;
        // Skip "of" ("dozens of people"), then up to four words of a noun
        // phrase and auxiliaries; stop at punctuation or another number.
        if (k < last && t.is(k, "of")) ++k;
        std::uint32_t nouns = 0;
        while (k < last && nouns < 6) {
            std::uint32_t e;
            if (right_cue(t, k, last, &e) != kNone) break;
            if (!t.is_word(k) && !t.is_hyphen(k) && !t.is(k, "'s")) break;
            if (t.token(k).is(text::kDigit) || (m_tables.numbers().at(t, k, last) && !t.is(k, "both"))) break;
            if (t.is(k, "and") || t.is(k, "in") || t.is(k, "at") || t.is(k, "on") || t.is(k, "when") ||
                t.is(k, "after") || t.is(k, "according") || t.is(k, "by") || t.is(k, "with"))
                break;
            if (t.is_word(k) && !is_aux(t.word(k))) c.noun = t.word(k), c.noun_end = k + 1;
            ++k;
            ++nouns;
        }
        // "Six people, including four police officers, were killed".
        if (k + 1 < last && t.is(k, ",") && (t.is(k + 1, "including") || t.is(k + 1, "among"))) {
            std::uint32_t q = k + 2;
            while (q < last && q < k + 10 && !t.is(q, ",")) ++q;
            if (q < last && t.is(q, ",")) {
                k = q + 1;
                while (k < last && t.is_word(k) && is_aux(t.word(k))) ++k;
            }
        }
        // An appositive: "One person, a child, was killed".
        if (k + 1 < last && t.is(k, ",") && (t.is(k + 1, "a") || t.is(k + 1, "an"))) {
            std::uint32_t q = k + 2;
            while (q < last && q < k + 8 && t.is_word(q) && !t.is(q, "was") && !t.is(q, "were")) ++q;
            if (q + 1 < last && t.is(q, ",")) {
                for (auto& o : counts)
                    if (o.begin > k && o.begin < q) o.subset = true;
                k = q + 1;
                while (k < last && t.is_word(k) && is_aux(t.word(k))) ++k;
            }
        }
        std::uint32_t e = 0;
        if (k < last) c.category = right_cue(t, k, last, &e);
        // "two dead on each side", "three killed on both sides".
        if (c.category == kDead && e + 2 < last && t.is(e, "on") &&
            ((t.is(e + 1, "each") && t.is(e + 2, "side")) || (t.is(e + 1, "both") && t.is(e + 2, "sides"))))
            c.value *= 2;
        if (c.category == kNone) c.category = left_cue(t, c.begin, first);
        // Skip qualifiers before the number: "killing at least 6", "killed an estimated 500".
        if (c.category == kNone) {
            std::uint32_t b = c.begin;
            while (b > first && any_of(t.word(b - 1), {"least", "at", "more", "than", "over", "around", "about",
                                                        "nearly", "almost", "some", "approximately",
                                                        "roughly", "estimated", "an", "up", "to", "as",
                                                        "many", "upwards", "of", "the", "between"}) &&
                   b + 4 > c.begin)
                --b;
            c.category = left_cue(t, b, first);
        }
        if (c.noun_end == 0) c.noun_end = c.end;
        // "the army said it had lost 10 soldiers": forces' dead.
        if (c.category == kNone && c.noun_end > c.end) {
            std::uint32_t b = c.begin;
            while (b > first && b + 3 > c.begin && is_join_filler(t.word(b - 1))) --b;
            if (b > first && t.is(b - 1, "lost") && m_tables.is(WordClass::Military, t, c.noun_end - 1, last))
                c.category = kDead;
        }
        // "killed along with his two bodyguards": more dead of the same event.
        {
            std::uint32_t b = c.begin;
            while (b > first && b + 3 > c.begin && is_join_filler(t.word(b - 1))) --b;
            if (b >= first + 2 && t.is(b - 1, "with") && (t.is(b - 2, "along") || t.is(b - 2, "together")))
                c.with_prev = true;
        }
        // "three people, one of them a child": part of the count before.
        if (c.end + 1 < last && t.is(c.end, "of") && (t.is(c.end + 1, "them") || t.is(c.end + 1, "whom")))
            c.subset = true;
        // "the death toll rose to 63", "with the toll rising to 40": an update.
        for (std::uint32_t k = c.begin; k > first && k + 6 > c.begin; --k) {
            if (any_of(t.word(k - 1), {"rose", "risen", "rising", "climbed", "climbing", "increased", "jumped"})) {
                c.update = true;
                break;
            }
            if (t.is(k - 1, ";") || t.is(k - 1, ".")) break;
        }
        // "killing 13 people, including three children": a subset.
        if (c.begin > first && (t.is(c.begin - 1, "including") || t.is(c.begin - 1, "among"))) c.category = kNone;
    }
    // 3. Conjoined counts share a category: "two policemen and three
    // civilians were killed", "killing 5 soldiers and 3 civilians".
    for (std::size_t a = 0; a + 1 < counts.size(); ++a) {
        Count& x = counts[a];
        Count& y = counts[a + 1];
        if (y.with_prev && !x.subset && y.category == kNone) y.category = x.category;
        if (x.subset || y.subset) continue;
        if (!joins(t, x.noun_end, y.begin, last)) continue;
        if (x.category == kNone && y.category != kNone) x.category = y.category;
        else if (y.category == kNone && x.category != kNone) y.category = x.category;
    }
    // 4. A bare figure "according to" someone beside a count of the same
    // kind is a conflicting report of it: "eight people ... and at least
    // five according to officials".
    for (std::size_t a = 0; a < counts.size(); ++a) {
        Count& c = counts[a];
        if (c.category != kNone || !c.noun.empty()) continue;
        if (c.end < last && t.is(c.end, "according") && a > 0 && counts[a - 1].category != kNone)
            c.category = counts[a - 1].category, c.qualified_alternative = true;
    }
    // 5. Combine: groups of conjoined counts of distinct nouns add up;
    // figures of the same thing are alternatives and the lowest wins.
    bool counted_dead = false;
    for (auto& c : counts)
        if (c.subset) c.category = kNone;
    for (Category cat : {kDead, kHurt}) {
        std::vector<std::vector<const Count*>> groups;
        const Count* prev = nullptr;
        for (const auto& c : counts) {
            if (c.category != cat) continue;
            bool joined = false;
            if (prev && !prev->noun.empty() && !c.noun.empty() && prev->noun != c.noun)
                joined = c.with_prev || joins(t, prev->noun_end, c.begin, last);
            if (joined)
                groups.back().push_back(&c);
            else
                groups.push_back({&c});
            prev = &c;
        }
        if (groups.empty()) continue;
        long best = -1;
        // A toll that rose is the latest figure: the highest update wins.
        for (const auto& g : groups)
            if (g.size() == 1 && g.front()->update) best = std::max(best, g.front()->value);
        // Groups of different sides, each named ("300 rebels ...; 5 soldiers
        // died"), are distinct dead, not conflicting reports: they add up.
        auto specific = [&](const Count* c) {
            return !c->noun.empty() && !any_of(c->noun, {"people", "persons", "dead", "others", "victims"}) &&
                   is_plural(c->noun) == (c->value != 1);
        };
        bool disjoint = groups.size() > 1;
        std::vector<std::string> seen;
        for (const auto& g : groups)
            for (const Count* c : g) {
                if (!specific(c) || c->update || std::find(seen.begin(), seen.end(), c->noun) != seen.end())
                    disjoint = false;
                seen.push_back(c->noun);
            }
        if (best < 0 && disjoint) {
            best = 0;
            for (const auto& g : groups)
                for (const Count* c : g) best += c->value;
        }
        if (best < 0)
            for (const auto& g : groups) {
                long sum = 0;
                for (const Count* c : g) sum += c->value;
                if (best < 0 || sum < best) best = sum;
            }
        const int v = static_cast<int>(std::min<long>(best, 1'000'000));
        (cat == kDead ? out.fatalities : out.injured) = v;
        if (cat == kDead) out.reported_deaths = true;
        if (cat == kDead) counted_dead = true;
    }
    // 6. Killing without a number: "killing civilians" (a plural: 3, as
    // "several"), "killed a man" (counted above).
    if (out.fatalities == 0 && !counted_dead) {
        for (std::uint32_t i = first; i < last; ++i) {
            const std::string& w = t.word(i);
            // A named person: "Fernando Villavicencio was shot dead".
            if (w == "was" && i > first && t.token(i - 1).is(text::kUpperInitial) && i + 1 < last &&
                any_of(t.word(i + 1), {"killed", "assassinated", "executed", "beheaded", "lynched", "murdered"}) ) {
                out.fatalities = 1, out.reported_deaths = true;
                break;
            }
            if (w == "was" && i > first && t.token(i - 1).is(text::kUpperInitial) && i + 2 < last &&
                t.is(i + 1, "shot") && t.is(i + 2, "dead")) {
                out.fatalities = 1, out.reported_deaths = true;
                break;
            }
            const bool verb = any_of(w, {"killing", "killed", "executed", "massacred", "murdered", "slaughtered"});
            if (!verb) continue;
            out.reported_deaths = true;
            // Object right after the verb: "killing civilians", "killed and wounded both servicemen".
            std::uint32_t k = i + 1;
            while (k < last && any_of(t.word(k), {"and", "wounded", "injured", "both", "scores", "several"})) ++k;
            if (k < last && t.is_word(k) && !t.token(k).is(text::kDigit) && is_plural(t.word(k)) &&
                (m_tables.is(WordClass::Civilian, t, k, last) ||
                                            m_tables.is(WordClass::Military, t, k, last))) {
                out.fatalities = 3;
                break;
            }
            // Passive with a plural subject: "civilians were killed".
            if (i >= first + 2 && t.is(i - 1, "were") && (m_tables.is(WordClass::Civilian, t, i - 2, last) ||
                                                          m_tables.is(WordClass::Military, t, i - 2, last))) {
                if (is_plural(t.word(i - 2))) {
                    out.fatalities = 3;
                    break;
                }
            }
        }
    }
    return out;
}

}  // namespace conflictmap::events
