#pragma once

#include <string>
#include <vector>

#include "io/document.hpp"

namespace conflictmap::test {

inline const std::string kData = CM_TEST_DATA;
inline const std::string kSourceDir = CM_SOURCE_DIR;
inline const std::string kBinary = CM_BINARY;
inline const std::string kFullIndex = CM_FULL_INDEX;

// The bytes of a file (empty when it cannot be read).
std::string slurp(const std::string& path);

// A fresh temporary folder, removed at exit.
std::string temp_dir();

// The mini gazetteer (tests/data/geonames-mini plus the curated tables),
// built once per test process. With `extra`, also the user places fixture.
const std::string& mini_index();
const std::string& mini_index_with_extra();

// Ends the test process with ctest's skip code (77) when the full gazetteer
// index has not been built, saying why on stderr.
void require_full_index();

// The text of ../shared/examples/karabakh-2020.txt; skips (77) when ../shared
// is not checked out beside the project.
std::string karabakh_article();

// A document for the library's stages: id "t", the text and its date.
io::Document document(const std::string& text, const std::string& date = "");

// Unicode code points in valid UTF-8 (Python's len()).
std::size_t code_points(const std::string& s);

struct CommandResult {
    int exit_code = 0;
    std::string out;
    std::string err;
};

// Runs the conflictmap binary with `args` (shell words, already quoted),
// optional standard input, and returns exit code, stdout and stderr.
// `env` is prefixed to the command line (VAR=value ...).
CommandResult run_cli(const std::string& args, const std::string& stdin_text = "",
                      const std::string& env = "");

}  // namespace conflictmap::test
