#include "recognize/lexicon.hpp"

#include "lexicon_data.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::recognize {

namespace {

void load(std::string_view text, std::unordered_set<std::string>& out) {
    text::Normalizer n;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        const std::string_view line = text.substr(0, nl);
        if (!line.empty() && line[0] != '#') {
            std::string key = n.key(line);
            if (!key.empty()) out.insert(std::move(key));
        }
        if (nl == std::string_view::npos) break;
        text.remove_prefix(nl + 1);
    }
}

}  // namespace

Lexicon::Lexicon() {
    load(lexicon_data::kCommonWords, m_common);
    load(lexicon_data::kNotToponyms, m_not_toponyms);
    load(lexicon_data::kTitles, m_titles);
}

const Lexicon& Lexicon::builtin() {
    static const Lexicon lexicon;
    return lexicon;
}

}  // namespace conflictmap::recognize
