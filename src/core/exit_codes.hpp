#pragma once

// Exit codes shared by every command (docs/cli.md). They follow sysexits.h
// where it has a meaning for us, so scripts can tell bad data from bad usage.
namespace conflictmap::exit_code {
inline constexpr int kOk = 0;
inline constexpr int kFailure = 1;      // internal error, anything unexpected
inline constexpr int kUsage = 2;        // bad command line
inline constexpr int kDataError = 65;   // EX_DATAERR: malformed input data
inline constexpr int kNoInput = 66;     // EX_NOINPUT: missing gazetteer, model or input file
inline constexpr int kIoError = 74;     // EX_IOERR: cannot read or write
}  // namespace conflictmap::exit_code
