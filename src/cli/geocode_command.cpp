// `conflictmap geocode`: places in articles, as JSON lines, GeoJSON, CSV or a table.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "cli/document_options.hpp"
#include "core/error.hpp"
#include "gazetteer/data_locator.hpp"
#include "gazetteer/gazetteer.hpp"
#include "io/document_reader.hpp"
#include "io/geocode_writer.hpp"
#include "resolve/geocoder.hpp"

namespace conflictmap::cli {

namespace {

struct GeocodeArgs : DocumentOptions {
    std::string group;
};

// Documents are geocoded in batches on `threads` threads and written in
// input order; a batch bounds memory however large the input (at most this
// many documents or bytes of text in flight).
constexpr std::size_t kBatchDocs = 512;
constexpr std::size_t kBatchBytes = 16u << 20;

void run(const GeocodeArgs& a, const CommonOptions& common) {
    const io::ReaderOptions ro = reader_options(a);

    const gazetteer::Gazetteer gaz(gazetteer::locate_index(common.gazetteer));
    io::DocumentReader reader(a.files, ro);

    io::WriterOptions wo;
    const bool gdal = gdal_output(a, {"jsonl", "geojson", "csv", "table"});
    wo.format = gdal                  ? io::GeocodeFormat::Ogr
                : a.format == "geojson" ? io::GeocodeFormat::GeoJson
                : a.format == "csv"   ? io::GeocodeFormat::Csv
                : a.format == "table" ? io::GeocodeFormat::Table
                                      : io::GeocodeFormat::Jsonl;
    wo.group_places = a.group == "places";
    wo.driver = a.format;
    wo.path = a.output;
    Output output(a.output, gdal);
    auto writer = io::GeocodeWriter::create(wo, output.sink());

    std::unique_ptr<recognize::ToponymTagger> tagger;
    const resolve::GeocodeOptions go = geocode_options(a, gaz, common, tagger);
    const unsigned threads = std::max(1u, a.threads);
    std::vector<std::unique_ptr<resolve::Geocoder>> geocoders;
    for (unsigned t = 0; t < threads; ++t)
        geocoders.push_back(std::make_unique<resolve::Geocoder>(gaz, go));

    const bool show_progress = !common.quiet && ::isatty(STDERR_FILENO);
    const bool jsonl = ro.format == io::InputFormat::Jsonl;
    const bool per_document = writer->per_document();
    // One slot per document of a batch. Workers parse JSON lines, geocode and
    // (for per-document formats) format; the main thread only reads lines
    // and writes results, in input order, so both cores do real work.
    struct Slot {
        io::DocumentReader::RawLine raw;
        std::optional<io::Document> doc;
        std::vector<resolve::ResolvedMention> result;
        std::string text;
        std::exception_ptr error;
    };
    std::size_t done = 0, skipped = 0;
    std::vector<Slot> batch;
    bool more = true;
    while (more) {
        batch.clear();
        std::size_t bytes = 0;
        while (batch.size() < kBatchDocs && bytes < kBatchBytes) {
            Slot slot;
            if (jsonl) {
                if (!(more = reader.next_line(slot.raw))) break;
                bytes += slot.raw.text.size();
            } else {
                io::Document doc;
                if (!(more = reader.next(doc))) break;
                bytes += doc.text.size();
                slot.doc = std::move(doc);
            }
            batch.push_back(std::move(slot));
        }
        if (batch.empty()) break;
        auto work = [&](unsigned t) {
            for (std::size_t i = t; i < batch.size(); i += threads) {
                Slot& s = batch[i];
                try {
                    if (jsonl) s.doc = reader.parse_line(s.raw);
                    if (!s.doc) continue;  // skipped
                    s.result = geocoders[t]->run(*s.doc);
                    if (per_document) {
                        s.text = writer->format(*s.doc, s.result);
                        std::vector<resolve::ResolvedMention>().swap(s.result);
                    }
                } catch (...) {
                    s.error = std::current_exception();
                }
            }
        };
        if (threads == 1 || batch.size() == 1) {
            work(0);
        } else {
            std::vector<std::thread> pool;
            for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
            for (auto& th : pool) th.join();
        }
        for (auto& s : batch) {
            if (s.error) std::rethrow_exception(s.error);  // everything before it is written
            if (!s.doc) {
                ++skipped;
                continue;
            }
            if (per_document) writer->emit(s.text);
            else writer->write(*s.doc, s.result);
        }
        done += batch.size();
        if (show_progress) std::fprintf(stderr, "\rgeocoded %zu documents", done);
    }
    writer->finish();
    if (show_progress) std::fprintf(stderr, "\n");
    output.commit();
    report_skipped(skipped + reader.skipped(), common);
}

}  // namespace

void register_geocode_command(CLI::App& app, CommonOptions& common) {
    auto a = std::make_shared<GeocodeArgs>();
    CLI::App* g = app.add_subcommand(
        "geocode", "find the places articles mention and resolve them to coordinates");
    add_document_options(*g, *a, "text or jsonl ({\"id\", \"text\", \"date\"})",
                         "output: jsonl, geojson, csv, table (for people), or a GDAL vector driver with -o "
                         "(GPKG, \"ESRI Shapefile\", FlatGeobuf, KML ...)");
    g->add_option("--group", a->group, "geojson: one feature per distinct place (places)")
        ->check(CLI::IsMember({"places"}));
    g->callback([a, &common] { run(*a, common); });
}

}  // namespace conflictmap::cli
