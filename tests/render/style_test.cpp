// Style files: the built-in styles parse, and mistakes name file and line.

#include "render/style.hpp"

#include <catch2/catch.hpp>

#include <random>

#include "core/error.hpp"
#include "support/fixtures.hpp"

namespace render = conflictmap::render;
namespace test = conflictmap::test;
using conflictmap::DataError;

namespace {
std::string error_of(const std::string& text) {
    try {
        render::parse_style(text, "my.style");
    } catch (const DataError& e) {
        return e.what();
    }
    return "";
}
}  // namespace

TEST_CASE("style: the built-in styles parse and differ", "[render][style]") {
    const auto light = render::load_style("light");
    const auto dark = render::load_style("dark");
    CHECK(light.source == "light");
    CHECK(light.water.b > light.water.r);
    CHECK(dark.land.r < 0.3);
    CHECK(light.event_color("Battles").r > 0.6);
    CHECK(light.event_color("Explosions/Remote violence").g > 0.3);
    // Unknown event types take [events] other.
    CHECK(light.event_color("Something else").r == Approx(light.event_colors.at("other").r));
    CHECK(light.heat_ramp.size() == 5);
    // The dark style only changes some keys; the rest come from the light one.
    CHECK(dark.place_min_radius == light.place_min_radius);
}

TEST_CASE("style: values of every type", "[render][style]") {
    const auto s = render::parse_style(
        "# comment\n[map]\nwater = #abc\nland = rgba(255, 0, 0, 0.5)\n\n[places]\nmin-radius = 3\n"
        "label-bold = no\nstroke-dash = 4 2\nfill = none\n[heatmap]\nramp = #000000 #ffffff80\n",
        "x.style");
    CHECK(s.water.r == Approx(10 / 15.0));
    CHECK(s.land.a == Approx(0.5));
    CHECK(s.place_min_radius == 3);
    CHECK_FALSE(s.place_label.bold);
    CHECK(s.place_stroke.dash == std::vector<double>{4, 2});
    CHECK_FALSE(s.place_fill.visible());
    REQUIRE(s.heat_ramp.size() == 2);
    CHECK(s.heat_ramp[1].a == Approx(128 / 255.0));
    CHECK(render::fold_key("Violence against civilians") == "violence-against-civilians");
}

TEST_CASE("style: mistakes name the file and line", "[render][style]") {
    CHECK_THAT(error_of("[map]\nwater = #12345\n"),
               Catch::StartsWith("my.style:2: water:") && Catch::Contains("not a colour"));
    CHECK_THAT(
        error_of("[map]\n\nwatr = #123456\n"),
        Catch::StartsWith("my.style:3: unknown key \"watr\" in [map]") && Catch::Contains("water"));
    CHECK_THAT(error_of("[mapp]\n"), Catch::StartsWith("my.style:1: unknown section [mapp]"));
    CHECK_THAT(error_of("[places]\nmin-radius = big\n"),
               Catch::StartsWith("my.style:2: min-radius:"));
    CHECK_THAT(error_of("[places]\nmin-radius = -4\n"), Catch::Contains("out of range"));
    CHECK_THAT(error_of("water = #123\n"),
               Catch::StartsWith("my.style:1: key before any [section]"));
    CHECK_THAT(error_of("[map]\njust words\n"),
               Catch::StartsWith("my.style:2: expected key = value"));
    CHECK_THAT(error_of("[places]\nstroke-dash = 4\n"), Catch::Contains("pairs"));
    CHECK_THAT(error_of("[places]\nlabel-bold = maybe\n"), Catch::Contains("yes or no"));
    CHECK_THAT(error_of("[map\n"), Catch::Contains("closing ]"));
}

TEST_CASE("style: a missing style file is missing data", "[render][style]") {
    CHECK_THROWS_AS(render::load_style(test::kData + "/map/no-such.style"),
                    conflictmap::MissingDataError);
    CHECK_THROWS_AS(render::load_style(test::kData + "/map/bad.style"), DataError);
}

TEST_CASE("style: mangled style files fail with a DataError, never worse", "[render][style]") {
    // A poor man's fuzzer (GCC has no libFuzzer): the light style with random
    // bytes replaced, inserted and deleted. Every outcome must be a style or
    // a DataError naming a line.
    const std::string base(render::builtin_style("light"));
    std::mt19937 rng(11);
    const std::string alphabet = "[]=#-.0123456789abcdefxyz \n\t,()\xc3\xa9\xff";
    int errors = 0;
    for (int i = 0; i < 3000; ++i) {
        std::string text = base;
        const int edits = 1 + static_cast<int>(rng() % 6);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % text.size();
            const char c = alphabet[rng() % alphabet.size()];
            switch (rng() % 3) {
                case 0: text[at] = c; break;
                case 1: text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c); break;
                default: text.erase(at, 1 + rng() % 8); break;
            }
        }
        try {
            render::parse_style(text, "fuzz.style");
        } catch (const DataError& e) {
            ++errors;
            CHECK(e.line() > 0);
        }
    }
    CHECK(errors > 100);
}
