#include "text/tokenizer.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace conflictmap::text {

namespace {

struct Decoder {
    const std::uint8_t* p;
    std::int32_t n;
    std::int32_t i = 0;
    std::uint32_t cp_index = 0;

    bool done() const { return i >= n; }
    UChar32 peek(std::int32_t* next = nullptr) const {
        std::int32_t j = i;
        UChar32 c;
        U8_NEXT(p, j, n, c);
        if (next) *next = j;
        return c;
    }
    UChar32 advance() {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        ++cp_index;
        return c;
    }
};

bool is_word_char(UChar32 c) {
    return u_isalnum(c) || u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK ||
           u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_COMBINING_SPACING_MARK;
}

bool is_apostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> out;
    out.reserve(text.size() / 5);
    Decoder d{reinterpret_cast<const std::uint8_t*>(text.data()), static_cast<std::int32_t>(text.size())};
    bool sentence_start = true;
    int newlines = 0;
    while (!d.done()) {
        const std::int32_t start = d.i;
        const std::uint32_t cp_start = d.cp_index;
        const UChar32 c = d.advance();
        if (c < 0) continue;  // callers validate; be robust anyway
        if (u_isUWhiteSpace(c)) {
            if (c == '\n') {
                if (++newlines >= 2) sentence_start = true;
            }
            continue;
        }
        newlines = 0;
        Token t;
        t.begin = static_cast<std::uint32_t>(start);
        t.cp_begin = cp_start;
        if (is_word_char(c)) {
            bool upper_initial = u_isupper(c) || u_istitle(c);
            bool uncased = u_isalpha(c) && !u_isupper(c) && !u_islower(c) && !u_istitle(c);
            int cased = 0, upper = 0;
            if (u_isupper(c)) ++cased, ++upper;
            else if (u_islower(c)) ++cased;
            bool had_dot = false;
            while (!d.done()) {
                std::int32_t next_i;
                const UChar32 n = d.peek(&next_i);
                if (is_word_char(n)) {
                    if (u_isupper(n)) ++cased, ++upper;
                    else if (u_islower(n)) ++cased;
                    d.advance();
                    continue;
                }
                // Internal apostrophe or dot followed by a letter: N'Djamena, U.S, W.Va
                if ((is_apostrophe(n) || n == '.') && next_i < d.n) {
                    std::int32_t j = next_i;
                    UChar32 after;
                    U8_NEXT(d.p, j, d.n, after);
                    if (after >= 0 && u_isalpha(after)) {
                        // Possessive 's / ’s at the end of a word: split it off.
                        if (is_apostrophe(n) && (after == 's' || after == 'S')) {
                            std::int32_t k = j;
                            UChar32 after2 = k < d.n ? 0 : -1;
                            if (k < d.n) U8_NEXT(d.p, k, d.n, after2);
                            if (k >= d.n || after2 < 0 || !is_word_char(after2)) break;
                        }
                        if (n == '.') had_dot = true;
                        d.advance();
                        continue;
                    }
                    // A dotted abbreviation keeps its final dot: "U.S."
                    if (n == '.' && had_dot) {
                        d.advance();
                    }
                }
                break;
            }
            t.flags |= kWord;
            if (upper_initial) t.flags |= kUpperInitial;
            if (cased >= 2 && upper == cased) t.flags |= kAllCaps;
            if (uncased) t.flags |= kUncased;
            if (u_isdigit(c)) t.flags |= kDigit;
            if (sentence_start) t.flags |= kSentenceStart;
            sentence_start = false;
            // "U.S." at a sentence end also ends the sentence; we cannot
            // tell, so a dotted abbreviation leaves the next word's flag alone.
        } else {
            // Punctuation: one code point per token.
            if (c == '.' || c == '!' || c == '?' || c == 0x3002) sentence_start = true;
            // Quotes and brackets at a sentence start keep it open.
        }
        t.end = static_cast<std::uint32_t>(d.i);
        t.cp_end = d.cp_index;
        out.push_back(t);
    }
    return out;
}

}  // namespace conflictmap::text
