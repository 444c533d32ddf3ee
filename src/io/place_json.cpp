#include "io/place_json.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace conflictmap::io {

namespace {

using nlohmann::json;

json opt(std::string_view s) { return s.empty() ? json(nullptr) : json(std::string(s)); }

}  // namespace

// Rounds through the reciprocal so JSON shows 0.944, not 0.9440000000000001.
double round_to(double v, double unit) {
    const double scale = std::round(1.0 / unit);
    return std::round(v * scale) / scale;
}

json place_json(const gazetteer::PlaceView& p) {
    json j;
    j["name"] = std::string(p.name);
    j["lat"] = round_to(p.lat, 1e-5);
    j["lon"] = round_to(p.lon, 1e-5);
    j["geonameid"] = p.geonameid() ? json(*p.geonameid()) : json(nullptr);
    j["id"] = p.id;
    j["feature_class"] = p.feature_class ? json(std::string(1, p.feature_class)) : json(nullptr);
    j["feature_code"] = opt(p.feature_code);
    j["country_code"] = opt(p.country_code);
    j["admin1"] = opt(p.admin1_name);
    j["admin1_code"] = opt(p.admin1_code);
    j["admin2"] = opt(p.admin2_name);
    j["population"] = p.population;
    return j;
}

json mention_json(const Document& doc, const resolve::ResolvedMention& r) {
    const auto& m = r.mention;
    json j = {{"start", m.cp_begin},
              {"end", m.cp_end},
              {"text", doc.text.substr(m.begin, m.end - m.begin)},
              {"kind", m.demonym ? "demonym" : "toponym"}};
    if (!r.place) {
        j["name"] = nullptr;
        j["lat"] = nullptr;
        j["lon"] = nullptr;
        j["score"] = 0;
        return j;
    }
    j.update(place_json(*r.place));
    j["score"] = round_to(r.score, 1e-3);
    j["resolution"] = r.resolution;
    j["match"] = gazetteer::to_string(r.match);
    return j;
}

json countries_json(const std::vector<resolve::ResolvedMention>& mentions) {
    std::map<std::string, int> counts;
    for (const auto& r : mentions)
        if (r.place && !r.place->country_code.empty()) counts[std::string(r.place->country_code)]++;
    std::vector<std::pair<std::string, int>> v(counts.begin(), counts.end());
    std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
    json out = json::array();
    for (auto& [cc, n] : v) out.push_back({{"country_code", cc}, {"count", n}});
    return out;
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_scalar(const json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

}  // namespace conflictmap::io
