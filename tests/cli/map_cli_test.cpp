// `conflictmap map` as a user runs it: formats, errors and exit codes.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "support/fixtures.hpp"

namespace test = conflictmap::test;
namespace fs = std::filesystem;

namespace {
// The committed basemap fixture and the mini gazetteer: no full data.
std::string base() {
    return "--gazetteer '" + test::mini_index() + "' map --basemap '" + test::kData +
           "/map/basemap' --sources /nonexistent --date 2024-01-01 ";
}
}  // namespace

TEST_CASE("map: PNG, SVG and PDF from a CSV, a GeoJSON and an article", "[cli][map]") {
    const std::string dir = test::temp_dir();
    for (const char* ext : {"png", "svg", "pdf"}) {
        const std::string out = dir + "/places." + ext;
        const auto r = test::run_cli(base() + "'" + test::kData + "/map/places.csv' -o '" + out +
                                     "' --width 640 --height 400 --title 'Test map'");
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const std::string bytes = test::slurp(out);
        if (std::string(ext) == "png") CHECK(bytes.substr(1, 3) == "PNG");
        if (std::string(ext) == "svg") CHECK_THAT(bytes, Catch::Contains(">Test map</text>"));
        if (std::string(ext) == "pdf") CHECK(bytes.substr(0, 5) == "%PDF-");
    }
    // An article through the geocoder (the mini gazetteer), to standard output.
    const auto r = test::run_cli(base() + "--format svg -o - --paper A5 --dpi 96",
                                 "Shelling near Stepanakert and Yerevan.\n");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains(">Stepanakert</text>"));
    CHECK_THAT(r.out, Catch::Contains("width=\"794\""));  // A5 landscape at 96 dpi
    // Geocode output as input: JSON lines with "toponyms".
    const auto g = test::run_cli("--gazetteer '" + test::mini_index() + "' geocode",
                                 "Talks in Tbilisi and Baku.\n");
    REQUIRE(g.exit_code == 0);
    const std::string jl = dir + "/geocoded.jsonl";
    std::ofstream(jl) << g.out;
    const auto m = test::run_cli(base() + "'" + jl + "' -o '" + dir + "/g.svg' --timings");
    INFO(m.err);
    REQUIRE(m.exit_code == 0);
    CHECK_THAT(test::slurp(dir + "/g.svg"), Catch::Contains(">Tbilisi</text>"));
    CHECK_THAT(m.err, Catch::Contains("render"));
}

TEST_CASE("map: events output draws events by type", "[cli][map]") {
    const std::string out = test::temp_dir() + "/events.svg";
    const auto r = test::run_cli(base() + "'" + test::kData + "/map/events.jsonl' -o '" + out +
                                 "' --no-clusters");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string svg = test::slurp(out);
    // Legend rows for the types present, the dates the reports cover, the
    // article's spelling for the label; an event without coordinates is skipped.
    for (const char* s :
         {">Battles</text>", ">Explosions/Remote violence</text>", ">Protests</text>",
          "2023-09-19 to 2023-09-21", ">Stepanakert</text>", ">Yerevan</text>"})
        CHECK_THAT(svg, Catch::Contains(s));
    CHECK_THAT(svg, !Catch::Contains("Unplaced"));
    CHECK_THAT(svg, Catch::Contains("fill=\"#c0392b\""));  // Battles, from the light style
}

TEST_CASE("map: a bad style names file and line (65)", "[cli][map]") {
    const std::string style = test::kData + "/map/bad.style";
    const auto r = test::run_cli(base() + "'" + test::kData + "/map/places.csv' -o " +
                                 test::temp_dir() + "/x.png --style '" + style + "'");
    CHECK(r.exit_code == 65);
    CHECK_THAT(r.err, Catch::Contains(style + ":4: stroke:") && Catch::Contains("not a colour"));
}

