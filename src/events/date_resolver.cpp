#include "events/date_resolver.hpp"

#include <algorithm>

#include <charconv>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace conflictmap::events {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int days_in_month(int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return kDays[m - 1];
}

// A token of digits, possibly with an ordinal suffix ("27th"); -1 when not.
int small_number(const std::string& w) {
    int v = 0;
    const auto r = std::from_chars(w.data(), w.data() + w.size(), v);
    if (r.ec != std::errc() || r.ptr == w.data()) return -1;
    const std::string_view rest(r.ptr, static_cast<std::size_t>(w.data() + w.size() - r.ptr));
    if (!rest.empty() && rest != "st" && rest != "nd" && rest != "rd" && rest != "th") return -1;
    return v;
}

int year_of(const std::string& w) {
    if (w.size() != 4) return -1;
    const int y = small_number(w);
    return y >= 1900 && y <= 2100 ? y : -1;
}

bool valid(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m); }

struct NumericDate {
    int year = 0, month = 0, day = 0;
    std::uint32_t end = 0;
};

// "14.03.2022", "16/03/2022", "3/14/2022", "14/08", "07/07": figures joined
// by one separator, a slash or a dot, written without spaces.
std::optional<NumericDate> numeric_date(const TokenText& t, std::uint32_t i, std::uint32_t last,
                                        std::uint32_t first) {
    if (!t.token(i).is(text::kDigit)) return std::nullopt;
    // The tokenizer may keep "14.03.2022" whole or split it; read the joined text.
    std::string s;
    std::uint32_t e = i;
    while (e < last) {
        const std::string& w = t.word(e);
        bool ok = !w.empty();
        for (char ch : w) ok = ok && ((ch >= '0' && ch <= '9') || ch == '/' || ch == '.');
        if (!ok) break;
        s += w;
        ++e;
        if (!t.touches_next(e - 1)) break;
    }
    // A sentence's full stop after it: "on 14.03.2022." ends at the year.
    while (!s.empty() && (s.back() == '.' || s.back() == '/')) {
        s.pop_back();
        if (e > i + 1 && (t.is(e - 1, ".") || t.is(e - 1, "/"))) --e;
    }
    char sep = 0;
    std::vector<std::string> parts(1);
    for (char ch : s) {
        if (ch >= '0' && ch <= '9') {
            parts.back() += ch;
            continue;
        }
        if ((sep != 0 && sep != ch) || parts.back().empty()) return std::nullopt;
        sep = ch;
        parts.emplace_back();
    }
    if (parts.size() > 3 || parts.back().empty()) return std::nullopt;
    if (sep == 0 || parts.size() < 2) return std::nullopt;
    auto num = [](const std::string& s) {
        int v = -1;
        std::from_chars(s.data(), s.data() + s.size(), v);
        return v;
    };
    NumericDate nd;
    nd.end = e;
    int a = num(parts[0]), b = num(parts[1]);
    if (parts[0].size() > 2 || parts[1].size() > 2) return std::nullopt;
    if (parts.size() == 3) {
        int y = num(parts[2]);
        if (parts[2].size() == 2) y += 2000;
        else if (parts[2].size() != 4) return std::nullopt;
        nd.year = y;
    } else {
        // Without a year: a slash, and a figure above 12 or the note's opening.
        if (sep != '/') return std::nullopt;
        if (a <= 12 && b <= 12 && i != first) return std::nullopt;
    }
    if (b > 12 && a <= 12 && sep == '/') std::swap(a, b);  // 3/14/2022: month first
    nd.day = a;
    nd.month = b;
    if (nd.month < 1 || nd.month > 12 || nd.day < 1 || nd.day > 31) return std::nullopt;
    return nd;
}

}  // namespace

long Date::days() const { return days_from_civil(year, month, day); }

Date Date::from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
    return {y, m, d};
}

int Date::weekday() const {
    const long d = days();  // 1970-01-01 was a Thursday (3)
    return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

std::optional<Date> Date::parse_iso(std::string_view s) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (std::from_chars(s.data(), s.data() + 4, y).ec != std::errc() ||
        std::from_chars(s.data() + 5, s.data() + 7, m).ec != std::errc() ||
        std::from_chars(s.data() + 8, s.data() + 10, d).ec != std::errc() || !valid(y, m, d))
        return std::nullopt;
    return Date{y, m, d};
}

