#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "gazetteer/detail/index_format.hpp"
#include "text/tokenizer.hpp"

namespace conflictmap::recognize {

// A span of the text the recognizer takes for a toponym, with the gazetteer
// entries its name points at (best first). Offsets are bytes for slicing and
// code points for output.
struct Mention {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint32_t cp_begin = 0;
    std::uint32_t cp_end = 0;
    std::uint32_t first_token =
        0;  // token range [first_token, last_token] in its recognition window
    std::uint32_t last_token = 0;
    std::string key;
    std::span<const gazetteer::detail::PostingRecord> postings;
    bool demonym = false;  // the name stands for a place as a demonym/adjective
    bool partial = false;  // postings are those of a part of the span (resolve-only mode)
    // Weak evidence (mostly a person's name, "Ferguson"): the resolver keeps
    // the mention only when the document's context supports one of its places.
    bool weak = false;
    // Found through another spelling of a gazetteer name ("Baramulla" for
    // Bārāmūla): kept only when the document's places agree with it.
    bool variant = false;
    // The words around it say it is a place ("in X", "X police", "#X"):
    // evidence the tagger's doubt does not outweigh.
    bool cued = false;

    // Token `t`, number `index` in its recognition window.
    static Mention of_token(const text::Token& t, std::uint32_t index) {
        Mention m = within_token(t, index, 0, t.end - t.begin);
        m.cp_end = t.cp_end;
        return m;
    }

    // The bytes [from, to) of token `t` (number `index` in its window), which
    // must be ASCII there so bytes and code points advance together: a place
    // name inside a hashtag.
    static Mention within_token(const text::Token& t, std::uint32_t index, std::uint32_t from,
                                std::uint32_t to) {
        Mention m;
        m.begin = t.begin + from;
        m.end = t.begin + to;
        m.cp_begin = t.cp_begin + from;
        m.cp_end = t.cp_begin + to;
        m.first_token = m.last_token = index;
        return m;
    }

    // The mention covering tokens [first, last] of a recognition window.
    static Mention of_tokens(const std::vector<text::Token>& tokens, std::uint32_t first,
                             std::uint32_t last) {
        Mention m;
        m.begin = tokens[first].begin;
        m.end = tokens[last].end;
        m.cp_begin = tokens[first].cp_begin;
        m.cp_end = tokens[last].cp_end;
        m.first_token = first;
        m.last_token = last;
        return m;
    }
};

}  // namespace conflictmap::recognize
