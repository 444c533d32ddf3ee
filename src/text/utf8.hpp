#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace conflictmap::text {

// Byte offset of the first ill-formed UTF-8 sequence in `s`, or nullopt when
// `s` is valid UTF-8 (overlongs, surrogates and values past U+10FFFF are ill-formed).
std::optional<std::size_t> find_invalid_utf8(std::string_view s);

// Copy of `s` with every ill-formed sequence replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view s);

// Number of Unicode code points in valid UTF-8 `s` (Python's len()).
std::size_t code_point_count(std::string_view s);

// True when every byte is below 0x80.
bool is_ascii(std::string_view s);

}  // namespace conflictmap::text
