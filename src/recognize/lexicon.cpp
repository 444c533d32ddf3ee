#include "recognize/lexicon.hpp"

#include <charconv>
#include <vector>

#include "io/line_reader.hpp"
#include "lexicon_data.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::recognize {

namespace {

// Calls `row` with the tab-separated fields of every non-comment line.
template <typename Row>
void each_row(std::string_view text, Row row) {
    std::vector<std::string_view> fields;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        if (!line.empty() && line[0] != '#') {
            io::split(line, '\t', fields);
            row(fields);
        }
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
}

std::uint32_t number(std::string_view s) {
    std::uint32_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

}  // namespace

Lexicon::Lexicon() {
    text::Normalizer n;
    each_row(lexicon_data::kCommonWords, [&](const auto& f) {
        if (f.size() >= 2) m_common[n.key(f[0])] += number(f[1]);
    });
    each_row(lexicon_data::kNameStats, [&](const auto& f) {
        if (f.size() < 5) return;
        NameStats& s = m_names[n.key(f[0])];
        s.loc += number(f[1]);
        s.per += number(f[2]);
        s.org += number(f[3]);
        s.other += number(f[4]);
    });
    {
        std::string_view d = lexicon_data::kDictionary;
        while (!d.empty()) {
            const std::size_t nl = d.find('\n');
            const std::string_view w = d.substr(0, nl);
            // Lower-case entries only: "Paris" is in the list as a name.
            if (!w.empty() && w[0] >= 'a' && w[0] <= 'z' && w.find('\'') == std::string_view::npos)
                m_dictionary.emplace(w);
            if (nl == std::string_view::npos) break;
            d.remove_prefix(nl + 1);
        }
    }
    each_row(lexicon_data::kNotToponyms, [&](const auto& f) {
        if (auto k = n.key(f[0]); !k.empty()) m_not_toponyms.insert(k);
    });
    each_row(lexicon_data::kTitles, [&](const auto& f) {
        if (auto k = n.key(f[0]); !k.empty()) m_titles.insert(k);
    });
}

std::uint32_t Lexicon::common_word_count(std::string_view key) const {
    const auto it = m_common.find(std::string(key));
    return it == m_common.end() ? 0 : it->second;
}

const NameStats* Lexicon::name_stats(std::string_view key) const {
    const auto it = m_names.find(std::string(key));
    return it == m_names.end() ? nullptr : &it->second;
}

const Lexicon& Lexicon::builtin() {
    static const Lexicon lexicon;
    return lexicon;
}

}  // namespace conflictmap::recognize
