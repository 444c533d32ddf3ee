#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gazetteer/place.hpp"

namespace conflictmap::gazetteer::sources {

// A country as the npm country packages describe it, before it becomes a Place.
struct CountryRecord {
    std::string iso2;
    std::string name;                // common English name
    std::vector<PlaceName> names;    // official, alternate spellings, other languages
    std::vector<std::string> demonyms;
    double lat = 0;
    double lon = 0;
    std::uint64_t population = 0;
    std::string feature_code = "PCLI";  // PCLD for dependencies
};

// world-countries@5 countries.json: names, alternate spellings, translations,
// English demonyms, coordinates.
std::vector<CountryRecord> read_world_countries(const std::string& path);

// @countrystatecity/countries dist/data/countries.json: nationality variants
// ("Azerbaijani, Azeri"), population, native name, translations. Merged by ISO code.
void merge_countrystatecity(const std::string& path, std::vector<CountryRecord>& countries);

// i18n-iso-countries langs/*.json: country names in ~80 languages.
void merge_i18n_iso_countries(const std::string& langs_dir, std::vector<CountryRecord>& countries);

// Adds plural forms a news text uses for people ("Armenians", "Azerbaijanis").
std::vector<std::string> with_plurals(const std::vector<std::string>& demonyms);

}  // namespace conflictmap::gazetteer::sources
