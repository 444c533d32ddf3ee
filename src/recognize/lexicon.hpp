#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace conflictmap::recognize {

// How often a capitalised token was part of each kind of entity in the NER
// corpora (geodata/lexicon/name_stats.txt).
struct NameStats {
    std::uint32_t loc = 0, per = 0, org = 0, other = 0;
    std::uint32_t total() const { return loc + per + org + other; }
};

// Word lists the recognizer consults, compiled into the binary from
// geodata/lexicon/ (so the tool needs no data besides the gazetteer): how
// often English writes a word in lower case, how often a capitalised token
// named a location, person or organisation (both derived from the shared NER
// corpora by geodata/lexicon/make-lexicon), words that are never single-word
// toponyms in news (months, titles, institutions), titles that come before a
// person's name, and the English dictionary of Debian's wamerican. Lookups take normalised keys.
class Lexicon {
public:
    static const Lexicon& builtin();

    // Times the word was seen in lower case (0 when never).
    std::uint32_t common_word_count(std::string_view key) const;
    const NameStats* name_stats(std::string_view key) const;
    // An ordinary English word in the dictionary (lower-case entries only).
    bool is_dictionary_word(std::string_view key) const { return m_dictionary.count(std::string(key)) > 0; }
    bool is_not_toponym(std::string_view key) const { return m_not_toponyms.count(std::string(key)) > 0; }
    bool is_title(std::string_view key) const { return m_titles.count(std::string(key)) > 0; }

private:
    Lexicon();
    std::unordered_map<std::string, std::uint32_t> m_common;
    std::unordered_map<std::string, NameStats> m_names;
    std::unordered_set<std::string> m_dictionary;
    std::unordered_set<std::string> m_not_toponyms;
    std::unordered_set<std::string> m_titles;
};

}  // namespace conflictmap::recognize
