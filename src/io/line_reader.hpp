#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace conflictmap::io {

// Reads a text file line by line with 1-based line numbers, fast enough for
// GeoNames' 1.6 GB allCountries.txt (1 MiB buffered reads, no per-line
// allocation). A trailing "\r" is stripped. The last line may lack its
// newline: missing_final_newline() then says so, so a parser can report a
// truncated file.
class LineReader {
public:
    explicit LineReader(std::string path);
    ~LineReader();
    LineReader(const LineReader&) = delete;
    LineReader& operator=(const LineReader&) = delete;

    // Next line, valid until the next call; false at end of file.
    bool next(std::string_view& line);
    std::uint64_t line_number() const { return m_line_number; }
    bool missing_final_newline() const { return m_missing_newline; }
    const std::string& path() const { return m_path; }

private:
    bool fill();
    std::string m_path;
    std::FILE* m_file = nullptr;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    bool m_eof = false;
    bool m_missing_newline = false;
    std::string m_long_line;
    std::uint64_t m_line_number = 0;
};

// Splits `line` on `sep` into `fields` (views into `line`).
void split(std::string_view line, char sep, std::vector<std::string_view>& fields);

}  // namespace conflictmap::io
