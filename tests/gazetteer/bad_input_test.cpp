#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "gazetteer/gazetteer_builder.hpp"
#include "support/fixtures.hpp"

using namespace conflictmap;
namespace fs = std::filesystem;

namespace {

// Builds from a bad fixture over an existing index, expecting a DataError at
// `file`:`line`, and checks the existing index is untouched and no temporary
// file is left behind.
void expect_error(gazetteer::BuildOptions o, const std::string& file, std::uint64_t line) {
    const std::string dir = test::temp_dir();
    o.output = dir + "/index.cmg";
    std::ofstream(o.output) << "previous index";
    o.use_sources = false;
    o.use_curated = false;
    try {
        gazetteer::build_gazetteer(o);
        FAIL("no error for " << file);
    } catch (const DataError& e) {
        CHECK(e.file() == file);
        CHECK(e.line() == line);
        CHECK(e.exit_code() == 65);
    }
    std::ifstream in(o.output);
    std::string content((std::istreambuf_iterator<char>(in)), {});
    CHECK(content == "previous index");
    CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator{}) == 1);
}

gazetteer::BuildOptions dump(const std::string& name) {
    gazetteer::BuildOptions o;
    o.geonames_dir = test::kData + "/bad/" + name;
    return o;
}

}  // namespace

TEST_CASE("malformed GeoNames dumps name the file and line", "[gazetteer][bad-input]") {
    const std::string bad = test::kData + "/bad/";
    expect_error(dump("geonames-short-row"), bad + "geonames-short-row/allCountries.txt", 3);
    expect_error(dump("geonames-truncated"), bad + "geonames-truncated/allCountries.txt", 6);
    expect_error(dump("geonames-bad-utf8"), bad + "geonames-bad-utf8/allCountries.txt", 4);
    expect_error(dump("geonames-bad-lat"), bad + "geonames-bad-lat/allCountries.txt", 2);
    expect_error(dump("geonames-lat-range"), bad + "geonames-lat-range/allCountries.txt", 5);
    expect_error(dump("geonames-admin1-columns"), bad + "geonames-admin1-columns/admin1CodesASCII.txt", 2);
}

TEST_CASE("the messages say what is wrong", "[gazetteer][bad-input]") {
    gazetteer::BuildOptions o = dump("geonames-truncated");
    o.use_sources = o.use_curated = false;
    o.output = test::temp_dir() + "/x.cmg";
    CHECK_THROWS_WITH(gazetteer::build_gazetteer(o), Catch::Contains("truncated?"));
    o.geonames_dir = test::kData + "/bad/geonames-bad-utf8";
    CHECK_THROWS_WITH(gazetteer::build_gazetteer(o), Catch::Contains("invalid UTF-8 at byte"));
    o.geonames_dir = test::kData + "/bad/geonames-lat-range";
    CHECK_THROWS_WITH(gazetteer::build_gazetteer(o), Catch::Contains("latitude 123.5 is outside"));
    o.geonames_dir = test::kData + "/extra";  // no GeoNames table there
    CHECK_THROWS_AS(gazetteer::build_gazetteer(o), MissingDataError);
}

TEST_CASE("malformed user place files name the file and line", "[gazetteer][bad-input]") {
    const std::string bad = test::kData + "/bad/";
    for (const auto& [file, line] : std::vector<std::pair<std::string, int>>{
             {"extra-missing-name.tsv", 2}, {"extra-bad-lon.tsv", 5}, {"extra-wrong-columns.tsv", 3}}) {
        INFO(file);
        gazetteer::BuildOptions o;
        o.geonames_dir = test::kData + "/geonames-mini";
        o.extra_files = {bad + file};
        expect_error(o, bad + file, line);
    }
    gazetteer::BuildOptions o;
    o.geonames_dir = test::kData + "/geonames-mini";
    o.use_sources = o.use_curated = false;
    o.extra_files = {test::kData + "/bad/README.md"};  // not a vector file
    o.output = test::temp_dir() + "/x.cmg";
    CHECK_THROWS_AS(gazetteer::build_gazetteer(o), DataError);
    o.extra_files = {test::kData + "/no-such-file.tsv"};
    CHECK_THROWS_AS(gazetteer::build_gazetteer(o), MissingDataError);
}
