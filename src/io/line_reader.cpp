#include "io/line_reader.hpp"

#include <cerrno>
#include <cstring>

#include "core/error.hpp"

namespace conflictmap::io {

namespace {
constexpr std::size_t kBufferSize = 1 << 20;
}

LineReader::LineReader(std::string path) : m_path(std::move(path)), m_buffer(kBufferSize) {
    m_file = std::fopen(m_path.c_str(), "rb");
    if (!m_file) {
        if (errno == ENOENT) throw MissingDataError("no such file: " + m_path);
        throw IoError(m_path, "open", errno);
    }
}

LineReader::~LineReader() {
    if (m_file) std::fclose(m_file);
}

bool LineReader::fill() {
    if (m_eof) return false;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    const std::size_t n = std::fread(m_buffer.data() + m_end, 1, m_buffer.size() - m_end, m_file);
    if (n == 0) {
        if (std::ferror(m_file)) throw IoError(m_path, "read", errno);
        m_eof = true;
        return false;
    }
    m_end += n;
    return true;
}

bool LineReader::next(std::string_view& line) {
    m_long_line.clear();
    for (;;) {
        const char* start = m_buffer.data() + m_begin;
        const auto* nl = static_cast<const char*>(std::memchr(start, '\n', m_end - m_begin));
        if (nl) {
            std::size_t len = static_cast<std::size_t>(nl - start);
            m_begin += len + 1;
            ++m_line_number;
            if (!m_long_line.empty()) {
                m_long_line.append(start, len);
                line = m_long_line;
            } else {
                line = std::string_view(start, len);
            }
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            return true;
        }
        if (m_begin == 0 && m_end == m_buffer.size()) {
            // A line longer than the buffer: carry it over in m_long_line.
            m_long_line.append(start, m_end);
            m_begin = m_end = 0;
        }
        if (!fill()) {
            if (m_end > m_begin || !m_long_line.empty()) {
                m_long_line.append(m_buffer.data() + m_begin, m_end - m_begin);
                m_begin = m_end;
                ++m_line_number;
                m_missing_newline = true;
                line = m_long_line;
                if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
                return true;
            }
            return false;
        }
    }
}

void split(std::string_view line, char sep, std::vector<std::string_view>& fields) {
    fields.clear();
    std::size_t start = 0;
    for (;;) {
        const std::size_t pos = line.find(sep, start);
        if (pos == std::string_view::npos) {
            fields.push_back(line.substr(start));
            return;
        }
        fields.push_back(line.substr(start, pos - start));
        start = pos + 1;
    }
}

}  // namespace conflictmap::io
