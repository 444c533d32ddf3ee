#include "events/token_text.hpp"

#include <algorithm>
#include <array>

namespace conflictmap::events {

namespace {

// Words whose dot does not end a sentence ("Gen. Smith", "Sept. 27").
constexpr std::array<std::string_view, 34> kAbbreviations = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "maj", "sgt", "cpl", "pvt", "adm",
    "gov", "sen", "rep", "st", "mt", "no", "nos", "vs", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx"};

bool is_abbreviation(std::string_view w) {
    if (w.size() == 1) return true;  // an initial: "George W. Bush"
    return std::find(kAbbreviations.begin(), kAbbreviations.end(), w) != kAbbreviations.end();
}

}  // namespace

TokenText::TokenText(std::string_view text) : m_text(text), m_tokens(text::tokenize(text)) {
    // The tokenizer leaves a possessive as an apostrophe and an "s": one
    // token "'s" here, as the tables write it.
    std::size_t out = 0;
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
        const auto& a = m_tokens[i];
        const std::string_view w = text.substr(a.begin, a.end - a.begin);
        if ((w == "'" || w == "\xE2\x80\x99") && i + 1 < m_tokens.size() && a.end == m_tokens[i + 1].begin &&
            i > 0 && m_tokens[i - 1].end == a.begin) {
            const auto& b = m_tokens[i + 1];
            const std::string_view s = text.substr(b.begin, b.end - b.begin);
            if (s == "s" || s == "S") {
                text::Token merged = a;
                merged.end = b.end;
                merged.cp_end = b.cp_end;
                merged.flags = text::kWord;
                m_tokens[out++] = merged;
                ++i;
                continue;
            }
        }
        m_tokens[out++] = a;
    }
    m_tokens.resize(out);
    m_lower.reserve(m_tokens.size());
    for (const auto& t : m_tokens) {
        std::string w(text.substr(t.begin, t.end - t.begin));
        for (char& c : w)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (w.size() == 4 && w.compare(0, 3, "\xE2\x80\x99") == 0) w = "'s";
        if (w == "'S") w = "'s";
        m_lower.push_back(std::move(w));
    }
    split_sentences();
}

bool TokenText::is_hyphen(std::uint32_t i) const {
    const std::string& w = m_lower[i];
    return w == "-" || w == "\xE2\x80\x90" || w == "\xE2\x80\x91" || w == "\xE2\x80\x93";
}

bool TokenText::is_clause_break(std::uint32_t i) const {
    const std::string& w = m_lower[i];
    return w == "," || w == ";" || w == ":" || w == "(" || w == ")" || w == "\xE2\x80\x94";
}

void TokenText::split_sentences() {
    m_sentence_of.assign(m_tokens.size(), 0);
    if (m_tokens.empty()) return;
    std::uint32_t start = 0, paragraph = 0;
    auto close = [&](std::uint32_t end) {
        if (end <= start) return;
        const auto index = static_cast<std::uint32_t>(m_sentences.size());
        m_sentences.push_back({start, end, paragraph});
        for (std::uint32_t k = start; k < end; ++k) m_sentence_of[k] = index;
        start = end;
    };
    for (std::uint32_t i = 0; i + 1 < m_tokens.size(); ++i) {
        // A blank line between two tokens ends the sentence and the paragraph.
        const std::string_view gap = m_text.substr(m_tokens[i].end, m_tokens[i + 1].begin - m_tokens[i].end);
        const std::size_t nl = gap.find('\n');
        if (nl != std::string_view::npos && gap.find('\n', nl + 1) != std::string_view::npos) {
            close(i + 1);
            ++paragraph;
            continue;
        }
        const std::string& w = m_lower[i];
        if (w != "." && w != "!" && w != "?" && w != "\xE3\x80\x82") continue;
        const auto& next = m_tokens[i + 1];
        if (w == "." && i > 0 && m_tokens[i - 1].end == m_tokens[i].begin && m_tokens[i - 1].is(text::kWord) &&
            !m_tokens[i - 1].is(text::kDigit) && is_abbreviation(m_lower[i - 1]))
            continue;
        // "2.5": a dot between digits.
        if (touches_next(i) && next.is(text::kDigit)) continue;
        // The next sentence starts with a capital, a digit or punctuation
        // (a quote); a lower-case word continues this one.
        if (next.is(text::kWord) && !next.is(text::kUpperInitial) && !next.is(text::kDigit) &&
            !next.is(text::kUncased))
            continue;
        close(i + 1);
    }
    close(static_cast<std::uint32_t>(m_tokens.size()));
}

std::uint32_t TokenText::token_at_byte(std::uint32_t byte) const {
    const auto it = std::lower_bound(m_tokens.begin(), m_tokens.end(), byte,
                                     [](const text::Token& t, std::uint32_t b) { return t.begin < b; });
    return static_cast<std::uint32_t>(it - m_tokens.begin());
}

}  // namespace conflictmap::events
