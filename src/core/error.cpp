#include "core/error.hpp"

#include <cstring>

#include "core/exit_codes.hpp"

namespace conflictmap {

namespace {
std::string locate(const std::string& file, std::uint64_t line, const std::string& problem) {
    std::string out;
    out.reserve(file.size() + problem.size() + 24);
    out += file;
    if (line > 0) {
        out += ':';
        out += std::to_string(line);
    }
    if (!out.empty()) out += ": ";
    out += problem;
    return out;
}
}  // namespace

int Error::exit_code() const { return exit_code::kFailure; }

DataError::DataError(std::string file, std::uint64_t line, std::string problem)
    : Error(locate(file, line, problem)),
      m_file(std::move(file)),
      m_line(line),
      m_problem(std::move(problem)) {}

int UsageError::exit_code() const { return exit_code::kUsage; }

int DataError::exit_code() const { return exit_code::kDataError; }

int MissingDataError::exit_code() const { return exit_code::kNoInput; }

IoError::IoError(const std::string& path, const std::string& action, int errno_value)
    : Error("cannot " + action + " " + path + ": " + std::strerror(errno_value)) {}

int IoError::exit_code() const { return exit_code::kIoError; }

LibraryError::LibraryError(std::string library, const std::string& message)
    : Error(library + ": " + message), m_library(std::move(library)) {}

}  // namespace conflictmap
