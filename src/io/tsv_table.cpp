#include "io/tsv_table.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "text/utf8.hpp"

namespace conflictmap::io {

TsvTable::TsvTable(const std::string& path) : m_reader(path) {
    std::string_view line;
    while (m_reader.next(line)) {
        if (line.empty() || line[0] == '#') continue;
        if (auto bad = text::find_invalid_utf8(line))
            fail("invalid UTF-8 at byte " + std::to_string(*bad + 1) + " of the line");
        split(line, '\t', m_fields);
        for (std::size_t i = 0; i < m_fields.size(); ++i)
            m_columns.emplace(std::string(m_fields[i]), i);
        m_header_line = m_reader.line_number();
        return;
    }
    throw DataError(path, 0, "no header line");
}

void TsvTable::require(std::initializer_list<const char*> names) const {
    for (const char* n : names) {
        if (!m_columns.count(n))
            throw DataError(path(), m_header_line,
                            std::string("the header has no '") + n + "' column");
    }
}

bool TsvTable::has(std::string_view column) const { return m_columns.count(std::string(column)) > 0; }

bool TsvTable::next() {
    std::string_view line;
    while (m_reader.next(line)) {
        if (line.empty() || line[0] == '#') continue;
        if (auto bad = text::find_invalid_utf8(line))
            fail("invalid UTF-8 at byte " + std::to_string(*bad + 1) + " of the line");
        split(line, '\t', m_fields);
        if (m_fields.size() != m_columns.size()) {
            std::string problem = "expected " + std::to_string(m_columns.size()) +
                                  " tab-separated fields (as in the header), found " +
                                  std::to_string(m_fields.size());
            if (m_reader.missing_final_newline()) problem += " (the file ends mid-line: truncated?)";
            fail(problem);
        }
        return true;
    }
    return false;
}

std::string_view TsvTable::get(std::string_view column) const {
    const auto it = m_columns.find(std::string(column));
    if (it == m_columns.end()) return {};
    return m_fields[it->second];
}

std::optional<double> TsvTable::optional_number(std::string_view column, double min,
                                                double max) const {
    const std::string_view s = get(column);
    if (s.empty()) return std::nullopt;
    double v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
        fail("column " + std::string(column) + ": '" + std::string(s) + "' is not a number");
    if (v < min || v > max)
        fail("column " + std::string(column) + ": " + std::string(s) + " is outside [" +
             std::to_string(static_cast<long long>(min)) + ", " +
             std::to_string(static_cast<long long>(max)) + "]");
    return v;
}

double TsvTable::number(std::string_view column, double min, double max) const {
    const auto v = optional_number(column, min, max);
    if (!v) fail("column " + std::string(column) + " is empty");
    return *v;
}

void TsvTable::fail(const std::string& problem) const {
    throw DataError(path(), line_number(), problem);
}

}  // namespace conflictmap::io
