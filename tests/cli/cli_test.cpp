// The command line as a user meets it: help, exit codes, messages, formats.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using conflictmap::test::run_cli;
namespace test = conflictmap::test;

TEST_CASE("--help is generated from the option table", "[cli]") {
    const auto r = run_cli("gazetteer lookup --help");
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("--limit"));
    CHECK_THAT(r.out, Catch::Contains("--country"));
    CHECK_THAT(r.out, Catch::Contains("--format"));
    const auto top = run_cli("--help");
    CHECK(top.exit_code == 0);
    CHECK_THAT(top.out, Catch::Contains("Exit codes"));
    CHECK(run_cli("--version").exit_code == 0);
}

TEST_CASE("usage errors exit 2", "[cli]") {
    CHECK(run_cli("").exit_code == 2);
    CHECK(run_cli("gazetteer lookup").exit_code == 2);
    CHECK(run_cli("gazetteer lookup Paris --format xml").exit_code == 2);
    CHECK(run_cli("gazetteer frobnicate").exit_code == 2);
}

TEST_CASE("lookup prints ranked candidates as JSON with geocode's field names", "[cli]") {
    const auto r = run_cli("--gazetteer '" + test::mini_index() + "' gazetteer lookup Georgia --format json");
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    REQUIRE(j.size() >= 2);
    for (const char* field : {"name", "lat", "lon", "geonameid", "feature_class", "feature_code",
                              "country_code", "admin1", "population"}) {
        INFO(field);
        CHECK(j[0].contains(field));
    }
    CHECK(j[0]["country_code"] == "GE");
    CHECK(j[0]["geonameid"] == 614540);
    const auto limited = run_cli("--gazetteer '" + test::mini_index() +
                                 "' gazetteer lookup Springfield --limit 2 --format json");
    CHECK(nlohmann::json::parse(limited.out).size() == 2);
    // Common options work after the command's name too.
    const auto after = run_cli("gazetteer lookup Georgia --format json --gazetteer '" + test::mini_index() + "'");
    CHECK(after.exit_code == 0);
    CHECK(nlohmann::json::parse(after.out)[0]["geonameid"] == 614540);
    const auto table = run_cli("--gazetteer '" + test::mini_index() + "' gazetteer lookup Paris");
    CHECK(table.exit_code == 0);
    CHECK_THAT(table.out, Catch::Contains("2988507"));
}

TEST_CASE("a missing gazetteer exits 66 and lists every place tried", "[cli]") {
    const std::string empty = test::temp_dir();
    // An explicit path that does not exist is an error on its own.
    const auto e = run_cli("--gazetteer '" + empty + "/none.cmg' gazetteer lookup Paris");
    CHECK(e.exit_code == 66);
    CHECK_THAT(e.err, Catch::Contains("none.cmg"));
    // Nothing anywhere on the search path: one message naming each place.
    const auto r = run_cli("gazetteer lookup Paris", "",
                           "HOME='" + empty + "' XDG_DATA_HOME='" + empty + "' CONFLICTMAP_DATA='" +
                               empty + "/nothing'");
    if (std::filesystem::exists(test::kFullIndex)) {
        CHECK(r.exit_code == 0);  // the build's default index is on the path
    } else {
        CHECK(r.exit_code == 66);
        CHECK_THAT(r.err, Catch::Contains("looked in"));
    }
    CHECK((r.exit_code == 0 || r.err.find(empty + "/nothing") != std::string::npos));
}

TEST_CASE("build: bad input exits 65 naming file:line, leaving the old index", "[cli]") {
    const std::string dir = test::temp_dir();
    const std::string out = dir + "/g.cmg";
    const auto ok = run_cli("gazetteer build --no-sources --no-curated --geonames '" + test::kData +
                            "/geonames-mini' -o '" + out + "'");
    REQUIRE(ok.exit_code == 0);
    const auto size = std::filesystem::file_size(out);
    const auto bad = run_cli("gazetteer build --no-sources --no-curated --geonames '" + test::kData +
                             "/bad/geonames-bad-lat' -o '" + out + "'");
    CHECK(bad.exit_code == 65);
    CHECK_THAT(bad.err, Catch::Contains("geonames-bad-lat/allCountries.txt:2"));
    CHECK(std::filesystem::file_size(out) == size);
    const auto info = run_cli("--gazetteer '" + out + "' gazetteer info --verify");
    CHECK(info.exit_code == 0);
    CHECK_THAT(info.out, Catch::Contains("checksum  ok"));
    CHECK_THAT(info.out, Catch::Contains("geonames-dump"));
}
