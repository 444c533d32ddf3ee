#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/document.hpp"
#include "io/line_reader.hpp"

namespace conflictmap::io {

enum class InputFormat { Text, Jsonl };
enum class BadUtf8 { Fail, Replace, Skip };

struct ReaderOptions {
    InputFormat format = InputFormat::Text;
    BadUtf8 bad_utf8 = BadUtf8::Fail;
    bool skip_bad = false;      // go on after a broken JSON line, counting it
    bool want_spans = false;    // read "toponyms": [{"start", "end"}] (resolve-only mode)
    // "date" must be a calendar date YYYY-MM-DD (or absent, or null): events
    // resolve relative dates against it, so a malformed one is bad input,
    // not a missing one.
    bool want_date = false;
    // Publication date (YYYY-MM-DD) for documents that carry none: every
    // plain-text file, JSON lines without "date". Empty: none.
    std::string default_date;
};

// Whether `s` is a calendar date YYYY-MM-DD (a real day of a real month).
bool is_iso_date(const std::string& s);

// Reads documents from files ("-" = standard input) in order: a whole file
// per document for plain text (id = file name), one JSON object per line for
// JSONL (id = its "id", else the line number). Errors name the file, line
// and document; invalid UTF-8 is reported with the document id and byte
// offset, or replaced/skipped as asked.
class DocumentReader {
public:
    DocumentReader(std::vector<std::string> files, ReaderOptions options);
    ~DocumentReader();

    // Next document; false at the end. Throws DataError on bad input unless
    // the options say to skip it.
    bool next(Document& doc);
    std::size_t skipped() const { return m_skipped; }

    // JSONL in two steps, so parsing can run on worker threads: the next
    // non-blank line as read (false at the end), then its document (nullopt
    // when skipped, counted by the caller). parse_line is thread-safe.
    struct RawLine {
        std::string text;
        std::string source;
        std::uint64_t number = 0;
    };
    bool next_line(RawLine& line);
    std::optional<Document> parse_line(const RawLine& line) const;

private:
    bool next_jsonl(Document& doc);
    bool check_utf8(Document& doc) const;
    std::vector<std::string> m_files;
    ReaderOptions m_options;
    std::size_t m_file = 0;
    std::unique_ptr<LineReader> m_lines;
    std::size_t m_skipped = 0;
};

}  // namespace conflictmap::io
