#include "gazetteer/spelling.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace conflictmap::gazetteer {

std::span<const detail::PostingRecord> find_article_variant(const Gazetteer& gazetteer, const std::string& key) {
    static constexpr std::string_view kArticles[] = {"al", "el", "as", "ash", "ad", "ar", "at", "an", "az",
                                                     "ez", "es", "esh", "ed", "ul", "ed"};
    auto is_article = [](std::string_view w) {
        for (const auto a : kArticles)
            if (w == a) return true;
        return false;
    };
    // Word boundaries of the key.
    std::vector<std::pair<std::size_t, std::size_t>> words;
    for (std::size_t i = 0; i < key.size();) {
        const std::size_t e = std::min(key.find(' ', i), key.size());
        words.emplace_back(i, e);
        i = e + 1;
    }
    if (words.size() < 2) return {};
    for (const auto& [b, e] : words) {
        const std::string_view w(key.data() + b, e - b);
        if (!is_article(w)) continue;
        for (const auto other : kArticles) {
            if (other == w) continue;
            std::string v = key.substr(0, b);
            v.append(other);
            v.append(key, e, std::string::npos);
            if (auto p = gazetteer.find_key(v); !p.empty()) return p;
        }
    }
    return {};
}

std::span<const detail::PostingRecord> find_spelling_variant(const Gazetteer& gazetteer, const std::string& key) {
    // English renders one name many ways: "Rajouri" / "Rājauri", "Baramulla"
    // / "Bārāmūla", "Makhmour" / "Makhmur", "Al-Qamishli" / "Qamishli". One
    // rewrite at a time, first hit wins; only a name nothing else matched
    // gets here.
    static constexpr std::pair<std::string_view, std::string_view> kRewrites[] = {
        {"ou", "au"}, {"ou", "u"}, {"oo", "u"}, {"ee", "i"}, {"au", "ou"}, {"u", "ou"}, {"y", "i"},
        {"i", "y"}, {"kh", "k"}, {"dh", "d"}, {"q", "k"}, {"k", "q"}, {"e", "a"}, {"a", "e"}};
    if (key.size() < 4) return {};
    auto usable = [&](std::span<const detail::PostingRecord> p) {
        if (p.empty()) return false;
        const auto kind = static_cast<MatchKind>(p[0].kind);
        return kind == MatchKind::Name || kind == MatchKind::Alternate ||
               kind == MatchKind::Transliteration;
    };
    // Doubled letters written single ("Baramulla" -> "baramula").
    std::string v;
    for (const char c : key)
        if (v.empty() || v.back() != c || c == ' ') v.push_back(c);
    if (v != key)
        if (auto p = gazetteer.find_key(v); usable(p)) return p;
    // Without the Arabic article ("al qamishli" -> "qamishli") and with it.
    static constexpr std::string_view kArticles[] = {"al ", "el ", "as ", "ash ", "ad ", "ar ", "at ", "an ", "az "};
    for (const auto article : kArticles)
        if (key.starts_with(article))
            if (auto p = gazetteer.find_key(key.substr(article.size())); usable(p)) return p;
    for (const auto article : kArticles)
        if (auto p = gazetteer.find_key(std::string(article) + key); usable(p)) return p;
    // The article written another way, anywhere: "Jisr al-Shughur" /
    // "Jisr ash Shughur", "Al Sukhnah" / "As Sukhnah", "Deir el-Zor".
    if (auto p = find_article_variant(gazetteer, key); usable(p)) return p;
    for (const auto& [from, to] : kRewrites) {
        if (key.find(from) == std::string::npos) continue;
        v.clear();
        for (std::size_t i = 0; i < key.size();) {
            if (key.compare(i, from.size(), from) == 0) {
                v.append(to);
                i += from.size();
            } else {
                v.push_back(key[i++]);
            }
        }
        if (auto p = gazetteer.find_key(v); usable(p)) return p;
    }
    return {};
}

}  // namespace conflictmap::gazetteer
