#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "events/token_text.hpp"

namespace conflictmap::events::detail {

// Matches the phrases of a table (geodata/events/*.tsv) against a TokenText.
// A pattern is tokenized like the text and lower-cased; a trailing "*" makes
// its word a prefix ("shell*"), "..." skips up to three words, hyphens are
// ignored on both sides. Indexed by first word, so a scan costs a hash
// lookup per token (plus a short list of prefix patterns by first byte).
class PhraseMatcher {
public:
    struct Match {
        int id = -1;             // pattern id (order of add())
        std::uint32_t begin = 0;  // tokens [begin, end)
        std::uint32_t end = 0;
    };

    // Adds a pattern; returns its id.
    int add(std::string_view pattern);
    std::size_t size() const { return m_patterns.size(); }

    // The longest pattern that starts at token i and ends at or before
    // `limit`; id -1 when none.
    Match longest_at(const TokenText& t, std::uint32_t i, std::uint32_t limit) const;
    // True when some pattern starts at i (its end in *end).
    bool at(const TokenText& t, std::uint32_t i, std::uint32_t limit, std::uint32_t* end = nullptr) const {
        const Match m = longest_at(t, i, limit);
        if (m.id < 0) return false;
        if (end) *end = m.end;
        return true;
    }
    // A pattern ending exactly at token `end` (exclusive) and starting at or
    // after `floor`: looks back over at most five tokens.
    bool ends_at(const TokenText& t, std::uint32_t end, std::uint32_t floor,
                 std::uint32_t* begin = nullptr) const;
    // Every non-overlapping longest match in [first, last), left to right.
    std::vector<Match> scan(const TokenText& t, std::uint32_t first, std::uint32_t last) const;

private:
    struct Word {
        std::string text;
        bool prefix = false;
        bool gap = false;  // "..."
    };
    struct Pattern {
        std::vector<Word> words;
    };
    // End of the match of pattern p at token i, or 0 when it does not match.
    std::uint32_t match(const Pattern& p, const TokenText& t, std::uint32_t i, std::uint32_t limit) const;
    static bool word_matches(const Word& w, const std::string& token);

    std::vector<Pattern> m_patterns;
    std::unordered_map<std::string, std::vector<int>> m_by_first;
    std::vector<std::vector<int>> m_prefix_by_byte = std::vector<std::vector<int>>(256);
};

}  // namespace conflictmap::events::detail