TEST_CASE("map: unreadable and missing inputs", "[cli][map]") {
    const std::string out = test::temp_dir() + "/x.png";
    SECTION("missing file: 66") {
        const auto r = test::run_cli(base() + "/no/such/file.csv -o " + out);
        CHECK(r.exit_code == 66);
        CHECK_THAT(r.err, Catch::Contains("/no/such/file.csv"));
    }
    SECTION("a file GDAL cannot read: 65 naming it") {
        const auto r = test::run_cli(base() + "'" + test::kData + "/map/broken.geojson' -o " + out);
        CHECK(r.exit_code == 65);
        CHECK_THAT(r.err, Catch::Contains("broken.geojson"));
    }
    SECTION("a broken JSON line: 65 with file:line") {
        const auto r = test::run_cli(base() + "--input-format jsonl -o " + out,
                                     "{\"text\": \"Baku\"}\n{\"text\": \n");
        CHECK(r.exit_code == 65);
        CHECK_THAT(r.err, Catch::Contains("stdin:2:"));
    }
    SECTION("a folder as input: 74") {
        const auto r =
            test::run_cli(base() + "--input-format text '" + test::temp_dir() + "' -o " + out);
        CHECK(r.exit_code == 74);
    }
    SECTION("no basemap: 66 listing where it looked") {
        const auto r = test::run_cli("--gazetteer '" + test::mini_index() +
                                     "' map --basemap /nonexistent --sources /nonexistent '" +
                                     test::kData + "/map/places.csv' -o " + out);
        CHECK(r.exit_code == 66);
        CHECK_THAT(r.err, Catch::Contains("/nonexistent"));
    }
    CHECK_FALSE(fs::exists(out));  // a failed run leaves no file
}

TEST_CASE("map: usage errors (2)", "[cli][map]") {
    const std::string csv = "'" + test::kData + "/map/places.csv' ";
    CHECK(test::run_cli(base() + csv + "-o x.gif").exit_code == 2);
    CHECK(test::run_cli(base() + csv + "-o x.png --bbox 1,2,3").exit_code == 2);
    CHECK(test::run_cli(base() + csv + "-o x.png --bbox 10,50,20,40").exit_code == 2);
    CHECK(test::run_cli(base() + csv + "-o x.png --center 10,50").exit_code == 2);
    CHECK(test::run_cli(base() + csv + "-o x.png --paper B7").exit_code == 2);
    const auto crs = test::run_cli(base() + csv + "-o x.png --crs EPSG:999999");
    CHECK(crs.exit_code == 2);
    CHECK_THAT(crs.err, Catch::Contains("EPSG:999999"));
    CHECK(test::run_cli(base() + csv).exit_code == 2);  // -o is required
    const auto help = test::run_cli("map --help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("--heatmap") && Catch::Contains("--crs"));
}

TEST_CASE("map: the sample article's map with the full gazetteer and basemap", "[cli][map][data]") {
    test::require_full_index();
    const std::string dir = test::temp_dir();
    const auto r =
        test::run_cli("--gazetteer '" + test::kFullIndex + "' map '" + test::kSourceDir +
                      "/docs/examples/sample-article.txt' -o '" + dir + "/sample.svg' --timings");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string svg = test::slurp(dir + "/sample.svg");
    // Stepanakert's dot clusters with the events there ("Stepanakert +1").
    for (const char* name : {">Stepanakert", ">Yerevan</text>", ">Baku</text>", ">Shusha</text>",
                             ">Fuzuli</text>"})
        CHECK_THAT(svg, Catch::Contains(name));
    CHECK_THAT(svg, Catch::Contains("Shelling resumes around Stepanakert"));
    CHECK_THAT(r.err, Catch::Contains("EPSG:3857") && Catch::Contains("Natural Earth 10m"));
    // Geneva is far from the rest: left off, and said so.
    CHECK_THAT(r.err, Catch::Contains("Geneva"));
    CHECK_THAT(svg, Catch::Contains("off the map: Geneva"));
}
