#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "text/tokenizer.hpp"

namespace conflictmap::text {

// A byte range [begin, end) of a text.
struct ByteRange {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

// The parts of a text that are addresses rather than prose: web addresses
// ("http://t.co/deUbBotRXS", "www.bbc.co.uk/news"), e-mail addresses and
// social media handles ("@Tokyo_Trev", "@PIB_India"). Words inside them name
// accounts and pages, not places: the recognisers must not read them. Sorted,
// not overlapping.
std::vector<ByteRange> address_ranges(std::string_view text);

// Whether tokens[i] is the body of a hashtag: a word glued to a "#" that
// starts the text or follows a space or an opening bracket or quote.
bool is_hashtag_body(std::string_view text, const std::vector<Token>& tokens, std::size_t i);

// Whether [begin, end) overlaps any of the (sorted) ranges.
bool overlaps_any(const std::vector<ByteRange>& ranges, std::uint32_t begin, std::uint32_t end);

}  // namespace conflictmap::text
