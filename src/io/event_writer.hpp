#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "events/event.hpp"
#include "io/document.hpp"
#include "resolve/resolved_mention.hpp"

namespace conflictmap::io {

// Output formats of `events` (docs/cli.md): the geocode JSON line with
// "events" added, a GeoJSON FeatureCollection (a point per located event),
// CSV with ACLED's columns (a row per event), or a table for people.
enum class EventFormat { Jsonl, GeoJson, Csv, Table };

// The JSON of one event (INTERFACES.md, "Event").
nlohmann::json event_json(const events::Event& event);

class EventWriter {
public:
    using Sink = std::function<void(std::string_view)>;
    virtual ~EventWriter() = default;
    virtual void write(const Document& doc, const std::vector<resolve::ResolvedMention>& mentions,
                       const std::vector<events::Event>& events) = 0;
    virtual void finish() {}

    // `country_name` turns a country code into the name CSV prints.
    static std::unique_ptr<EventWriter> create(EventFormat format, Sink sink,
                                               std::function<std::string(std::string_view)> country_name);
    // Any vector format GDAL writes ("GPKG", "ESRI Shapefile", "FlatGeobuf"):
    // a point per located event with ACLED's columns, written to `path`.
    static std::unique_ptr<EventWriter> create_ogr(const std::string& driver, const std::string& path,
                                                   std::function<std::string(std::string_view)> country_name);
};

}  // namespace conflictmap::io
