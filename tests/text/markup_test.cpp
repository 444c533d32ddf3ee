#include <catch2/catch.hpp>

#include <string>

#include "text/markup.hpp"

using namespace conflictmap;

namespace {

std::vector<std::string> pieces(const std::string& s) {
    std::vector<std::string> out;
    for (const auto& r : text::address_ranges(s)) out.push_back(s.substr(r.begin, r.end - r.begin));
    return out;
}

}  // namespace

TEST_CASE("web addresses, e-mail addresses and handles are found", "[text][markup]") {
    CHECK(pieces("RT @Tokyo_Trev: see http://t.co/deUbBotRXS.") ==
          std::vector<std::string>{"@Tokyo_Trev", "http://t.co/deUbBotRXS"});
    CHECK(pieces("Write to press.office@un.org, or visit www.bbc.co.uk/news!") ==
          std::vector<std::string>{"press.office@un.org", "www.bbc.co.uk/news"});
    CHECK(pieces("HTTPS://Example.com/Paris (Paris)") == std::vector<std::string>{"HTTPS://Example.com/Paris"});
    CHECK(pieces("Nothing here @ all; email@ is not one either? a@b") == std::vector<std::string>{"email@", "a@b"});
    CHECK(pieces("").empty());
}

TEST_CASE("overlaps_any finds ranges touching a span", "[text][markup]") {
    const std::string s = "at @Paris and http://x.org/Baku end";
    const auto r = text::address_ranges(s);
    REQUIRE(r.size() == 2);
    CHECK(text::overlaps_any(r, 4, 9));    // "Paris" of the handle
    CHECK_FALSE(text::overlaps_any(r, 0, 2));   // "at"
    CHECK_FALSE(text::overlaps_any(r, 10, 13)); // "and"
    CHECK(text::overlaps_any(r, 27, 31));  // "Baku" of the address
    CHECK_FALSE(text::overlaps_any(r, 32, 35));
}

TEST_CASE("hashtag bodies are words glued to a # after a space", "[text][markup]") {
    const std::string s = "#Gaza and C#sharp, (#Kyiv)";
    const auto t = text::tokenize(s);
    auto at = [&](const std::string& w) {
        for (std::size_t i = 0; i < t.size(); ++i)
            if (s.substr(t[i].begin, t[i].end - t[i].begin) == w) return text::is_hashtag_body(s, t, i);
        FAIL("no token " << w);
        return false;
    };
    CHECK(at("Gaza"));
    CHECK_FALSE(at("sharp"));
    CHECK(at("Kyiv"));
    CHECK_FALSE(at("and"));
}
