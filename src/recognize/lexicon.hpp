#pragma once

#include <string>
#include <string_view>
#include <unordered_set>

namespace conflictmap::recognize {

// Word lists the recognizer consults, compiled into the binary from
// geodata/lexicon/ (so the tool needs no data besides the gazetteer):
// common English words (from the shared NER corpora, words only), words that
// are never single-word toponyms in news (months, titles, institutions), and
// titles that come before a person's name. Lookups take normalised keys.
class Lexicon {
public:
    static const Lexicon& builtin();

    bool is_common_word(std::string_view key) const { return m_common.count(std::string(key)) > 0; }
    bool is_not_toponym(std::string_view key) const { return m_not_toponyms.count(std::string(key)) > 0; }
    bool is_title(std::string_view key) const { return m_titles.count(std::string(key)) > 0; }

private:
    Lexicon();
    std::unordered_set<std::string> m_common;
    std::unordered_set<std::string> m_not_toponyms;
    std::unordered_set<std::string> m_titles;
};

}  // namespace conflictmap::recognize
