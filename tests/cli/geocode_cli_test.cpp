// `conflictmap geocode` as a user runs it: formats, bad input, exit codes.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "geo/ogr_source.hpp"
#include "support/fixtures.hpp"

namespace test = conflictmap::test;
using nlohmann::json;

namespace {
std::string gz() { return "--gazetteer '" + test::mini_index() + "' "; }

std::vector<json> lines(const std::string& s) {
    std::vector<json> out;
    std::istringstream in(s);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(json::parse(line));
    return out;
}
}  // namespace

TEST_CASE("geocode: JSON lines in, one line out per document, same order", "[cli][geocode]") {
    const std::string in =
        "{\"id\": \"a\", \"text\": \"Talks in Tbilisi.\"}\n"
        "{\"text\": \"Nothing here.\", \"extra\": [1, 2]}\n"
        "{\"id\": \"c\", \"text\": \"\"}\n"
        "{\"id\": \"d\", \"text\": \"Степанакерт: shelling near Stepanakert.\"}\n";
    const auto r = test::run_cli(gz() + "geocode --input-format jsonl --threads 2", in);
    REQUIRE(r.exit_code == 0);
    const auto out = lines(r.out);
    REQUIRE(out.size() == 4);
    CHECK(out[0]["id"] == "a");
    CHECK(out[1]["id"] == "2");  // line number when there is no id
    CHECK(out[2]["toponyms"].empty());
    REQUIRE(out[0]["toponyms"].size() == 1);
    const auto& t = out[0]["toponyms"][0];
    CHECK(t["text"] == "Tbilisi");
    CHECK(t["start"] == 9);
    CHECK(t["end"] == 16);
    CHECK(t["geonameid"] == 611717);
    for (const char* k : {"name", "lat", "lon", "feature_class", "feature_code", "country_code", "admin1",
                          "population", "score", "kind"})
        CHECK(t.contains(k));
    // Offsets count code points, as Python slices: the Latin mention after Cyrillic text.
    const auto& d = out[3]["toponyms"];
    REQUIRE(d.size() == 2);
    CHECK(d[1]["start"] == 27);
    CHECK(d[1]["end"] == 38);
    CHECK(d[0]["geonameid"] == 146970);
}

TEST_CASE("geocode: resolve-only mode takes the given spans", "[cli][geocode]") {
    const std::string in = "{\"id\": \"s\", \"text\": \"Flights from Paris to Xyzzy.\", "
                           "\"toponyms\": [{\"start\": 13, \"end\": 18}, {\"start\": 22, \"end\": 27}]}\n";
    const auto r = test::run_cli(gz() + "geocode --input-format jsonl --spans", in);
    REQUIRE(r.exit_code == 0);
    const auto out = lines(r.out);
    REQUIRE(out[0]["toponyms"].size() == 2);
    CHECK(out[0]["toponyms"][0]["geonameid"] == 2988507);
    // An unknown name is placed at what the document is about, and says so.
    const auto& unknown = out[0]["toponyms"][1];
    CHECK(unknown["match"] == "context");
    CHECK(unknown["geonameid"] == 2988507);
    CHECK(unknown["score"].get<double>() < 0.2);
    // With nothing else in the document, it stays unresolved.
    const auto alone = test::run_cli(gz() + "geocode --input-format jsonl --spans",
                                     "{\"text\": \"Xyzzy.\", \"toponyms\": [{\"start\": 0, \"end\": 5}]}\n");
    REQUIRE(alone.exit_code == 0);
    CHECK(lines(alone.out)[0]["toponyms"][0]["lat"].is_null());
}

TEST_CASE("geocode: a broken JSON line names its line; --skip-bad goes on", "[cli][geocode]") {
    const std::string in = "{\"id\": \"a\", \"text\": \"Paris\"}\n{\"id\": \"b\", \"text\": \n{\"id\": \"c\", \"text\": \"Baku\"}\n";
    const auto r = test::run_cli(gz() + "geocode --input-format jsonl", in);
    CHECK(r.exit_code == 65);
    CHECK_THAT(r.err, Catch::Contains("stdin:2"));
    const auto s = test::run_cli(gz() + "geocode --input-format jsonl --skip-bad", in);
    CHECK(s.exit_code == 0);
    CHECK(lines(s.out).size() == 2);
    CHECK_THAT(s.err, Catch::Contains("skipped 1"));
}

