#include <catch2/catch.hpp>

#include "text/utf8.hpp"

using namespace conflictmap::text;

TEST_CASE("invalid UTF-8 is found at its byte offset", "[text][utf8]") {
    CHECK_FALSE(find_invalid_utf8("Xankəndi Степанакерт"));
    CHECK(find_invalid_utf8("Miss\xFFouri") == std::optional<std::size_t>(4));
    CHECK(find_invalid_utf8("ab\xC3") == std::optional<std::size_t>(2));          // truncated sequence
    CHECK(find_invalid_utf8("\xC0\xAF") == std::optional<std::size_t>(0));        // overlong '/'
    CHECK(find_invalid_utf8("\xED\xA0\x80") == std::optional<std::size_t>(0));    // surrogate
    CHECK(replace_invalid_utf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
}

TEST_CASE("code points are counted as Python counts them", "[text][utf8]") {
    CHECK(code_point_count("Xankəndi") == 8);
    CHECK(code_point_count("Степанакерт") == 11);
    CHECK(code_point_count("🇦🇿") == 2);
    CHECK(is_ascii("Baku"));
    CHECK_FALSE(is_ascii("Bakı"));
}
