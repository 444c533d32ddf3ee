#pragma once

#include <string>

#include "gazetteer/place_table.hpp"

namespace conflictmap::gazetteer::sources {

// Adds a user's own places (docs/data.md, "Your own places"): a TSV with a
// header (name, lat, lon required; alternate_names, id, feature_class,
// feature_code, country_code, admin1, population optional), or any vector
// file GDAL/OGR reads, whose features' `name` and `alternate_names` (or
// `alt_names`) fields are used and whose points or polygons give the
// location and extent. A row whose id is a GeoNames id replaces that place;
// every user place ranks first among the places sharing one of its names.
std::size_t read_user_places(const std::string& path, PlaceTable& table);

}  // namespace conflictmap::gazetteer::sources
