#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "io/document.hpp"
#include "resolve/resolved_mention.hpp"

namespace conflictmap::io {

// Output formats of `geocode` (docs/cli.md): one JSON line per document,
// a GeoJSON FeatureCollection (a point per resolved mention, or per place
// with group_places), CSV (a row per mention), or an aligned table for
// people, or any vector format GDAL writes (a point per resolved mention).
enum class GeocodeFormat { Jsonl, GeoJson, Csv, Table, Ogr };

struct WriterOptions {
    GeocodeFormat format = GeocodeFormat::Jsonl;
    bool group_places = false;
    // Ogr: the GDAL driver ("GPKG", "ESRI Shapefile", "FlatGeobuf") and the
    // file to create (written by GDAL itself, renamed into place at the end).
    std::string driver;
    std::string path;
};

class GeocodeWriter {
public:
    using Sink = std::function<void(std::string_view)>;
    virtual ~GeocodeWriter() = default;
    virtual void write(const Document& doc, const std::vector<resolve::ResolvedMention>& mentions) = 0;
    virtual void finish() {}

    // Formats whose output for one document depends on that document alone
    // (JSONL, CSV, table) can be formatted on worker threads: format() then
    // gives the text that write() would send, and emit() sends it.
    virtual bool per_document() const { return false; }
    virtual std::string format(const Document& doc,
                               const std::vector<resolve::ResolvedMention>& mentions) const;
    virtual void emit(std::string_view text);

    static std::unique_ptr<GeocodeWriter> create(const WriterOptions& options, Sink sink);
};

}  // namespace conflictmap::io
