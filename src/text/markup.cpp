#include "text/markup.hpp"

#include <algorithm>

namespace conflictmap::text {

namespace {

bool ascii_word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Whitespace or an ASCII delimiter that cannot sit inside an address.
bool ends_address(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '<' || c == '>' || c == '\'';
}

bool starts_with_ci(std::string_view text, std::size_t at, std::string_view prefix) {
    if (text.size() - at < prefix.size()) return false;
    for (std::size_t k = 0; k < prefix.size(); ++k) {
        char c = text[at + k];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
        if (c != prefix[k]) return false;
    }
    return true;
}

// The end of a web address starting at `at`: up to whitespace, without the
// punctuation that usually closes the sentence around it ("see bbc.com/x.").
std::size_t address_end(std::string_view text, std::size_t at) {
    std::size_t end = at;
    while (end < text.size() && !ends_address(text[end])) ++end;
    while (end > at && std::string_view(".,;:!?)]").find(text[end - 1]) != std::string_view::npos) --end;
    return end;
}

}  // namespace

std::vector<ByteRange> address_ranges(std::string_view text) {
    std::vector<ByteRange> out;
    auto add = [&](std::size_t b, std::size_t e) {
        if (e > b) out.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e)});
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool boundary = i == 0 || !ascii_word_char(text[i - 1]);
        if (c == '@' && boundary && i + 1 < text.size() && ascii_word_char(text[i + 1])) {
            std::size_t e = i + 1;
            while (e < text.size() && ascii_word_char(text[e])) ++e;
            add(i, e);
            i = e - 1;
        } else if (c == '@' && !boundary) {
            // An e-mail address: back to its start, on to its end.
            std::size_t b = i;
            while (b > 0 && (ascii_word_char(text[b - 1]) || text[b - 1] == '.' || text[b - 1] == '-' ||
                             text[b - 1] == '+'))
                --b;
            const std::size_t e = address_end(text, i);
            if (!out.empty() && out.back().end > b) b = out.back().end;
            add(b, e);
            i = e > i ? e - 1 : i;
        } else if (boundary && (starts_with_ci(text, i, "http://") || starts_with_ci(text, i, "https://") ||
                                starts_with_ci(text, i, "www."))) {
            const std::size_t e = address_end(text, i);
            add(i, e);
            i = e > i ? e - 1 : i;
        }
    }
    return out;
}

bool is_hashtag_body(std::string_view text, const std::vector<Token>& tokens, std::size_t i) {
    if (i == 0 || i >= tokens.size()) return false;
    const Token& hash = tokens[i - 1];
    if (hash.end != tokens[i].begin || hash.end - hash.begin != 1 || text[hash.begin] != '#') return false;
    if (hash.begin == 0) return true;
    const char before = text[hash.begin - 1];
    return before == ' ' || before == '\n' || before == '\t' || before == '\r' || before == '(' || before == '"';
}

bool overlaps_any(const std::vector<ByteRange>& ranges, std::uint32_t begin, std::uint32_t end) {
    // First range ending after `begin`.
    auto it = std::upper_bound(ranges.begin(), ranges.end(), begin,
                               [](std::uint32_t b, const ByteRange& r) { return b < r.end; });
    return it != ranges.end() && it->begin < end;
}

}  // namespace conflictmap::text
