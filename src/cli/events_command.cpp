// `conflictmap events`: conflict events coded the ACLED way, as JSON lines
// (the geocode line plus "events"), GeoJSON, CSV with ACLED's columns, or a table.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "cli/document_options.hpp"
#include "core/error.hpp"
#include "events/event_extractor.hpp"
#include "gazetteer/data_locator.hpp"
#include "gazetteer/gazetteer.hpp"
#include "io/document_reader.hpp"
#include "io/event_writer.hpp"
#include "resolve/geocoder.hpp"

namespace conflictmap::cli {

namespace {

struct EventsArgs : DocumentOptions {};

// As geocode: batches bound memory, output keeps input order.
constexpr std::size_t kBatchDocs = 512;
constexpr std::size_t kBatchBytes = 16u << 20;

struct Result {
    std::vector<resolve::ResolvedMention> mentions;
    std::vector<events::Event> events;
};

// One thread's geocoder and event extractor.
struct Worker {
    Worker(const gazetteer::Gazetteer& gaz, const resolve::GeocodeOptions& go)
        : geocoder(gaz, go), extractor(gaz) {}
    resolve::Geocoder geocoder;
    events::EventExtractor extractor;
};

void run(const EventsArgs& a, const CommonOptions& common) {
    io::ReaderOptions ro = reader_options(a);
    ro.want_date = true;  // relative dates resolve against "date": a malformed one is bad input

    const gazetteer::Gazetteer gaz(gazetteer::locate_index(common.gazetteer));
    io::DocumentReader reader(a.files, ro);

    std::unique_ptr<recognize::ToponymTagger> tagger;
    const resolve::GeocodeOptions go = geocode_options(a, gaz, common, tagger);
    const unsigned threads = std::max(1u, a.threads);
    std::vector<std::unique_ptr<Worker>> workers;
    for (unsigned t = 0; t < threads; ++t) workers.push_back(std::make_unique<Worker>(gaz, go));

    const bool gdal = gdal_output(a, {"jsonl", "geojson", "csv", "table"});
    const io::EventFormat format = a.format == "geojson" ? io::EventFormat::GeoJson
                                   : a.format == "csv"   ? io::EventFormat::Csv
                                   : a.format == "table" ? io::EventFormat::Table
                                                         : io::EventFormat::Jsonl;
    Output output(a.output, gdal);
    const events::EventExtractor& names = workers.front()->extractor;
    auto country_name = [&names](std::string_view cc) { return names.country_name(cc); };
    auto writer = gdal ? io::EventWriter::create_ogr(a.format, a.output, country_name)
                       : io::EventWriter::create(format, output.sink(), country_name);

    const bool show_progress = !common.quiet && ::isatty(STDERR_FILENO);
    std::size_t done = 0, found = 0;
    std::vector<io::Document> batch;
    std::vector<Result> results;
    bool more = true;
    while (more) {
        batch.clear();
        std::size_t bytes = 0;
        io::Document doc;
        while (batch.size() < kBatchDocs && bytes < kBatchBytes && (more = reader.next(doc))) {
            bytes += doc.text.size();
            batch.push_back(std::move(doc));
        }
        if (batch.empty()) break;
        results.assign(batch.size(), {});
        std::vector<std::exception_ptr> errors(threads);
        auto work = [&](unsigned t) {
            try {
                for (std::size_t i = t; i < batch.size(); i += threads) {
                    results[i].mentions = workers[t]->geocoder.run(batch[i]);
                    results[i].events = workers[t]->extractor.run(batch[i], results[i].mentions);
                }
            } catch (...) {
                errors[t] = std::current_exception();
            }
        };
        if (threads == 1 || batch.size() == 1) {
            work(0);
        } else {
            std::vector<std::thread> pool;
            for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work, t);
            for (auto& th : pool) th.join();
        }
        for (auto& e : errors)
            if (e) std::rethrow_exception(e);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            writer->write(batch[i], results[i].mentions, results[i].events);
            found += results[i].events.size();
        }
        done += batch.size();
        if (show_progress) std::fprintf(stderr, "\r%zu documents, %zu events", done, found);
    }
    writer->finish();
    if (show_progress) std::fprintf(stderr, "\n");
    output.commit();
    report_skipped(reader.skipped(), common);
}

}  // namespace

void register_events_command(CLI::App& app, CommonOptions& common) {
    auto a = std::make_shared<EventsArgs>();
    CLI::App* g = app.add_subcommand(
        "events", "code the conflict events of articles the ACLED way: type, actors, date, fatalities, place");
    add_document_options(*g, *a, "text or jsonl ({\"id\", \"text\", \"date\": publication date YYYY-MM-DD})",
                         "output: jsonl (geocode line + \"events\"), geojson (a point per event), csv (ACLED "
                         "columns), table (for people), or a GDAL vector driver with -o (GPKG, \"ESRI Shapefile\" ...)");
    g->callback([a, &common] { run(*a, common); });
}

}  // namespace conflictmap::cli