std::vector<DateMention> DateResolver::find(const TokenText& t, std::uint32_t first, std::uint32_t last,
                                            const std::optional<Date>& published) const {
    std::vector<DateMention> out;
    const auto& words = m_tables.time_words();
    // A month name that is also an English word ("May", "March") counts only
    // with its capital; abbreviations may carry a dot.
    auto month_at = [&](std::uint32_t i, std::uint32_t* end) -> int {
        if (i >= last || !t.token(i).is(text::kUpperInitial)) return 0;
        const auto m = words.longest_at(t, i, last);
        if (m.id < 0 || m_tables.time_word(m.id).kind != TimeWord::Month) return 0;
        std::uint32_t e = m.end;
        if (e < last && t.is(e, ".") && t.touches_next(e - 1)) ++e;
        *end = e;
        return m_tables.time_word(m.id).value;
    };
    // Without a year: the publication year, or the year before when the date
    // would fall more than a day after publication.
    auto place_in_year = [&](int m, int d, int y) -> std::optional<Date> {
        if (y > 0) return valid(y, m, d) ? std::optional<Date>(Date{y, m, d}) : std::nullopt;
        if (!published) return std::nullopt;
        y = published->year;
        if (!valid(y, m, d)) return std::nullopt;
        Date date{y, m, d};
        if (date.days() > published->days() + 1) date.year -= 1;
        if (!valid(date.year, m, d)) return std::nullopt;
        return date;
    };
    auto background = [&](const Date& d) { return published && d.days() < published->days() - 365; };

    for (std::uint32_t i = first; i < last; ++i) {
        const std::string& w = t.word(i);
        std::uint32_t e = 0;
        // ISO 2020-09-27 (the tokenizer splits at hyphens).
        if (const int y = year_of(w); y > 0 && i + 4 < last && t.is_hyphen(i + 1) && t.is_hyphen(i + 3) &&
                                      t.touches_next(i) && t.touches_next(i + 2)) {
            const int m = small_number(t.word(i + 2)), d = small_number(t.word(i + 4));
            if (valid(y, m, d)) {
                DateMention dm{i, i + 5, Date{y, m, d}, 1, true, false};
                dm.background = background(*dm.date);
                out.push_back(dm);
                i += 4;
                continue;
            }
        }
        // Numeric dates: "14.03.2022", "16/03/2022", "3/14/2022", "14/08".
        // Day first (the world's order) unless the second figure cannot be a
        // month; without a year only with a slash and a day above 12 or as
        // the note's opening ("07/07: ..."), so "1/2" of a sentence stays text.
        if (const auto nd = numeric_date(t, i, last, first)) {
            if (const auto date = place_in_year(nd->month, nd->day, nd->year)) {
                DateMention dm{i, nd->end, date, 1, true, false};
                dm.background = background(*date);
                out.push_back(dm);
                i = nd->end - 1;
                continue;
            }
        }
        // Decades: "the 1990s".
        if (w.size() == 5 && w[4] == 's' && year_of(w.substr(0, 4)) > 0) {
            const int y = year_of(w.substr(0, 4));
            if (!published || y + 10 < published->year)
                out.push_back({i, i + 1, std::nullopt, 3, true, true});
            continue;
        }
        // A bare year: only a marker of background ("since 1994", "in 2014").
        if (const int y = year_of(w); y > 0 && t.is_word(i)) {
            const bool after_prep = i > first && (t.is(i - 1, "in") || t.is(i - 1, "since") ||
                                                  t.is(i - 1, "of") || t.is(i - 1, "until"));
            if (after_prep && published && y < published->year - 1)
                out.push_back({i, i + 1, std::nullopt, 3, true, true});
            continue;
        }
        // Day Month [Year], and "between 27 and 31 March [2022]", "27-31 March".
        if (const int d = small_number(w); d >= 1 && d <= 31 && t.token(i).is(text::kDigit)) {
            std::uint32_t j = i + 1;
            int d2 = 0;
            if (j + 1 < last && (t.is(j, "and") || t.is(j, "to") || t.is_hyphen(j))) {
                const int x = small_number(t.word(j + 1));
                if (x > d && x <= 31) d2 = x, j += 2;
            }
            if (j < last && t.is(j, "of")) ++j;
            if (const int m = month_at(j, &e)) {
                int y = 0;
                std::uint32_t end = e;
                if (end < last && t.is(end, ",")) ++end;
                if (end < last && (y = year_of(t.word(end))) > 0) e = end + 1;
                if (const auto date = place_in_year(m, d, y)) {
                    std::uint32_t begin = i;
                    if (d2 && begin > first && (t.is(begin - 1, "between") || t.is(begin - 1, "from"))) --begin;
                    DateMention dm{begin, e, date, 1, true, false};
                    if (d2) dm.precision = d2 - d <= 7 ? 2 : 3;
                    dm.background = background(*date);
                    out.push_back(dm);
                    i = e - 1;
                    continue;
                }
            }
        }
        // Month Day[,] [Year] / Month [Year].
        if (const int m = month_at(i, &e)) {
            std::uint32_t j = e;
            const int d = j < last ? small_number(t.word(j)) : -1;
            if (d >= 1 && d <= 31 && t.token(j).is(text::kDigit) && year_of(t.word(j)) < 0) {
                std::uint32_t end = j + 1;
                int y = 0;
                if (end < last && t.is(end, ",")) ++end;
                if (end < last && (y = year_of(t.word(end))) > 0)
                    e = end + 1;
                else
                    e = j + 1;
                if (const auto date = place_in_year(m, d, y)) {
                    DateMention dm{i, e, date, 1, true, false};
                    dm.background = background(*date);
                    out.push_back(dm);
                    i = e - 1;
                    continue;
                }
            }
            // A month alone: "in July", "July 2020", "early March".
            int y = j < last ? year_of(t.word(j)) : -1;
            if (y > 0) e = j + 1;
            const bool prep = i > first && (t.is(i - 1, "in") || t.is(i - 1, "since") || t.is(i - 1, "early") ||
                                            t.is(i - 1, "late") || t.is(i - 1, "mid") || t.is(i - 1, "during") ||
                                            t.is(i - 1, "of"));
            if (y > 0 || prep) {
                if (const auto date = place_in_year(m, 1, y > 0 ? y : 0)) {
                    DateMention dm{i, e, date, 3, true, false};
                    // A month after the publication month is last year's.
                    dm.background = published && date->days() < published->days() - 400;
                    out.push_back(dm);
                }
                i = e - 1;
                continue;
            }
        }
        // "N days ago", "two days ago".
        if (i + 2 < last && (t.is(i + 1, "days") || t.is(i + 1, "day")) && t.is(i + 2, "ago")) {
            int n = small_number(w);
            if (n < 0) {
                const auto m = m_tables.numbers().longest_at(t, i, i + 1);
                if (m.id >= 0 && m_tables.number(m.id).kind == NumberWord::Unit)
                    n = static_cast<int>(m_tables.number(m.id).value);
            }
            if (n >= 0) {
                DateMention dm{i, i + 3, std::nullopt, 1, false, false};
                if (published) dm.date = Date::from_days(published->days() - n);
                out.push_back(dm);
                i += 2;
                continue;
            }
        }
        // Christmas (25 December) and Christmas Eve, in the year of publication.
        // Only as a day: "on Christmas", "the eve of Christmas", not "a Christmas party".
        auto one_of = [](const std::string& x, std::initializer_list<std::string_view> l) {
            return std::find(l.begin(), l.end(), x) != l.end();
        };
        if (w == "christmas" && t.token(i).is(text::kUpperInitial) && i > first &&
            one_of(t.word(i - 1), {"on", "of", "at", "over", "before", "after"}) &&
            (i + 1 >= last || !t.is_word(i + 1) ||
             one_of(t.word(i + 1), {"eve", "day", "morning", "night", "in", "at", "when", "as", "and", "near"}))) {
            const bool eve = i + 1 < last && t.is(i + 1, "eve");
            DateMention dm{i, eve ? i + 2 : i + 1, place_in_year(12, eve ? 24 : 25, 0), 1, true, false};
            out.push_back(dm);
            i = dm.last - 1;
            continue;
        }
        // Weekdays and relative words.
        const auto m = words.longest_at(t, i, last);
        if (m.id < 0) continue;
        const TimeWord& tw = m_tables.time_word(m.id);
        if (tw.kind == TimeWord::Month) continue;
        DateMention dm{m.id >= 0 ? i : i, m.end, std::nullopt, 1, false, false};
        if (tw.kind == TimeWord::Weekday) {
            // "Sunday" is capitalised; "next Sunday" is not a past event's day.
            if (!t.token(i).is(text::kUpperInitial)) continue;
            if (i > first && t.is(i - 1, "next")) continue;
            if (published) {
                const int back = (published->weekday() - tw.value + 7) % 7;
                dm.date = Date::from_days(published->days() - back);
            }
        } else if (tw.kind == TimeWord::Day) {
            if (published) dm.date = Date::from_days(published->days() + tw.value);
        } else if (tw.kind == TimeWord::Week) {
            dm.precision = 2;
            if (published)
                dm.date = Date::from_days(published->days() - published->weekday() + 7 * tw.value);
        } else if (tw.kind == TimeWord::MonthRel) {
            dm.precision = 3;
            if (published) {
                int y = published->year, mo = published->month + tw.value;
                while (mo < 1) mo += 12, --y;
                dm.date = Date{y, mo, 1};
            }
        }
        out.push_back(dm);
        i = m.end - 1;
    }
    // "on the eve of 9 May", "on the eve of the 12 May vote", "the eve of
    // Christmas": the day before.
    for (auto& dm : out) {
        std::uint32_t b = dm.first;
        if (b > first && t.is(b - 1, "the")) --b;
        if (b < first + 2 || !t.is(b - 1, "of") || !t.is(b - 2, "eve") || !dm.date) continue;
        dm.date = Date::from_days(dm.date->days() - 1);
        dm.first = b - 2;
    }
    return out;
}

}  // namespace conflictmap::events
