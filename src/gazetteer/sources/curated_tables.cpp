#include "gazetteer/sources/curated_tables.hpp"

#include <charconv>

#include "core/error.hpp"
#include "gazetteer/feature_class.hpp"
#include "gazetteer/prior.hpp"
#include "io/tsv_table.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::gazetteer::sources {

namespace {

BoundingBox parse_bbox(const io::TsvTable& t, std::string_view s) {
    if (s.empty()) return {};
    double v[4];
    for (int i = 0; i < 4; ++i) {
        const std::size_t comma = s.find(',');
        const std::string_view part = s.substr(0, comma);
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v[i]);
        if (ec != std::errc() || ptr != part.data() + part.size())
            t.fail("bbox '" + std::string(s) + "' is not west,south,east,north");
        if ((comma == std::string_view::npos) != (i == 3))
            t.fail("bbox needs exactly four numbers: west,south,east,north");
        if (comma != std::string_view::npos) s.remove_prefix(comma + 1);
    }
    if (v[1] > v[3] || v[1] < -90 || v[3] > 90 || v[0] < -180 || v[2] > 180)
        t.fail("bbox out of range or south > north");
    return {v[0], v[1], v[2], v[3]};
}

void split_names(std::string_view s, char sep, Place& p) {
    while (!s.empty()) {
        const std::size_t pos = s.find(sep);
        std::string_view n = s.substr(0, pos);
        if (!n.empty()) p.add_name(std::string(n), classify_name(n));
        if (pos == std::string_view::npos) break;
        s.remove_prefix(pos + 1);
    }
}

// The most prominent place matching `accept`.
Place* best(PlaceTable& table, const auto& accept) {
    Place* out = nullptr;
    float best_prior = -1e9f;
    for (auto& p : table.places()) {
        if (!accept(p)) continue;
        const float pr = place_prior(p);
        if (pr > best_prior) {
            best_prior = pr;
            out = &p;
        }
    }
    return out;
}

}  // namespace

std::unordered_map<std::string, std::int64_t> read_curated_places(const std::string& path,
                                                                  PlaceTable& table) {
    io::TsvTable t(path);
    t.require({"key", "name", "alternate_names", "feature_class", "feature_code",
               "country_code", "lat", "lon", "bbox", "population"});
    std::unordered_map<std::string, std::int64_t> ids;
    while (t.next()) {
        Place p;
        const std::string key(t.get("key"));
        if (key.empty()) t.fail("empty key");
        p.name = std::string(t.get("name"));
        if (p.name.empty()) t.fail("empty name");
        split_names(t.get("alternate_names"), '|', p);
        const auto fc = t.get("feature_class");
        if (fc.size() != 1) t.fail("feature_class must be one letter");
        p.feature_class = fc[0];
        p.feature_code = std::string(t.get("feature_code"));
        p.country_code = std::string(t.get("country_code"));
        if (!p.country_code.empty() && p.country_code.size() != 2)
            t.fail("country_code must be ISO 3166-1 alpha-2");
        p.lat = t.number("lat", -90, 90);
        p.lon = t.number("lon", -180, 180);
        p.bbox = parse_bbox(t, t.get("bbox"));
        p.population = static_cast<std::uint64_t>(t.optional_number("population", 0, 1e10).value_or(0));
        p.source = Source::Curated;
        // A row naming its GeoNames feature keeps that id; when a full dump
        // already holds the feature, the row's names and extent join it.
        const auto geonameid = t.has("geonameid")
                                   ? t.optional_number("geonameid", 1, static_cast<double>(kOwnIdBase - 1))
                                   : std::nullopt;
        p.id = geonameid ? static_cast<std::int64_t>(*geonameid) : table.own_id("curated:" + key);
        if (!ids.emplace(key, p.id).second) t.fail("duplicate key '" + key + "'");
        if (Place* existing = geonameid ? table.find(p.id) : nullptr) {
            existing->add_name(p.name, MatchKind::Name);
            for (auto& n : p.names) existing->add_name(std::move(n.text), n.kind);
            if (!existing->bbox.valid()) existing->bbox = p.bbox;
            continue;
        }
        table.add(std::move(p));
    }
    return ids;
}

std::vector<NameLink> read_name_links(const std::string& path, const char* name_column) {
    io::TsvTable t(path);
    t.require({name_column, "target"});
    std::vector<NameLink> out;
    while (t.next()) {
        NameLink l{std::string(t.get(name_column)), std::string(t.get("target")), path,
                   t.line_number()};
        if (l.text.empty() || l.target.empty()) t.fail("empty name or target");
        out.push_back(std::move(l));
    }
    return out;
}

void apply_name_links(const std::vector<NameLink>& links, MatchKind kind, PlaceTable& table,
                      const std::unordered_map<std::string, std::int64_t>& curated_ids,
                      std::vector<std::string>& warnings) {
    text::Normalizer normalizer;
    for (const auto& l : links) {
        const std::size_t colon = l.target.find(':');
        const std::string type = l.target.substr(0, colon);
        const std::string rest = colon == std::string::npos ? "" : l.target.substr(colon + 1);
        Place* target = nullptr;
        if (type == "country" && rest.size() == 2) {
            target = best(table, [&](const Place& p) {
                return p.country_code == rest && is_country_code(p.feature_code);
            });
        } else if (type == "admin1" && rest.size() > 3 && rest[2] == '.') {
            const std::string cc = rest.substr(0, 2), code = rest.substr(3);
            target = best(table, [&](const Place& p) {
                return p.country_code == cc && p.feature_code == "ADM1" && p.admin1_code == code;
            });
        } else if (type == "curated") {
            if (const auto it = curated_ids.find(rest); it != curated_ids.end())
                target = table.find(it->second);
        } else if (type == "name" && rest.size() > 3 && rest[2] == ':') {
            // The name as written, or any Latin-script name of the place that
            // folds to the same key ("Chechnya" is the Chechen Republic's).
            const std::string cc = rest.substr(0, 2), name = rest.substr(3);
            const std::string key = normalizer.key(name);
            target = best(table, [&](const Place& p) {
                if (p.country_code != cc) return false;
                if (p.name == name || normalizer.key(p.name) == key) return true;
                for (const auto& n : p.names)
                    if (n.kind <= MatchKind::Alternate && normalizer.key(n.text) == key) return true;
                return false;
            });
        } else {
            throw DataError(l.file, l.line,
                            "target '" + l.target +
                                "' is not country:CC, admin1:CC.CODE, curated:KEY or name:CC:Name");
        }
        if (!target) {
            warnings.push_back(l.file + ":" + std::to_string(l.line) + ": target " + l.target +
                               " of '" + l.text + "' is not in this gazetteer");
            continue;
        }
        target->add_name(l.text, kind);
    }
}

}  // namespace conflictmap::gazetteer::sources