TEST_CASE("geocode: invalid UTF-8 is named by document and byte, or replaced", "[cli][geocode]") {
    const std::string dir = test::temp_dir();
    const std::string file = dir + "/bad.txt";
    std::ofstream(file, std::ios::binary) << "Fighting near Tbilisi \xFF today.";
    const auto r = test::run_cli(gz() + "geocode '" + file + "'");
    CHECK(r.exit_code == 65);
    CHECK_THAT(r.err, Catch::Contains("bad.txt") && Catch::Contains("byte 22"));
    const auto ok = test::run_cli(gz() + "geocode --on-bad-utf8 replace '" + file + "'");
    CHECK(ok.exit_code == 0);
    CHECK(lines(ok.out)[0]["toponyms"][0]["text"] == "Tbilisi");
    const auto skip = test::run_cli(gz() + "geocode --on-bad-utf8 skip '" + file + "'");
    CHECK(skip.exit_code == 0);
    CHECK(lines(skip.out).empty());
}

TEST_CASE("geocode: GeoJSON and CSV outputs, written atomically with -o", "[cli][geocode]") {
    const std::string dir = test::temp_dir();
    const std::string in = "Shelling in Stepanakert. Talks in Tbilisi and Tbilisi again.";
    const auto r = test::run_cli(gz() + "geocode -f geojson -o '" + dir + "/out.geojson'", in);
    REQUIRE(r.exit_code == 0);
    std::ifstream f(dir + "/out.geojson");
    const json fc = json::parse(f);
    CHECK(fc["type"] == "FeatureCollection");
    CHECK(fc["features"].size() == 3);
    CHECK(fc["features"][0]["geometry"]["type"] == "Point");
    const auto grouped = test::run_cli(gz() + "geocode -f geojson --group places", in);
    CHECK(json::parse(grouped.out)["features"].size() == 2);
    const auto csv = test::run_cli(gz() + "geocode -f csv", in);
    CHECK(csv.exit_code == 0);
    CHECK(csv.out.rfind("doc_id,start,end,text,", 0) == 0);
    // A failed run leaves an existing output file alone.
    std::ofstream(dir + "/keep.jsonl") << "old";
    const auto bad = test::run_cli(gz() + "geocode --input-format jsonl -o '" + dir + "/keep.jsonl'", "{oops\n");
    CHECK(bad.exit_code == 65);
    std::ifstream k(dir + "/keep.jsonl");
    CHECK(std::string((std::istreambuf_iterator<char>(k)), {}) == "old");
    CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}) == 2);
}

TEST_CASE("geocode: missing input file exits 66", "[cli][geocode]") {
    const auto r = test::run_cli(gz() + "geocode /nonexistent/article.txt");
    CHECK(r.exit_code == 66);
    CHECK_THAT(r.err, Catch::Contains("/nonexistent/article.txt"));
}

TEST_CASE("geocode: a 100 MB single document, offsets right across its windows", "[cli][geocode][slow]") {
    const std::string dir = test::temp_dir();
    const std::string file = dir + "/big.txt";
    // Realistic density: one place name per ~250 bytes, non-ASCII text mixed
    // in so code point offsets differ from byte offsets.
    const std::string filler =
        "The committee met again on Tuesday to discuss the budget for the coming year, officials said. "
        "Наблюдатели сообщили о переговорах. ";
    const std::string placed = "Talks continued in Tbilisi today.\n";
    std::size_t expected = 0;
    {
        std::ofstream out(file, std::ios::binary);
        std::size_t size = 0;
        while (size < 100u * 1000 * 1000) {
            out << filler << placed;
            size += filler.size() + placed.size();
            ++expected;
        }
    }
    const auto r = test::run_cli(gz() + "geocode -f geojson --group places '" + file + "'");
    REQUIRE(r.exit_code == 0);
    const json fc = json::parse(r.out);
    REQUIRE(fc["features"].size() == 1);
    CHECK(fc["features"][0]["properties"]["mentions"] == expected);
    // Offsets past the first 1 MiB window, checked as Python would slice.
    const auto lines_out = test::run_cli(gz() + "geocode '" + file + "'");
    REQUIRE(lines_out.exit_code == 0);
    const json doc = json::parse(lines_out.out);
    const auto& tops = doc["toponyms"];
    REQUIRE(tops.size() == expected);
    const std::size_t per = test::code_points(filler) + test::code_points(placed);
    for (const std::size_t k : {std::size_t{0}, expected / 2, expected - 1}) {
        INFO("mention " << k);
        CHECK(tops[k]["start"] == k * per + test::code_points(filler) + 19);
        CHECK(tops[k]["text"] == "Tbilisi");
    }
}

