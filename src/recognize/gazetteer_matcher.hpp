#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gazetteer/gazetteer.hpp"
#include "recognize/lexicon.hpp"
#include "recognize/mention.hpp"
#include "text/normalizer.hpp"
#include "text/tokenizer.hpp"

namespace conflictmap::recognize {

struct MatcherOptions {
    bool demonyms = true;       // report "Azerbaijani" as a mention of Azerbaijan
    std::size_t max_tokens = 6; // longest name tried, in words
};

// Finds toponyms by looking capitalised word sequences up in the gazetteer,
// longest first, then discarding what is likely something else: calendar
// words and titles, a person's name (a place name next to an unknown
// capitalised word, or after a title), a common word at the start of a
// sentence, a name met only through a transliteration, an abbreviation that
// is not written like one. The trained recognizer of another issue will add
// its evidence here; the interface (text in, mentions out) stays.
class GazetteerMatcher {
public:
    GazetteerMatcher(const gazetteer::Gazetteer& gazetteer, const Lexicon& lexicon,
                     MatcherOptions options = {});

    std::vector<Mention> find(std::string_view text, const std::vector<text::Token>& tokens,
                              text::Normalizer& normalizer) const;

private:
    std::optional<Mention> lowercase_name(std::string_view text, const std::vector<text::Token>& tokens,
                                          std::size_t index, text::Normalizer& normalizer) const;
    std::optional<Mention> camel_case_name(std::string_view text, const text::Token& t, std::size_t index,
                                           text::Normalizer& normalizer) const;
    // Place names inside a hashtag ("#FergusonOctober", "#prayfornigeria",
    // "#StandWithGaza"), appended to `out`.
    void hashtag_names(std::string_view text, const text::Token& t, std::size_t index,
                       text::Normalizer& normalizer, std::vector<Mention>& out) const;
    // A capitalised word no name matched, where a place is expected, that is
    // another spelling of a gazetteer name ("in Baramulla" -> Bārāmūla).
    std::optional<Mention> respelled(std::string_view text, const std::vector<text::Token>& tokens, std::size_t i,
                                     text::Normalizer& normalizer) const;
    // Whether the name ending at token j is followed by ", Y" with Y a
    // country or a division.
    bool before_division(std::string_view text, const std::vector<text::Token>& tokens, std::size_t j,
                         text::Normalizer& normalizer) const;
    std::optional<Mention> whole_name(const text::Token& t, std::size_t index, const std::string& key,
                                      bool camel) const;

    const gazetteer::Gazetteer& m_gazetteer;
    const Lexicon& m_lexicon;
    MatcherOptions m_options;
};

}  // namespace conflictmap::recognize
