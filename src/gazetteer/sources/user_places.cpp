#include "gazetteer/sources/user_places.hpp"

#include <charconv>
#include <filesystem>

#include "core/error.hpp"
#include "geo/ogr_source.hpp"
#include "io/tsv_table.hpp"

namespace conflictmap::gazetteer::sources {

namespace {

void add_names(Place& p, std::string_view s) {
    // '|' separates names; a list without '|' may use ';'.
    const char sep = s.find('|') != std::string_view::npos ? '|' : ';';
    while (!s.empty()) {
        const std::size_t pos = s.find(sep);
        std::string_view n = s.substr(0, pos);
        while (!n.empty() && n.front() == ' ') n.remove_prefix(1);
        while (!n.empty() && n.back() == ' ') n.remove_suffix(1);
        if (!n.empty()) p.add_name(std::string(n), classify_name(n));
        if (pos == std::string_view::npos) break;
        s.remove_prefix(pos + 1);
    }
}

// Numeric ids below kOwnIdBase are GeoNames ids; anything else is the user's
// own label, hashed into our id space (stable across rebuilds).
std::int64_t place_id(PlaceTable& table, const std::string& file, std::string_view id,
                      const std::string& fallback, bool& replaces) {
    replaces = false;
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), v);
    if (!id.empty() && ec == std::errc() && ptr == id.data() + id.size() && is_geonames_id(v)) {
        replaces = table.find(v) != nullptr;
        return v;
    }
    const std::string stem = std::filesystem::path(file).filename().string();
    return table.own_id("user:" + stem + ":" + (id.empty() ? fallback : std::string(id)));
}

void fill_defaults(Place& p, bool area) {
    if (!p.feature_class) {
        p.feature_class = area ? 'L' : 'P';
        if (p.feature_code.empty()) p.feature_code = area ? "AREA" : "PPL";
    }
    p.source = Source::User;
}

std::size_t read_tsv(const std::string& path, PlaceTable& table) {
    io::TsvTable t(path);
    t.require({"name", "lat", "lon"});
    std::size_t added = 0;
    while (t.next()) {
        Place p;
        p.name = std::string(t.get("name"));
        if (p.name.empty()) t.fail("empty name");
        p.lat = t.number("lat", -90, 90);
        p.lon = t.number("lon", -180, 180);
        add_names(p, t.get("alternate_names"));
        const auto fc = t.get("feature_class");
        if (fc.size() > 1) t.fail("feature_class must be one letter");
        if (!fc.empty()) p.feature_class = fc[0];
        p.feature_code = std::string(t.get("feature_code"));
        p.country_code = std::string(t.get("country_code"));
        if (!p.country_code.empty() && p.country_code.size() != 2)
            t.fail("country_code must be ISO 3166-1 alpha-2");
        p.admin1_code = std::string(t.get("admin1"));
        p.population = static_cast<std::uint64_t>(t.optional_number("population", 0, 1e10).value_or(0));
        fill_defaults(p, false);
        bool replaces = false;
        p.id = place_id(table, path, t.get("id"), p.name + "@" + std::to_string(t.line_number()),
                        replaces);
        table.add(std::move(p), replaces);
        ++added;
    }
    return added;
}

std::size_t read_vector(const std::string& path, PlaceTable& table) {
    std::size_t added = 0;
    geo::read_vector_features(path, [&](const geo::VectorFeature& f) {
        Place p;
        p.name = f.field({"name", "name_en", "title", "label"});
        if (p.name.empty())
            throw DataError(path, 0, "feature " + std::to_string(f.fid) + " has no name field");
        if (!f.has_point)
            throw DataError(path, 0, "feature " + std::to_string(f.fid) + " ('" + p.name +
                                         "') has no geometry");
        p.lat = f.lat;
        p.lon = f.lon;
        p.bbox = f.bbox;
        add_names(p, f.field({"alternate_names", "alt_names", "altnames", "aliases"}));
        const std::string fc = f.field({"feature_class"});
        if (fc.size() == 1) p.feature_class = fc[0];
        p.feature_code = f.field({"feature_code"});
        p.country_code = f.field({"country_code", "iso_a2"});
        if (p.country_code.size() != 2) p.country_code.clear();
        p.admin1_code = f.field({"admin1"});
        const std::string pop = f.field({"population"});
        std::from_chars(pop.data(), pop.data() + pop.size(), p.population);
        fill_defaults(p, f.bbox.valid());
        bool replaces = false;
        p.id = place_id(table, path, f.field({"id"}), p.name + "@" + std::to_string(f.fid), replaces);
        table.add(std::move(p), replaces);
        ++added;
    });
    return added;
}

}  // namespace

std::size_t read_user_places(const std::string& path, PlaceTable& table) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw MissingDataError("no such file: " + path);
    const std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".tsv" || ext == ".tab" || ext == ".txt") return read_tsv(path, table);
    return read_vector(path, table);
}

}  // namespace conflictmap::gazetteer::sources