TEST_CASE("geocode: any GDAL vector format with -o", "[cli][geocode]") {
    const std::string dir = test::temp_dir();
    const std::string in = "Shelling in Stepanakert. Talks in Tbilisi and Paris.";
    const auto r = test::run_cli(gz() + "geocode -f GPKG -o '" + dir + "/out.gpkg'", in);
    REQUIRE(r.exit_code == 0);
    // Read it back through GDAL, as a user's GIS would.
    std::vector<std::string> names;
    conflictmap::geo::read_vector_features(dir + "/out.gpkg", [&](const conflictmap::geo::VectorFeature& f) {
        names.push_back(f.field({"name"}));
        CHECK(f.has_point);
    });
    CHECK(names.size() == 3);
    CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}) == 1);
    CHECK(test::run_cli(gz() + "geocode -f NoSuchDriver -o '" + dir + "/x'", in).exit_code == 2);
    CHECK(test::run_cli(gz() + "geocode -f GPKG", in).exit_code == 2);  // needs -o
    CHECK(test::run_cli(gz() + "geocode -f GPKG -o /nonexistent/dir/x.gpkg", in).exit_code == 74);
}

TEST_CASE("geocode scales out with GNU parallel (docs/scale.md)", "[cli][geocode][scale]") {
    if (std::system("command -v parallel >/dev/null 2>&1") != 0) {
        std::cerr << "SKIP: GNU parallel is not installed (scripts/install-deps installs it)\n";
        std::exit(77);
    }
    const std::string dir = test::temp_dir();
    {
        std::ofstream in(dir + "/in.jsonl");
        const char* texts[] = {"Shelling hit Stepanakert.", "Talks in Tbilisi and Paris, Texas.",
                               "Nothing here.", "Protests in Baku and Yerevan."};
        for (int i = 0; i < 200; ++i)
            in << json({{"id", "d" + std::to_string(i)}, {"text", texts[i % 4]}}).dump() << "\n";
    }
    const std::string bin = "'" + test::kBinary + "' --gazetteer '" + test::mini_index() + "'";
    // The documented recipe: chunks of 25 lines, one process per core, output in input order.
    const std::string cmd = "parallel --pipe --keep-order -N 25 " + bin +
                            " geocode --input-format jsonl --threads 1 < '" + dir + "/in.jsonl' > '" + dir +
                            "/parallel.jsonl' && " + bin + " geocode --input-format jsonl < '" + dir +
                            "/in.jsonl' > '" + dir + "/single.jsonl'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    std::ifstream a(dir + "/parallel.jsonl"), b(dir + "/single.jsonl");
    const std::string pa((std::istreambuf_iterator<char>(a)), {}), sb((std::istreambuf_iterator<char>(b)), {});
    CHECK(lines(pa).size() == 200);
    CHECK(pa == sb);
}

TEST_CASE("events: any GDAL vector format with -o, ACLED columns", "[cli][events]") {
    const std::string dir = test::temp_dir();
    const std::string in =
        "{\"id\": \"a\", \"date\": \"2020-09-28\", \"text\": \"Azerbaijan's forces shelled Stepanakert on "
        "Sunday, killing two civilians.\"}\n";
    const auto r = test::run_cli(gz() + "events --input-format jsonl -f GPKG -o '" + dir + "/ev.gpkg'", in);
    REQUIRE(r.exit_code == 0);
    std::vector<conflictmap::geo::VectorFeature> features;
    conflictmap::geo::read_vector_features(dir + "/ev.gpkg", [&](const auto& f) { features.push_back(f); });
    REQUIRE(features.size() == 1);
    CHECK(features[0].field({"event_type"}) == "Explosions/Remote violence");
    CHECK(features[0].field({"fatalities"}) == "2");
    CHECK(features[0].field({"event_date"}) == "2020-09-27");
    CHECK(features[0].lat == Approx(39.8177).margin(1e-3));
    CHECK(test::run_cli(gz() + "events -f NoSuchDriver -o '" + dir + "/x'", in).exit_code == 2);
}
