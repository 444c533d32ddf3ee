#include "io/document_reader.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "io/read_file.hpp"
#include "text/utf8.hpp"

namespace conflictmap::io {

// A calendar date YYYY-MM-DD: digits, dashes, a month 1-12, a day of that month.
bool is_iso_date(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (const int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[static_cast<std::size_t>(i)] < '0' || s[static_cast<std::size_t>(i)] > '9') return false;
    const int y = std::stoi(s.substr(0, 4)), m = std::stoi(s.substr(5, 2)), d = std::stoi(s.substr(8, 2));
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

namespace {

std::string display_name(const std::string& path) { return path == "-" ? "stdin" : path; }

}  // namespace

DocumentReader::DocumentReader(std::vector<std::string> files, ReaderOptions options)
    : m_files(std::move(files)), m_options(options) {
    if (m_files.empty()) m_files.push_back("-");
}

DocumentReader::~DocumentReader() = default;

bool DocumentReader::check_utf8(Document& doc) const {
    const auto bad = text::find_invalid_utf8(doc.text);
    if (!bad) return true;
    switch (m_options.bad_utf8) {
        case BadUtf8::Replace:
            doc.text = text::replace_invalid_utf8(doc.text);
            return true;
        case BadUtf8::Skip:
            return false;
        case BadUtf8::Fail:
            break;
    }
    throw DataError(doc.source, doc.line,
                    "document '" + doc.id + "': invalid UTF-8 at byte " + std::to_string(*bad) +
                        " of its text (--on-bad-utf8=replace or skip to go on)");
}

bool DocumentReader::next(Document& doc) {
    for (;;) {
        if (m_file >= m_files.size()) return false;
        if (m_options.format == InputFormat::Jsonl) {
            if (next_jsonl(doc)) return true;
            m_lines.reset();
            ++m_file;
            continue;
        }
        const std::string& path = m_files[m_file++];
        doc = Document{};
        doc.source = display_name(path);
        doc.id = path == "-" ? "stdin" : std::filesystem::path(path).filename().string();
        doc.text = read_file(path);
        doc.date = m_options.default_date;
        if (check_utf8(doc)) return true;
        ++m_skipped;
    }
}

bool DocumentReader::next_jsonl(Document& doc) {
    RawLine line;
    while (next_line(line)) {
        if (auto d = parse_line(line)) {
            doc = std::move(*d);
            return true;
        }
        ++m_skipped;
    }
    return false;
}

bool DocumentReader::next_line(RawLine& out) {
    for (;;) {
        if (m_file >= m_files.size()) return false;
        if (!m_lines)
            m_lines = std::make_unique<LineReader>(m_files[m_file] == "-" ? "/dev/stdin" : m_files[m_file]);
        std::string_view line;
        while (m_lines->next(line)) {
            if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
            out.text.assign(line);
            out.source = display_name(m_files[m_file]);
            out.number = m_lines->line_number();
            return true;
        }
        m_lines.reset();
        ++m_file;
    }
}

std::optional<Document> DocumentReader::parse_line(const RawLine& raw) const {
    using nlohmann::json;
    const std::string_view line = raw.text;
    const std::string& source = raw.source;
    const std::uint64_t number = raw.number;
    Document doc;
    doc.source = source;
    doc.line = number;
    json j;
    try {
        // Invalid UTF-8 inside strings is a JSON error too; read it as bytes
        // first so it can be reported (or replaced) like plain text.
        j = json::parse(line, nullptr, true, false);
    } catch (const json::exception& e) {  // parse_error, and out_of_range for 1e99999
        if (auto bad = text::find_invalid_utf8(line); bad && m_options.bad_utf8 != BadUtf8::Fail) {
            if (m_options.bad_utf8 == BadUtf8::Skip) return std::nullopt;
            try {
                j = json::parse(text::replace_invalid_utf8(line));
            } catch (const json::exception&) {
            }
        }
        if (j.is_null()) {
            if (m_options.skip_bad) return std::nullopt;
            if (auto bad = text::find_invalid_utf8(line))
                throw DataError(source, number,
                                "invalid UTF-8 at byte " + std::to_string(*bad) +
                                    " of the line (--on-bad-utf8=replace or skip to go on)");
            throw DataError(source, number, std::string("not valid JSON (--skip-bad to go on): ") + e.what());
        }
    }
    auto fail = [&](const std::string& problem) -> std::optional<Document> {
        if (m_options.skip_bad) return std::nullopt;
        throw DataError(source, number, problem + " (--skip-bad to go on)");
    };
    if (!j.is_object()) return fail("not a JSON object");
    const auto text = j.find("text");
    if (text == j.end() || !text->is_string()) return fail("no \"text\" string");
    doc.text = text->get<std::string>();
    const auto id = j.find("id");
    if (id != j.end() && id->is_string()) doc.id = id->get<std::string>();
    else if (id != j.end() && id->is_number_integer()) doc.id = std::to_string(id->get<long long>());
    else doc.id = std::to_string(number);
    if (auto d = j.find("date"); d != j.end() && d->is_string()) doc.date = d->get<std::string>();
    if (auto d = j.find("date"); m_options.want_date && d != j.end() && !d->is_null() &&
                                 (!d->is_string() || !is_iso_date(doc.date)))
        return fail("document '" + doc.id + "': \"date\" " + d->dump() + " is not a date YYYY-MM-DD");
    if (doc.date.empty()) doc.date = m_options.default_date;
    if (auto t = j.find("title"); t != j.end() && t->is_string()) doc.title = t->get<std::string>();
    if (m_options.want_spans) {
        std::vector<Span> spans;
        const auto tops = j.find("toponyms");
        if (tops != j.end() && tops->is_array()) {
            for (const auto& t : *tops) {
                const auto s = t.find("start"), e = t.find("end");
                if (s == t.end() || e == t.end() || !s->is_number_integer() || !e->is_number_integer())
                    continue;  // gold toponyms without offsets
                const long long a = s->get<long long>(), b = e->get<long long>();
                if (a < 0 || b < a)
                    return fail("document '" + doc.id + "': toponym span [" + std::to_string(a) + ", " +
                                std::to_string(b) + ") is not a span");
                spans.push_back({static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b)});
            }
        }
        doc.spans = std::move(spans);
    }
    if (!check_utf8(doc)) return std::nullopt;
    return doc;
}

}  // namespace conflictmap::io
