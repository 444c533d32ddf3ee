// `conflictmap events`: conflict events coded the ACLED way, as JSON lines
// (the geocode line plus "events"), GeoJSON, CSV with ACLED's columns, or a table.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "events/event_extractor.hpp"
#include "gazetteer/data_locator.hpp"
#include "gazetteer/gazetteer.hpp"
#include "io/atomic_file.hpp"
#include "io/document_reader.hpp"
#include "geo/vector_writer.hpp"
#include "io/event_writer.hpp"
#include "resolve/geocoder.hpp"

namespace conflictmap::cli {

namespace {

struct EventsArgs {
    std::vector<std::string> files;
    std::string input_format = "text";
    std::string format = "jsonl";
    std::string output = "-";
    bool spans = false;
    bool no_demonyms = false;
    bool skip_bad = false;
    std::string on_bad_utf8 = "fail";
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
};

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
    const io::ReaderOptions ro = reader_options(a.input_format, a.on_bad_utf8, a.skip_bad, a.spans);

    const gazetteer::Gazetteer gaz(gazetteer::locate_index(common.gazetteer));
    io::DocumentReader reader(a.files, ro);

    resolve::GeocodeOptions go;
    go.demonyms = !a.no_demonyms;
    go.spans_only = a.spans;
    const unsigned threads = std::max(1u, a.threads);
    std::vector<std::unique_ptr<Worker>> workers;
    for (unsigned t = 0; t < threads; ++t) workers.push_back(std::make_unique<Worker>(gaz, go));

    const bool ours = a.format == "jsonl" || a.format == "geojson" || a.format == "csv" || a.format == "table";
    if (!ours) {
        if (!geo::VectorWriter::can_write(a.format))
            throw UsageError("--format " + a.format +
                             ": not jsonl, geojson, csv, table, nor a GDAL vector driver that can write "
                             "(GPKG, \"ESRI Shapefile\", FlatGeobuf, KML ...; `ogrinfo --formats` lists them)");
        if (a.output == "-") throw UsageError("--format " + a.format + " writes a file: give -o FILE");
    }
    const io::EventFormat format = a.format == "geojson" ? io::EventFormat::GeoJson
                                   : a.format == "csv"   ? io::EventFormat::Csv
                                   : a.format == "table" ? io::EventFormat::Table
                                                         : io::EventFormat::Jsonl;
    std::unique_ptr<io::AtomicFile> file;
    io::EventWriter::Sink sink;
    if (!ours) {
        sink = [](std::string_view) {};
    } else if (a.output == "-") {
        sink = [](std::string_view s) {
            if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size())
                throw IoError("standard output", "write to", errno);
        };
    } else {
        file = std::make_unique<io::AtomicFile>(a.output);
        sink = [&file](std::string_view s) { file->write(s); };
    }
    const events::EventExtractor& names = workers.front()->extractor;
    auto country_name = [&names](std::string_view cc) { return names.country_name(cc); };
    auto writer = ours ? io::EventWriter::create(format, sink, country_name)
                       : io::EventWriter::create_ogr(a.format, a.output, country_name);

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
    if (file) file->commit();
    if (reader.skipped() > 0 && !common.quiet)
        std::cerr << "conflictmap: skipped " << reader.skipped() << " bad document(s)\n";
}

}  // namespace

void register_events_command(CLI::App& app, CommonOptions& common) {
    auto a = std::make_shared<EventsArgs>();
    CLI::App* g = app.add_subcommand(
        "events", "code the conflict events of articles the ACLED way: type, actors, date, fatalities, place");
    g->add_option("FILE", a->files, "articles: plain text, one per file, or JSON lines with "
                                    "--input-format jsonl; - or none for standard input");
    g->add_option("--input-format", a->input_format,
                  "text or jsonl ({\"id\", \"text\", \"date\": publication date YYYY-MM-DD})")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "jsonl"}));
    g->add_option("-f,--format", a->format,
                  "output: jsonl (geocode line + \"events\"), geojson (a point per event), csv (ACLED "
                  "columns), table (for people), or a GDAL vector driver with -o (GPKG, \"ESRI Shapefile\" ...)")
        ->capture_default_str();
    g->add_option("-o,--output", a->output, "output file, written atomically; - for standard output")
        ->capture_default_str();
    g->add_flag("--spans", a->spans,
                "resolve only the spans each JSONL document gives in \"toponyms\": [{start, end}]");
    g->add_flag("--no-demonyms", a->no_demonyms, "do not report demonyms (\"Azerbaijani\") as places");
    g->add_flag("--skip-bad", a->skip_bad, "go on past broken JSON lines, counting them");
    g->add_option("--on-bad-utf8", a->on_bad_utf8, "invalid UTF-8 in a document: fail, replace or skip")
        ->capture_default_str()
        ->check(CLI::IsMember({"fail", "replace", "skip"}));
    g->add_option("--threads", a->threads, "worker threads (output keeps input order)")->capture_default_str();
    g->callback([a, &common] { run(*a, common); });
}

}  // namespace conflictmap::cli
