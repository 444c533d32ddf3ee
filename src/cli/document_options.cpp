#include "cli/document_options.hpp"

#include <cerrno>
#include <cstdio>
#include <iostream>

#include "core/error.hpp"
#include "geo/vector_writer.hpp"

namespace conflictmap::cli {

void add_document_options(CLI::App& g, DocumentOptions& o, const std::string& input_help,
                          const std::string& format_help) {
    g.add_option("FILE", o.files,
                 "articles: plain text, one per file, or JSON lines with --input-format jsonl; - or none "
                 "for standard input");
    g.add_option("--input-format", o.input_format, input_help)
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "jsonl"}));
    g.add_option("-f,--format", o.format, format_help)->capture_default_str();
    g.add_option("-o,--output", o.output, "output file, written atomically; - for standard output")
        ->capture_default_str();
    g.add_flag("--spans", o.spans,
               "resolve only the spans each JSONL document gives in \"toponyms\": [{start, end}]");
    g.add_option("--date", o.date,
                 "publication date YYYY-MM-DD of documents that give none (plain text; JSON lines without "
                 "\"date\"): relative dates (\"Sunday\", \"last week\") resolve against it");
    g.add_flag("--no-demonyms", o.no_demonyms, "do not report demonyms (\"Azerbaijani\") as places");
    g.add_option("--recognizer", o.recognizer,
                 "trained recognizer model (else $CONFLICTMAP_RECOGNIZER, else geodata/recognizer)")
        ->type_name("MODEL");
    g.add_flag("--no-recognizer", o.no_recognizer, "recognise with the gazetteer alone");
    g.add_flag("--skip-bad", o.skip_bad, "go on past broken JSON lines, counting them");
    g.add_option("--on-bad-utf8", o.on_bad_utf8, "invalid UTF-8 in a document: fail, replace or skip")
        ->capture_default_str()
        ->check(CLI::IsMember({"fail", "replace", "skip"}));
    g.add_option("--threads", o.threads, "worker threads (output keeps input order)")->capture_default_str();
}

io::ReaderOptions reader_options(const DocumentOptions& o) {
    io::ReaderOptions ro;
    ro.format = o.input_format == "jsonl" ? io::InputFormat::Jsonl : io::InputFormat::Text;
    ro.bad_utf8 = o.on_bad_utf8 == "replace" ? io::BadUtf8::Replace
                  : o.on_bad_utf8 == "skip"  ? io::BadUtf8::Skip
                                             : io::BadUtf8::Fail;
    ro.skip_bad = o.skip_bad;
    ro.want_spans = o.spans;
    if (!o.date.empty() && !io::is_iso_date(o.date))
        throw UsageError("--date '" + o.date + "' is not a date YYYY-MM-DD");
    ro.default_date = o.date;
    if (o.spans && ro.format != io::InputFormat::Jsonl)
        throw UsageError("--spans needs --input-format jsonl (documents carrying \"toponyms\")");
    return ro;
}

bool gdal_output(const DocumentOptions& o, std::initializer_list<std::string_view> own_formats) {
    for (const auto f : own_formats)
        if (o.format == f) return false;
    if (!geo::VectorWriter::can_write(o.format)) {
        std::string own;
        for (const auto f : own_formats) own += std::string(f) + ", ";
        throw UsageError("--format " + o.format + ": not " + own +
                         "nor a GDAL vector driver that can write (GPKG, \"ESRI Shapefile\", FlatGeobuf, KML, "
                         "GML, SQLite ...; `ogrinfo --formats` lists them)");
    }
    if (o.output == "-") throw UsageError("--format " + o.format + " writes a file: give -o FILE");
    return true;
}

Output::Output(const std::string& path, bool discard) {
    if (discard) {
        m_sink = [](std::string_view) {};
    } else if (path == "-") {
        m_sink = [](std::string_view s) {
            if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size())
                throw IoError("standard output", "write to", errno);
        };
    } else {
        m_file = std::make_unique<io::AtomicFile>(path);
        m_sink = [f = m_file.get()](std::string_view s) { f->write(s); };
    }
}

void Output::commit() {
    if (m_file) m_file->commit();
}

resolve::GeocodeOptions geocode_options(const DocumentOptions& o, const gazetteer::Gazetteer& gazetteer,
                                        const CommonOptions& common,
                                        std::unique_ptr<recognize::ToponymTagger>& tagger) {
    resolve::GeocodeOptions go;
    go.demonyms = !o.no_demonyms;
    go.spans_only = o.spans;
    if (!o.no_recognizer) {
        try {
            tagger = std::make_unique<recognize::ToponymTagger>(
                recognize::ToponymTagger::load(recognize::locate_recognizer(o.recognizer), &gazetteer));
        } catch (const MissingDataError& e) {
            if (o.recognizer) throw;
            if (!common.quiet)
                std::cerr << "conflictmap: warning: no recognizer model, geocoding with the gazetteer alone "
                             "(--no-recognizer silences this): "
                          << e.what() << '\n';
        }
    }
    go.tagger = tagger.get();
    return go;
}

void report_skipped(std::size_t skipped, const CommonOptions& common) {
    if (skipped > 0 && !common.quiet) std::cerr << "conflictmap: skipped " << skipped << " bad document(s)\n";
}

}  // namespace conflictmap::cli
