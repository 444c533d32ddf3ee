#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace conflictmap::geo {

// A rectangle in longitude/latitude (west may exceed east across 180°).
struct LonLatBox {
    double west = -180, south = -90, east = 180, north = 90;
};

// One geometry of a vector layer, in WGS 84 longitude/latitude, flattened
// for drawing: `xy` holds every vertex (x0, y0, x1, y1, ...), `parts` the
// vertex count of each ring or line. Polygons keep their rings (outer then
// holes; multipolygons one after another), so a non-zero or even-odd fill
// draws the holes.
struct Shape {
    enum class Kind { Point, Line, Polygon } kind = Kind::Polygon;
    std::int64_t fid = 0;  // the feature's id in its layer
    std::vector<double> xy;
    std::vector<std::uint32_t> parts;
    std::map<std::string, std::string> fields;  // only the fields asked for, lower-case names

    std::string field(const std::string& name) const {
        const auto it = fields.find(name);
        return it == fields.end() ? std::string() : it->second;
    }
};

struct LayerQuery {
    std::string layer;  // empty: the first layer
    // Only features whose envelope meets this box; a box across 180° (west >
    // east) is read as its two halves.
    std::optional<LonLatBox> filter;
    std::vector<std::string> fields;  // attributes to keep (lower-case); empty: none
};

// Registers GDAL's drivers once per process. GDALAllRegister itself is not
// thread-safe (two threads registering at once free the same driver twice,
// which AddressSanitizer caught when the basemap loaded on two threads), so
// every GDAL user here goes through this (std::call_once).
void register_gdal();

// Reads the geometries of one layer of a file GDAL/OGR opens (FlatGeobuf,
// GeoJSON, TopoJSON, GeoPackage, Shapefile ...), reprojected to WGS 84 when
// the layer says it is in another CRS. A spatial filter uses the format's
// index when it has one (FlatGeobuf, GeoPackage), which is what makes the
// prepared basemap fast. Throws DataError naming the file when GDAL cannot
// read it, MissingDataError when it does not exist.
// GDAL handles live only inside the call.
std::vector<Shape> read_shapes(const std::string& path, const LayerQuery& query);

}  // namespace conflictmap::geo
