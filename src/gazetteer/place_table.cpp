#include "gazetteer/place_table.hpp"

#include <unicode/utf8.h>

#include "core/error.hpp"
#include "gazetteer/detail/index_format.hpp"

namespace conflictmap::gazetteer {

const char* to_string(MatchKind kind) {
    switch (kind) {
        case MatchKind::Name: return "name";
        case MatchKind::Abbreviation: return "abbreviation";
        case MatchKind::Demonym: return "demonym";
        case MatchKind::Alternate: return "alternate";
        case MatchKind::Transliteration: return "transliteration";
        case MatchKind::Historic: return "historic";
        case MatchKind::Partial: return "partial";
        case MatchKind::Context: return "context";
    }
    return "unknown";
}

const char* to_string(Source source) {
    switch (source) {
        case Source::GeoNames: return "geonames";
        case Source::NaturalEarth: return "naturalearth";
        case Source::Countries: return "countries";
        case Source::Curated: return "curated";
        case Source::Derived: return "derived";
        case Source::User: return "user";
    }
    return "unknown";
}

MatchKind classify_name(std::string_view name) {
    std::size_t letters = 0;
    bool caps_only = name.size() <= 6;
    for (const char ch : name) {
        if (ch >= 'A' && ch <= 'Z') {
            ++letters;
        } else if (ch != '.') {
            caps_only = false;
            break;
        }
    }
    if (caps_only && letters >= 2) return MatchKind::Abbreviation;
    const auto* p = reinterpret_cast<const uint8_t*>(name.data());
    const auto n = static_cast<int32_t>(name.size());
    int32_t i = 0;
    while (i < n) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        // Basic Latin to Latin Extended-B, IPA, combining marks, Latin Extended Additional,
        // general punctuation: still Latin script.
        const bool latin = (c >= 0 && c < 0x0370) || (c >= 0x1E00 && c <= 0x1EFF) ||
                           (c >= 0x2000 && c <= 0x206F);
        if (!latin) return MatchKind::Transliteration;
    }
    return MatchKind::Alternate;
}

void Place::add_name(std::string text, MatchKind kind, bool force) {
    if (text.empty() || text == name) return;
    for (auto& n : names) {
        if (n.text == text) {
            if (kind < n.kind || force) n.kind = kind;
            return;
        }
    }
    names.push_back({std::move(text), kind});
}

Place& PlaceTable::add(Place place, bool replace) {
    const auto it = m_by_id.find(place.id);
    if (it != m_by_id.end()) {
        if (!replace) {
            throw Error("two places share id " + std::to_string(place.id) + ": '" +
                        m_places[it->second].name + "' and '" + place.name + "'");
        }
        m_places[it->second] = std::move(place);
        return m_places[it->second];
    }
    m_by_id.emplace(place.id, m_places.size());
    m_places.push_back(std::move(place));
    return m_places.back();
}

Place* PlaceTable::find(std::int64_t id) {
    const auto it = m_by_id.find(id);
    return it == m_by_id.end() ? nullptr : &m_places[it->second];
}

const Place* PlaceTable::find(std::int64_t id) const {
    const auto it = m_by_id.find(id);
    return it == m_by_id.end() ? nullptr : &m_places[it->second];
}

std::int64_t PlaceTable::own_id(std::string_view namespace_key) {
    // 10^9 slots above kOwnIdBase; on the rare collision, probe to the next.
    const std::uint64_t h = detail::hash_key(namespace_key.data(), namespace_key.size());
    std::int64_t id = kOwnIdBase + static_cast<std::int64_t>(h % 1'000'000'000ull);
    while (m_by_id.count(id)) ++id;
    return id;
}

}  // namespace conflictmap::gazetteer
