#include "events/detail/phrase_matcher.hpp"

#include "text/tokenizer.hpp"

namespace conflictmap::events::detail {

int PhraseMatcher::add(std::string_view pattern) {
    Pattern p;
    const std::string text(pattern);
    const TokenText t(text);
    int dots = 0;
    for (std::uint32_t i = 0; i < t.size(); ++i) {
        const std::string& w = t.word(i);
        if (w == ".") {
            if (++dots == 3) p.words.push_back({"", false, true}), dots = 0;
            continue;
        }
        dots = 0;
        if (w == "*") {
            if (!p.words.empty()) p.words.back().prefix = true;
            continue;
        }
        if (t.is_hyphen(i)) continue;
        p.words.push_back({w, false, false});
    }
    const int id = static_cast<int>(m_patterns.size());
    if (!p.words.empty() && !p.words.front().gap) {
        const Word& first = p.words.front();
        if (first.prefix)
            m_prefix_by_byte[static_cast<unsigned char>(first.text.empty() ? 0 : first.text[0])].push_back(id);
        else
            m_by_first[first.text].push_back(id);
    }
    m_patterns.push_back(std::move(p));
    return id;
}

bool PhraseMatcher::word_matches(const Word& w, const std::string& token) {
    if (w.prefix) return token.size() >= w.text.size() && token.compare(0, w.text.size(), w.text) == 0;
    return token == w.text;
}

std::uint32_t PhraseMatcher::match(const Pattern& p, const TokenText& t, std::uint32_t i,
                                   std::uint32_t limit) const {
    std::uint32_t pos = i;
    for (std::size_t k = 0; k < p.words.size(); ++k) {
        const Word& w = p.words[k];
        if (w.gap) {
            // Up to three words, then the rest of the pattern.
            if (k + 1 == p.words.size()) return pos;
            for (std::uint32_t skip = 0; skip <= 3 && pos + skip < limit; ++skip) {
                Pattern rest;
                rest.words.assign(p.words.begin() + static_cast<std::ptrdiff_t>(k) + 1, p.words.end());
                if (const std::uint32_t e = match(rest, t, pos + skip, limit)) return e;
                if (!t.is_word(pos + skip) && !t.is_hyphen(pos + skip)) break;
            }
            return 0;
        }
        while (pos < limit && t.is_hyphen(pos) && pos > i) ++pos;
        if (pos >= limit || !word_matches(w, t.word(pos))) return 0;
        ++pos;
    }
    return pos;
}

PhraseMatcher::Match PhraseMatcher::longest_at(const TokenText& t, std::uint32_t i,
                                               std::uint32_t limit) const {
    Match best;
    if (i >= limit) return best;
    auto consider = [&](int id) {
        const std::uint32_t e = match(m_patterns[static_cast<std::size_t>(id)], t, i, limit);
        if (e > i && (best.id < 0 || e > best.end)) best = {id, i, e};
    };
    const std::string& w = t.word(i);
    if (const auto it = m_by_first.find(w); it != m_by_first.end())
        for (int id : it->second) consider(id);
    if (!w.empty())
        for (int id : m_prefix_by_byte[static_cast<unsigned char>(w[0])]) consider(id);
    return best;
}

bool PhraseMatcher::ends_at(const TokenText& t, std::uint32_t end, std::uint32_t floor,
                            std::uint32_t* begin) const {
    for (std::uint32_t back = 1; back <= 5 && back <= end; ++back) {
        const std::uint32_t b = end - back;
        if (b < floor) break;
        const Match m = longest_at(t, b, end);
        if (m.id >= 0 && m.end == end) {
            if (begin) *begin = b;
            return true;
        }
    }
    return false;
}

std::vector<PhraseMatcher::Match> PhraseMatcher::scan(const TokenText& t, std::uint32_t first,
                                                      std::uint32_t last) const {
    std::vector<Match> out;
    for (std::uint32_t i = first; i < last;) {
        const Match m = longest_at(t, i, last);
        if (m.id >= 0) {
            out.push_back(m);
            i = m.end;
        } else {
            ++i;
        }
    }
    return out;
}

}  // namespace conflictmap::events::detail
