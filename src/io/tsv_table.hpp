#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/line_reader.hpp"

namespace conflictmap::io {

// A tab-separated file with a header line naming its columns, '#' comment
// lines and blank lines skipped: the format of our curated tables and of
// users' place lists. Each row must have as many fields as the header, in
// valid UTF-8; errors name the file and line.
class TsvTable {
public:
    explicit TsvTable(const std::string& path);

    // Throws DataError unless every column in `names` is in the header.
    void require(std::initializer_list<const char*> names) const;
    bool has(std::string_view column) const;

    // Next data row; false at the end.
    bool next();
    // Field of the current row ("" when the column is absent).
    std::string_view get(std::string_view column) const;
    std::uint64_t line_number() const { return m_reader.line_number(); }
    const std::string& path() const { return m_reader.path(); }

    // Parse helpers that throw DataError naming file, line and column.
    double number(std::string_view column, double min, double max) const;
    std::optional<double> optional_number(std::string_view column, double min, double max) const;
    [[noreturn]] void fail(const std::string& problem) const;

private:
    LineReader m_reader;
    std::unordered_map<std::string, std::size_t> m_columns;
    std::vector<std::string_view> m_fields;
    std::uint64_t m_header_line = 0;
};

}  // namespace conflictmap::io
