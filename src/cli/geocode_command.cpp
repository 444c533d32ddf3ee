// `conflictmap geocode`: places in articles, as JSON lines, GeoJSON, CSV or a table.

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "gazetteer/data_locator.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geo/vector_writer.hpp"
#include "io/atomic_file.hpp"
#include "io/document_reader.hpp"
#include "io/geocode_writer.hpp"
#include "recognize/toponym_tagger.hpp"
#include "resolve/geocoder.hpp"

namespace conflictmap::cli {

namespace {

struct GeocodeArgs {
    std::vector<std::string> files;
    std::string input_format = "text";
    std::string format = "jsonl";
    std::string output = "-";
    std::string group;
    bool spans = false;
    bool no_demonyms = false;
    std::optional<std::string> recognizer;
    bool no_recognizer = false;
    bool skip_bad = false;
    std::string on_bad_utf8 = "fail";
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
};

// Documents are geocoded in batches on `threads` threads and written in
// input order; a batch bounds memory however large the input (at most this
// many documents or bytes of text in flight).
constexpr std::size_t kBatchDocs = 512;
constexpr std::size_t kBatchBytes = 16u << 20;

void run(const GeocodeArgs& a, const CommonOptions& common) {
    const io::ReaderOptions ro = reader_options(a.input_format, a.on_bad_utf8, a.skip_bad, a.spans);

    const gazetteer::Gazetteer gaz(gazetteer::locate_index(common.gazetteer));
    io::DocumentReader reader(a.files, ro);

    io::WriterOptions wo;
    wo.format = a.format == "geojson" ? io::GeocodeFormat::GeoJson
                : a.format == "csv"   ? io::GeocodeFormat::Csv
                : a.format == "table" ? io::GeocodeFormat::Table
                : a.format == "jsonl" ? io::GeocodeFormat::Jsonl
                                      : io::GeocodeFormat::Ogr;
    wo.group_places = a.group == "places";
    if (wo.format == io::GeocodeFormat::Ogr) {
        if (!geo::VectorWriter::can_write(a.format))
            throw UsageError("--format " + a.format +
                             ": not jsonl, geojson, csv, table, nor a GDAL vector driver that can write "
                             "(GPKG, \"ESRI Shapefile\", FlatGeobuf, KML, GML, SQLite ...; `ogrinfo --formats` lists them)");
        if (a.output == "-") throw UsageError("--format " + a.format + " writes a file: give -o FILE");
        wo.driver = a.format;
        wo.path = a.output;
    }
    std::unique_ptr<io::AtomicFile> file;
    io::GeocodeWriter::Sink sink;
    if (wo.format == io::GeocodeFormat::Ogr) {
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
    auto writer = io::GeocodeWriter::create(wo, sink);

    resolve::GeocodeOptions go;
    go.demonyms = !a.no_demonyms;
    go.spans_only = a.spans;
    // The trained recognizer: found like the gazetteer (--recognizer, then
    // $CONFLICTMAP_RECOGNIZER, then the checkout's geodata/recognizer). Without
    // one, the gazetteer matcher works alone, and says so.
    std::unique_ptr<recognize::ToponymTagger> tagger;
    if (!a.no_recognizer) {
        try {
            tagger = std::make_unique<recognize::ToponymTagger>(
                recognize::ToponymTagger::load(recognize::locate_recognizer(a.recognizer), &gaz));
        } catch (const MissingDataError& e) {
            if (a.recognizer) throw;
            if (!common.quiet)
                std::cerr << "conflictmap: warning: no recognizer model, geocoding with the gazetteer alone "
                             "(--no-recognizer silences this): "
                          << e.what() << '\n';
        }
    }
    go.tagger = tagger.get();
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
    if (file) file->commit();
    skipped += reader.skipped();
    if (skipped > 0 && !common.quiet) std::cerr << "conflictmap: skipped " << skipped << " bad document(s)\n";
}

}  // namespace

void register_geocode_command(CLI::App& app, CommonOptions& common) {
    auto a = std::make_shared<GeocodeArgs>();
    CLI::App* g = app.add_subcommand(
        "geocode", "find the places articles mention and resolve them to coordinates");
    g->add_option("FILE", a->files, "articles: plain text, one per file, or JSON lines with "
                                    "--input-format jsonl; - or none for standard input");
    g->add_option("--input-format", a->input_format, "text or jsonl ({\"id\", \"text\", \"date\"})")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "jsonl"}));
    g->add_option("-f,--format", a->format,
                  "output: jsonl, geojson, csv, table (for people), or a GDAL vector driver with -o "
                  "(GPKG, \"ESRI Shapefile\", FlatGeobuf, KML ...)")
        ->capture_default_str();
    g->add_option("-o,--output", a->output, "output file, written atomically; - for standard output")
        ->capture_default_str();
    g->add_option("--group", a->group, "geojson: one feature per distinct place (places)")
        ->check(CLI::IsMember({"places"}));
    g->add_flag("--spans", a->spans,
                "resolve only the spans each JSONL document gives in \"toponyms\": [{start, end}]");
    g->add_flag("--no-demonyms", a->no_demonyms, "do not report demonyms (\"Azerbaijani\") as places");
    g->add_option("--recognizer", a->recognizer,
                  "trained recognizer model (else $CONFLICTMAP_RECOGNIZER, else geodata/recognizer)")
        ->type_name("MODEL");
    g->add_flag("--no-recognizer", a->no_recognizer, "recognise with the gazetteer alone");
    g->add_flag("--skip-bad", a->skip_bad, "go on past broken JSON lines, counting them");
    g->add_option("--on-bad-utf8", a->on_bad_utf8, "invalid UTF-8 in a document: fail, replace or skip")
        ->capture_default_str()
        ->check(CLI::IsMember({"fail", "replace", "skip"}));
    g->add_option("--threads", a->threads, "worker threads (output keeps input order)")
        ->capture_default_str();
    g->callback([a, &common] { run(*a, common); });
}

}  // namespace conflictmap::cli
