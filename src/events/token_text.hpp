#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.hpp"

namespace conflictmap::events {

// A sentence as a range of tokens [first, last) and the paragraph it is in
// (paragraphs are separated by blank lines).
struct Sentence {
    std::uint32_t first = 0;
    std::uint32_t last = 0;
    std::uint32_t paragraph = 0;
};

// A document's tokens with their lower-cased text, split into sentences:
// what every event rule reads. Lower-casing is ASCII only (the tables are
// English) and folds the typographic apostrophe to '.
class TokenText {
public:
    explicit TokenText(std::string_view text);

    std::string_view text() const { return m_text; }
    const std::vector<text::Token>& tokens() const { return m_tokens; }
    const text::Token& token(std::uint32_t i) const { return m_tokens[i]; }
    std::size_t size() const { return m_tokens.size(); }
    // Lower-cased text of token i.
    const std::string& word(std::uint32_t i) const { return m_lower[i]; }
    std::string_view surface(std::uint32_t i) const {
        return m_text.substr(m_tokens[i].begin, m_tokens[i].end - m_tokens[i].begin);
    }
    bool is_word(std::uint32_t i) const { return m_tokens[i].is(text::kWord); }
    bool is(std::uint32_t i, std::string_view lower) const { return m_lower[i] == lower; }
    // A hyphen or dash: pattern matching steps over it ("air-strike").
    bool is_hyphen(std::uint32_t i) const;
    // Clause punctuation: , ; : ( ) and quotes do not end a clause.
    bool is_clause_break(std::uint32_t i) const;
    // Tokens i and i+1 touch (no space between them): "1,200", "2020-09-27".
    bool touches_next(std::uint32_t i) const {
        return i + 1 < m_tokens.size() && m_tokens[i].end == m_tokens[i + 1].begin;
    }

    const std::vector<Sentence>& sentences() const { return m_sentences; }
    std::uint32_t sentence_of(std::uint32_t token) const { return m_sentence_of[token]; }
    // First token starting at or after byte offset `byte` (size() when none).
    std::uint32_t token_at_byte(std::uint32_t byte) const;

private:
    void split_sentences();
    std::string_view m_text;
    std::vector<text::Token> m_tokens;
    std::vector<std::string> m_lower;
    std::vector<Sentence> m_sentences;
    std::vector<std::uint32_t> m_sentence_of;
};

}  // namespace conflictmap::events
