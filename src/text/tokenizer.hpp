#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace conflictmap::text {

enum TokenFlags : std::uint16_t {
    kWord = 1 << 0,           // letters or digits
    kUpperInitial = 1 << 1,   // first letter upper case (or title case)
    kAllCaps = 1 << 2,        // every cased letter upper case, at least two letters
    kUncased = 1 << 3,        // letters of a script without case (Arabic, Han, Armenian is cased)
    kSentenceStart = 1 << 4,  // first word of a sentence (or of the text)
    kDigit = 1 << 5,          // starts with a digit
};

// A token with its place in the text, in bytes (for slicing) and in code
// points (what the output reports: Python's slicing of the text).
struct Token {
    std::uint32_t begin = 0;  // byte offsets
    std::uint32_t end = 0;
    std::uint32_t cp_begin = 0;  // code point offsets
    std::uint32_t cp_end = 0;
    std::uint16_t flags = 0;
    bool is(TokenFlags f) const { return (flags & f) != 0; }
};

// Splits valid UTF-8 into word and punctuation tokens (spaces dropped).
// Words keep internal apostrophes ("N'Djamena") but not a possessive 's,
// which becomes its own token ("Azerbaijan" "'s"); dotted abbreviations stay
// whole ("U.S.", "W.Va"); hyphens split ("Nagorno" "-" "Karabakh"). A
// sentence starts after . ! ? (not after an abbreviation's dot) and after a
// blank line. Letters are classified with ICU's character properties.
std::vector<Token> tokenize(std::string_view text);

}  // namespace conflictmap::text
