#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace conflictmap::io {

// Writes a file so that readers see either the old file or the complete new
// one, never a half-written one: data goes to a temporary file beside the
// target (same file system, so rename(2) is atomic), which commit() flushes,
// fsyncs and renames over the target. Destroyed without commit(), the
// temporary file is removed and the target is untouched.
// A target that exists and is not a regular file (/dev/null, a FIFO, a
// terminal) is written directly: renaming over it would replace the device.
class AtomicFile {
public:
    explicit AtomicFile(std::string path);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, std::size_t size);
    void write(std::string_view s) { write(s.data(), s.size()); }
    // Overwrites bytes already written (used to patch a header at the end).
    void write_at(std::size_t offset, const void* data, std::size_t size);
    std::size_t size() const { return m_size; }
    const std::string& path() const { return m_path; }
    void commit();

private:
    std::string m_path;
    std::string m_temp_path;
    std::FILE* m_file = nullptr;
    std::size_t m_size = 0;
    bool m_committed = false;
    bool m_direct = false;  // writing straight to a special file
};

}  // namespace conflictmap::io
