#include "io/read_file.hpp"

#include <cerrno>
#include <cstdio>

#include "core/error.hpp"

namespace conflictmap::io {

std::string read_file(const std::string& path) {
    std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (!f) {
        if (errno == ENOENT) throw MissingDataError("no such file: " + path);
        throw IoError(path, "open", errno);
    }
    std::string out;
    char buf[1 << 16];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    const int error = errno;  // before fclose can change it
    const bool failed = std::ferror(f);
    if (f != stdin) std::fclose(f);
    if (failed) throw IoError(path, "read", error);
    return out;
}

}  // namespace conflictmap::io
