#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "gazetteer/place_table.hpp"

namespace conflictmap::gazetteer::sources {

// Readers of GeoNames' dump files (download.geonames.org/export/dump), the
// format of both the embedded cities500 table and the full dumps a user
// downloads. Every malformed line is a DataError with file and line.

struct GeoNamesFilter {
    std::string classes;              // feature classes to keep, e.g. "APHLT"; empty = all
    std::uint64_t min_population = 0; // populated places (class P) below it are skipped
};

// The geoname table (allCountries.txt, cities500.txt, XX.txt): 19 columns.
// Returns the number of places added.
std::size_t read_geoname_table(const std::string& path, PlaceTable& table,
                               const GeoNamesFilter& filter);

// admin1CodesASCII.txt / admin2Codes.txt: code, name, ascii name, geonameid.
// Returns code ("US.GA", "US.TX.277") -> name.
std::unordered_map<std::string, std::string> read_admin_codes(const std::string& path);

struct CountryInfo {
    std::string iso2;
    std::string iso3;
    std::string name;
    std::string capital;
    double area_km2 = 0;
    std::uint64_t population = 0;
    std::string continent;
    std::int64_t geonameid = 0;
};

// countryInfo.txt ('#' comment lines, then 19 columns).
std::vector<CountryInfo> read_country_info(const std::string& path);

// alternateNamesV2.txt (or alternateNames.txt): adds names to places already
// in the table; links, postal codes and airport/station codes are skipped,
// `abbr` rows become abbreviations and historic rows historic names.
// Returns the number of names added.
std::size_t read_alternate_names(const std::string& path, PlaceTable& table);

}  // namespace conflictmap::gazetteer::sources
