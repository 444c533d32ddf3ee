#include "io/atomic_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <vector>

#include "core/error.hpp"

namespace conflictmap::io {

AtomicFile::AtomicFile(std::string path) : m_path(std::move(path)) {
    struct stat st {};
    if (::stat(m_path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) throw IoError(m_path, "write to", EISDIR);
        m_direct = true;
        m_temp_path = m_path;
        m_file = std::fopen(m_path.c_str(), "wb");
        if (!m_file) throw IoError(m_path, "open", errno);
        return;
    }
    std::string pattern = m_path + ".tmp.XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    const int fd = ::mkstemp(buffer.data());
    if (fd < 0) throw IoError(m_path, "create a temporary file beside", errno);
    m_temp_path = buffer.data();
    m_file = ::fdopen(fd, "wb");
    if (!m_file) {
        const int e = errno;
        ::close(fd);
        ::unlink(m_temp_path.c_str());
        throw IoError(m_temp_path, "open", e);
    }
    // Keep the file mode a user's umask would give a normal file, not mkstemp's 0600.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, 0666 & ~mask);
}

AtomicFile::~AtomicFile() {
    if (m_file) std::fclose(m_file);
    if (!m_committed && !m_direct) ::unlink(m_temp_path.c_str());
}

void AtomicFile::write(const void* data, std::size_t size) {
    if (size == 0) return;
    if (std::fwrite(data, 1, size, m_file) != size) throw IoError(m_temp_path, "write", errno);
    m_size += size;
}

void AtomicFile::write_at(std::size_t offset, const void* data, std::size_t size) {
    if (std::fflush(m_file) != 0) throw IoError(m_temp_path, "write", errno);
    if (::pwrite(::fileno(m_file), data, size, static_cast<off_t>(offset)) !=
        static_cast<ssize_t>(size)) {
        throw IoError(m_temp_path, "write", errno);
    }
}

void AtomicFile::commit() {
    if (std::fflush(m_file) != 0) throw IoError(m_temp_path, "write", errno);
    if (m_direct) {
        const int rc = std::fclose(m_file);
        m_file = nullptr;
        if (rc != 0) throw IoError(m_path, "close", errno);
        m_committed = true;
        return;
    }
    if (::fsync(::fileno(m_file)) != 0) throw IoError(m_temp_path, "sync", errno);
    if (std::fclose(m_file) != 0) {
        m_file = nullptr;
        throw IoError(m_temp_path, "close", errno);
    }
    m_file = nullptr;
    if (std::rename(m_temp_path.c_str(), m_path.c_str()) != 0) {
        throw IoError(m_path, "rename " + m_temp_path + " to", errno);
    }
    m_committed = true;
}

}  // namespace conflictmap::io
