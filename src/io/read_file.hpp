#pragma once

#include <string>

namespace conflictmap::io {

// The whole content of a file, or of standard input for "-". A missing file
// is a MissingDataError naming it (exit 66); any other failure an IoError.
std::string read_file(const std::string& path);

}  // namespace conflictmap::io
