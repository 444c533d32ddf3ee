#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "gazetteer/place.hpp"

namespace conflictmap::geo {

// One feature of a vector file, reduced to what the gazetteer needs: its
// attributes as strings (field names lower-cased) and, in WGS 84, a
// representative point (the point itself, or a point on the surface of a
// polygon) and a bounding box for anything bigger than a point.
struct VectorFeature {
    std::int64_t fid = 0;
    std::map<std::string, std::string> fields;
    bool has_point = false;
    double lat = 0;
    double lon = 0;
    gazetteer::BoundingBox bbox;

    // The first non-empty value among `names` (lower-case field names).
    std::string field(std::initializer_list<const char*> names) const;
};

// Reads every feature of every layer of a file GDAL/OGR can open (GeoJSON,
// GeoPackage, Shapefile, KML, CSV ...), reprojected to WGS 84 when the layer
// has another CRS. Throws DataError naming the file when GDAL cannot read it.
// GDAL handles live only inside the call (this is the only home of them in
// the gazetteer code).
// `surface_points` false skips the point-on-surface computation (a GEOS call
// per polygon) for sources that carry their own label point.
void read_vector_features(const std::string& path,
                          const std::function<void(const VectorFeature&)>& visit,
                          bool surface_points = true);

// Longitude extent of a set of [west, east] intervals on the circle: the
// smallest arc covering them all, so Russia or Fiji get west > east rather
// than a box around the whole world.
std::pair<double, double> covering_arc(std::vector<std::pair<double, double>> intervals);

}  // namespace conflictmap::geo
