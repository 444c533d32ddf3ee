#pragma once

#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "gazetteer/gazetteer.hpp"
#include "io/atomic_file.hpp"
#include "io/document_reader.hpp"
#include "recognize/toponym_tagger.hpp"
#include "resolve/geocoder.hpp"

namespace conflictmap::cli {

// The options of the commands that read articles (geocode, events): input,
// output, recognition, bad input, threads (docs/cli.md). One table, so the
// commands accept the same words and say the same in --help.
struct DocumentOptions {
    std::vector<std::string> files;
    std::string input_format = "text";
    std::string format = "jsonl";
    std::string output = "-";
    bool spans = false;
    std::string date;  // publication date for documents without one
    bool no_demonyms = false;
    std::optional<std::string> recognizer;
    bool no_recognizer = false;
    bool skip_bad = false;
    std::string on_bad_utf8 = "fail";
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
};

// Registers the shared options on `cmd`; `format_help` describes --format.
void add_document_options(CLI::App& cmd, DocumentOptions& o, const std::string& input_help,
                          const std::string& format_help);

io::ReaderOptions reader_options(const DocumentOptions& o);

// True when --format names a GDAL vector driver rather than one of the
// command's own formats; checks the driver can write and that -o is given.
bool gdal_output(const DocumentOptions& o, std::initializer_list<std::string_view> own_formats);

// Where a text format goes: standard output, or a file written atomically
// (commit() renames it into place). `discard` for outputs GDAL writes itself.
class Output {
public:
    Output(const std::string& path, bool discard);
    const std::function<void(std::string_view)>& sink() const { return m_sink; }
    void commit();

private:
    std::unique_ptr<io::AtomicFile> m_file;
    std::function<void(std::string_view)> m_sink;
};

// Says on stderr how many bad documents --skip-bad passed over (not with -q).
void report_skipped(std::size_t skipped, const CommonOptions& common);

// Geocoding options for the command, with the trained recognizer loaded into
// `tagger` (--recognizer, $CONFLICTMAP_RECOGNIZER, the checkout's
// geodata/recognizer). Without a model the gazetteer matcher works alone, and
// says so on stderr; an explicit --recognizer that is missing is an error.
resolve::GeocodeOptions geocode_options(const DocumentOptions& o, const gazetteer::Gazetteer& gazetteer,
                                        const CommonOptions& common,
                                        std::unique_ptr<recognize::ToponymTagger>& tagger);

}  // namespace conflictmap::cli
