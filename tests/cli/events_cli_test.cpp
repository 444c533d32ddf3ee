// `conflictmap events` as a user runs it: formats, exit codes.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

namespace test = conflictmap::test;
using nlohmann::json;

namespace {
std::string gz() { return "--gazetteer '" + test::mini_index() + "' "; }

const std::string kInput =
    "{\"id\": \"a\", \"date\": \"2020-09-28\", \"text\": \"Azerbaijan's forces shelled Stepanakert on Sunday, "
    "killing two civilians.\"}\n"
    "{\"id\": \"b\", \"text\": \"Nothing happened.\"}\n"
    "{\"id\": \"c\", \"date\": \"2023-03-09\", \"text\": \"On 8 March 2023, police fired tear gas at protesters "
    "in Tbilisi.\"}\n";
}  // namespace

TEST_CASE("events: JSON lines carry the geocode line and the events", "[cli][events]") {
    const auto r = test::run_cli(gz() + "events --input-format jsonl --threads 2", kInput);
    REQUIRE(r.exit_code == 0);
    std::istringstream in(r.out);
    std::vector<json> out;
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    REQUIRE(out.size() == 3);
    CHECK(out[0]["id"] == "a");
    CHECK(out[0].contains("toponyms"));
    CHECK(out[0].contains("countries"));
    REQUIRE(out[0]["events"].size() == 1);
    const json& e = out[0]["events"][0];
    CHECK(e["event_type"] == "Explosions/Remote violence");
    CHECK(e["sub_event_type"] == "Shelling/artillery/missile attack");
    CHECK(e["plover"]["event"] == "ASSAULT");
    CHECK(e["actor1"] == "Military Forces of Azerbaijan");
    CHECK(e["actor2"] == "Civilians (Azerbaijan)");
    CHECK(e["fatalities"] == 2);
    CHECK(e["injured"] == 0);
    CHECK(e["date"] == "2020-09-27");
    CHECK(e["time_precision"] == 1);
    CHECK(e["location"]["geonameid"] == 146970);
    CHECK(e["location"]["start"] == 28);
    CHECK(e["location"]["end"] == 39);
    CHECK(e["location"]["geo_precision"] == 1);
    CHECK(e["location"]["reason"] == "trigger-object");
    CHECK(e["trigger"]["text"] == "shelled");
    CHECK(e["trigger"]["start"] == 20);
    CHECK(e["sentence"]["start"] == 0);
    CHECK(out[1]["events"].empty());
    REQUIRE(out[2]["events"].size() == 1);
    CHECK(out[2]["events"][0]["sub_event_type"] == "Protest with intervention");
    CHECK(out[2]["events"][0]["date"] == "2023-03-08");
}

TEST_CASE("events: CSV has ACLED's columns, GeoJSON a point per event", "[cli][events]") {
    auto r = test::run_cli(gz() + "events --input-format jsonl -f csv", kInput);
    REQUIRE(r.exit_code == 0);
    std::istringstream in(r.out);
    std::string header, row;
    std::getline(in, header);
    CHECK(header ==
          "event_date,time_precision,event_type,sub_event_type,actor1,actor2,fatalities,country,admin1,location,"
          "latitude,longitude,geo_precision,notes,doc_id");
    std::getline(in, row);
    CHECK(row.rfind("2020-09-27,1,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of "
                    "Azerbaijan,Civilians (Azerbaijan),2,Azerbaijan,",
                    0) == 0);
    const std::string dir = test::temp_dir();
    r = test::run_cli(gz() + "events --input-format jsonl -f geojson -o '" + dir + "/e.geojson'", kInput);
    REQUIRE(r.exit_code == 0);
    std::ifstream f(dir + "/e.geojson");
    const json fc = json::parse(f);
    REQUIRE(fc["features"].size() == 2);
    CHECK(fc["features"][0]["geometry"]["type"] == "Point");
    CHECK(fc["features"][0]["properties"]["event_type"] == "Explosions/Remote violence");
    CHECK(fc["features"][0]["properties"]["doc_id"] == "a");
}

TEST_CASE("events: exit codes as geocode", "[cli][events]") {
    CHECK(test::run_cli(gz() + "events /nonexistent/article.txt").exit_code == 66);
    CHECK(test::run_cli(gz() + "events --format xml").exit_code == 2);
    CHECK(test::run_cli(gz() + "events --input-format jsonl", "{\"text\": broken\n").exit_code == 65);
    CHECK(test::run_cli("--gazetteer /nonexistent/index.cmg events", "text").exit_code == 66);
    // A "date" that is no YYYY-MM-DD is bad input, named by document and line, unless skipped.
    const std::string bad = "{\"id\": \"ok\", \"date\": \"2021-03-05\", \"text\": \"Rebels shelled Tbilisi.\"}\n"
                            "{\"id\": \"n2\", \"date\": \"5 March 2021\", \"text\": \"Rebels shelled Tbilisi.\"}\n";
    const auto r = test::run_cli(gz() + "events --input-format jsonl", bad);
    CHECK(r.exit_code == 65);
    CHECK(r.err.find("n2") != std::string::npos);
    CHECK(r.err.find(":2:") != std::string::npos);
    CHECK(test::run_cli(gz() + "events --input-format jsonl", "{\"date\": \"2021-02-30\", \"text\": \"x\"}\n").exit_code == 65);
    CHECK(test::run_cli(gz() + "events --input-format jsonl", "{\"date\": 20210305, \"text\": \"x\"}\n").exit_code == 65);
    CHECK(test::run_cli(gz() + "events --input-format jsonl", "{\"date\": null, \"text\": \"x\"}\n").exit_code == 0);
    const auto skipped = test::run_cli(gz() + "events --input-format jsonl --skip-bad", bad);
    CHECK(skipped.exit_code == 0);
    CHECK(skipped.out.find("\"ok\"") != std::string::npos);
    const auto help = test::run_cli("events --help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--input-format") != std::string::npos);
}

TEST_CASE("events: --date gives plain text its publication date", "[cli][events]") {
    const std::string text = "Azerbaijan's forces shelled Stepanakert on Sunday, killing two civilians.";
    const auto r = test::run_cli(gz() + "events --date 2020-09-28 -", text);
    REQUIRE(r.exit_code == 0);
    const json out = json::parse(r.out);
    REQUIRE(out["events"].size() == 1);
    CHECK(out["events"][0]["date"] == "2020-09-27");
    // A JSON line's own "date" wins over --date.
    const auto j = test::run_cli(gz() + "events --input-format jsonl --date 2021-01-01", kInput);
    REQUIRE(j.exit_code == 0);
    CHECK(j.out.find("\"2020-09-27\"") != std::string::npos);
    const auto bad = test::run_cli(gz() + "events --date 2020-13-01 -", text);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--date") != std::string::npos);
}
