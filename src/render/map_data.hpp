#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace conflictmap::gazetteer {
class Gazetteer;
}

namespace conflictmap::render {

// What a feature of the input is drawn as.
enum class FeatureKind {
    Place,    // a dot sized by its mentions (cities, villages, districts)
    Event,    // a dot coloured by its event type
    Region,   // a province or region: its name over the area, no dot
    Water,    // a river, lake or sea: its name in italics
    Country,  // a country: its polygon is highlighted, no dot
};

struct MapFeature {
    FeatureKind kind = FeatureKind::Place;
    double lon = 0;
    double lat = 0;
    std::string name;        // the label (the article's spelling when it has one)
    std::string event_type;  // ACLED type for events
    std::string country_code;
    int count = 1;        // mentions (places) or events at this point
    std::int64_t id = 0;  // gazetteer id when known, 0 otherwise
};

// Everything the inputs give the map.
struct MapData {
    std::vector<MapFeature> features;
    std::vector<std::string> titles;  // document titles (or ids), in order
    std::vector<std::string> files;   // vector files read (their names, for the source line)
    std::vector<std::string> dates;   // document dates, YYYY-MM-DD, sorted, unique
    std::set<std::string> countries;  // ISO alpha-2 codes of mentioned countries
    bool used_gazetteer = false;      // GeoNames places are on the map
    std::size_t documents = 0;
};

struct InputOptions {
    // "auto" (by extension and content), "text", "jsonl", or "vector" (OGR).
    std::string format = "auto";
};

// Reads the map's inputs (docs/cli.md, `map`):
//  - articles, plain text or JSON lines {"id", "text", ...}: geocoded here;
//  - geocode or events output: JSON lines with "toponyms" / "events", or
//    GeoJSON (one point per mention or per place);
//  - any vector file GDAL/OGR reads (GeoPackage, Shapefile, GeoJSON, CSV
//    with lon/lat columns): a point with `event_type` is an event, one with a
//    name a place; `count` or `mentions` sizes it.
// Mentions of the same place are merged (count = mentions). "-" is standard
// input (text or JSON lines). `gazetteer` is called only when an article
// needs geocoding (it may throw MissingDataError).
MapData load_map_data(const std::vector<std::string>& inputs, const InputOptions& options,
                      const std::function<const gazetteer::Gazetteer&()>& gazetteer);

}  // namespace conflictmap::render
