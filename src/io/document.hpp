#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace conflictmap::io {

// A span given by the user in resolve-only mode (code point offsets).
struct Span {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
};

// One input document (docs/cli.md, INTERFACES: {"id", "text", "date", "title", "url"}).
struct Document {
    std::string id;
    std::string text;
    std::string date;   // YYYY-MM-DD or empty
    std::string title;
    std::string source;  // file name, for messages
    std::uint64_t line = 0;  // line in a JSONL file, 0 for a plain-text file
    std::optional<std::vector<Span>> spans;
};

}  // namespace conflictmap::io
