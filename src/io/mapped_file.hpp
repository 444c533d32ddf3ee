#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace conflictmap::io {

// A read-only memory map of a whole file. Pages are loaded on first touch, so
// opening a 100 MB index costs microseconds and a lookup reads a few pages.
class MappedFile {
public:
    explicit MappedFile(const std::string& path);
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&&) = delete;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const char* data() const { return m_data; }
    std::size_t size() const { return m_size; }
    std::string_view bytes() const { return {m_data, m_size}; }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    const char* m_data = nullptr;
    std::size_t m_size = 0;
};

}  // namespace conflictmap::io
