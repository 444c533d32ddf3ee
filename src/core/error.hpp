#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace conflictmap {

// Root of every exception the library throws. Each subclass carries its
// context as fields so the command line can both print it and pick an exit code.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& what) : std::runtime_error(what) {}
    virtual int exit_code() const;
};

// A command line that cannot work (a value no option table can check:
// an unknown output driver). Exit code 2, like a parse error.
class UsageError : public Error {
public:
    using Error::Error;
    int exit_code() const override;
};

// Bad input data: a file (or document) and a 1-based line, 0 when unknown.
class DataError : public Error {
public:
    DataError(std::string file, std::uint64_t line, std::string problem);
    const std::string& file() const { return m_file; }
    std::uint64_t line() const { return m_line; }
    const std::string& problem() const { return m_problem; }
    int exit_code() const override;

private:
    std::string m_file;
    std::uint64_t m_line;
    std::string m_problem;
};

// Data the tool needs is not where it looked (gazetteer, model, input file).
class MissingDataError : public Error {
public:
    using Error::Error;
    int exit_code() const override;
};

// Reading or writing failed at the operating-system level.
class IoError : public Error {
public:
    IoError(const std::string& path, const std::string& action, int errno_value);
    int exit_code() const override;
};

// A GDAL/OGR, PROJ, GEOS or Cairo call failed: the library and its message.
class LibraryError : public Error {
public:
    LibraryError(std::string library, const std::string& message);
    const std::string& library() const { return m_library; }

private:
    std::string m_library;
};

}  // namespace conflictmap
