#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "gazetteer/gazetteer.hpp"
#include "support/fixtures.hpp"
#include "text/normalizer.hpp"

using namespace conflictmap;
using namespace conflictmap::gazetteer;
using conflictmap::test::mini_index;

namespace {

std::vector<Candidate> find(const Gazetteer& g, const std::string& name, std::string country = "",
                            std::size_t limit = 50) {
    text::Normalizer n;
    LookupOptions o;
    o.limit = limit;
    o.country = country;
    return g.lookup(name, o, n);
}

bool contains_id(const std::vector<Candidate>& c, std::int64_t id) {
    for (const auto& x : c)
        if (x.place.id == id) return true;
    return false;
}

}  // namespace

TEST_CASE("the classic ambiguities rank by prior", "[gazetteer]") {
    const Gazetteer g(mini_index());

    auto paris = find(g, "Paris");
    REQUIRE(paris.size() >= 4);
    CHECK(paris[0].place.id == 2988507);  // Paris, France
    CHECK(paris[0].place.country_code == "FR");
    CHECK(contains_id(paris, 4717560));   // Paris, Texas
    CHECK(contains_id(paris, 4647963));   // Paris, Tennessee

    auto georgia = find(g, "Georgia");
    REQUIRE(georgia.size() >= 2);
    CHECK(georgia[0].place.id == 614540);  // the country
    CHECK(georgia[0].place.feature_code == "PCLI");
    CHECK(contains_id(georgia, 4197000));  // the US state

    auto tripoli = find(g, "Tripoli");
    CHECK(contains_id(tripoli, 2210247));  // Libya
    CHECK(contains_id(tripoli, 266826));   // Lebanon
    CHECK(tripoli[0].place.id == 2210247);

    CHECK(find(g, "Springfield").size() >= 5);
    CHECK(find(g, "Springfield", "US").size() == find(g, "Springfield").size());

    // A country named like a town: the country first.
    CHECK(find(g, "Jordan")[0].place.id == 248816);
    CHECK(find(g, "Lebanon")[0].place.id == 272103);
}

TEST_CASE("a city meets its names in other scripts", "[gazetteer]") {
    const Gazetteer g(mini_index());
    for (const char* name : {"Stepanakert", "Степанакерт", "Ստեփանակերտ", "Xankəndi", "Xankandi",
                             "Khankendi", "STEPANAKERT"}) {
        INFO(name);
        const auto c = find(g, name);
        REQUIRE_FALSE(c.empty());
        CHECK(c[0].place.id == 146970);
        CHECK(c[0].place.country_code == "AZ");
        CHECK(c[0].place.lat == Approx(39.8177).margin(1e-3));
    }
    const auto main_name = find(g, "Xankandi");
    CHECK(main_name[0].match == MatchKind::Name);
    // The Cyrillic name folds onto "Stepanakert": one key, reported with the
    // best kind of name behind it (our aliases table lists it as a name).
    CHECK(find(g, "Степанакерт")[0].match == MatchKind::Name);
}

TEST_CASE("alternate names: historic and abbreviations kept, links and codes dropped", "[gazetteer]") {
    const Gazetteer g(mini_index());
    const auto tiflis = find(g, "Tiflis");
    REQUIRE_FALSE(tiflis.empty());
    CHECK(tiflis[0].place.id == 611717);
    // Other spellings in allCountries.txt ("Tíflis") fold to the same key as
    // the historic row, so the key reports the best of them.
    CHECK(tiflis[0].match != MatchKind::Name);
    CHECK(find(g, "https://en.wikipedia.org/wiki/Stepanakert").empty());
    const auto usa = find(g, "USA");
    REQUIRE_FALSE(usa.empty());
    CHECK(usa[0].place.id == 6252001);
    CHECK(usa[0].match == MatchKind::Abbreviation);
}

TEST_CASE("places carry their admin names, country and extent", "[gazetteer]") {
    const Gazetteer g(mini_index());
    const auto tx = find(g, "Paris", "US");
    REQUIRE_FALSE(tx.empty());
    CHECK(tx[0].place.id == 4717560);
    CHECK(tx[0].place.admin1_name == "Texas");
    CHECK(tx[0].place.admin1_code == "TX");
    CHECK_FALSE(tx[0].place.admin2_name.empty());
    CHECK(tx[0].place.geonameid() == std::optional<std::int64_t>(4717560));

    const auto by_id = g.find_id(146970);
    REQUIRE(by_id);
    CHECK(by_id->name == "Xankandi");
    CHECK_FALSE(g.find_id(1));
}

TEST_CASE("the --country filter and the limit", "[gazetteer]") {
    const Gazetteer g(mini_index());
    const auto lb = find(g, "Tripoli", "LB");
    REQUIRE_FALSE(lb.empty());
    for (const auto& c : lb) CHECK(c.place.country_code == "LB");
    CHECK(find(g, "Springfield", "", 3).size() == 3);
    CHECK(find(g, "Nowhere-at-all").empty());
}

TEST_CASE("curated tables add regions, seas and conflict areas", "[gazetteer][curated]") {
    if (!std::filesystem::exists(test::kSourceDir + "/geodata/curated")) return;
    const Gazetteer g(mini_index());
    for (const char* name : {"Nagorno-Karabakh", "Artsakh", "Caspian Sea", "Middle East", "Caucasus",
                             "Gaza Strip", "Donbas", "Crimea"}) {
        INFO(name);
        const auto c = find(g, name);
        REQUIRE_FALSE(c.empty());
        CHECK(c[0].place.source == Source::Curated);
    }
    const auto nk = find(g, "Nagorno-Karabakh")[0].place;
    CHECK(nk.lat == Approx(39.8).margin(0.5));
    CHECK(nk.lon == Approx(46.7).margin(0.5));
    CHECK(nk.bbox.valid());
    // US state abbreviations, postal and AP style, point at the state row.
    const auto ga = find(g, "Ga.");
    REQUIRE_FALSE(ga.empty());
    CHECK(ga[0].place.id == 4197000);
    CHECK(ga[0].match == MatchKind::Abbreviation);
}

TEST_CASE("a damaged or foreign index is refused with a clear error", "[gazetteer]") {
    const std::string dir = test::temp_dir();
    const std::string good = mini_index();
    std::string bytes;
    {
        std::ifstream in(good, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto write = [&](const std::string& name, const std::string& b) {
        std::ofstream(dir + "/" + name, std::ios::binary) << b;
        return dir + "/" + name;
    };
    CHECK_THROWS_AS(Gazetteer(write("text.cmg", "hello\n")), DataError);
    CHECK_THROWS_WITH(Gazetteer(write("truncated.cmg", bytes.substr(0, bytes.size() / 2))),
                      Catch::Contains("truncated"));
    std::string version = bytes;
    version[8] = 99;  // format_version
    CHECK_THROWS_WITH(Gazetteer(write("version.cmg", version)), Catch::Contains("format version 99"));
    std::string flipped = bytes;
    flipped[bytes.size() - 10] ^= 0x55;
    const Gazetteer opened(write("flipped.cmg", flipped));  // the header is intact
    CHECK_THROWS_WITH(opened.verify(), Catch::Contains("checksum mismatch"));
    CHECK_NOTHROW(Gazetteer(good).verify());
    CHECK_THROWS_AS(Gazetteer(dir + "/absent.cmg"), IoError);
}
