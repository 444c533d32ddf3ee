#include <catch2/catch.hpp>

#include "gazetteer/gazetteer.hpp"
#include "support/fixtures.hpp"
#include "text/normalizer.hpp"

using namespace conflictmap;
using namespace conflictmap::gazetteer;

namespace {
std::vector<Candidate> find(const Gazetteer& g, const std::string& name) {
    text::Normalizer n;
    return g.lookup(name, {}, n);
}
}  // namespace

TEST_CASE("users' places are found and win ties with built-in places", "[gazetteer][user]") {
    const Gazetteer g(test::mini_index_with_extra());
    const auto paris = find(g, "Paris");
    REQUIRE(paris.size() >= 2);
    CHECK(paris[0].place.source == Source::User);
    CHECK(paris[0].place.country_code == "AZ");
    CHECK_FALSE(paris[0].place.geonameid());  // our id space, not GeoNames'
    CHECK(paris[1].place.id == 2988507);      // the built-in Paris follows

    const auto talish = find(g, "Talış");
    REQUIRE_FALSE(talish.empty());
    CHECK(talish[0].place.name == "Talish");
    CHECK(find(g, "Թալիշ")[0].place.name == "Talish");

    const auto hill = find(g, "Hill 1112");
    REQUIRE_FALSE(hill.empty());
    CHECK(hill[0].place.feature_class == 'T');

    // The same ids in every build: users can refer to them.
    const Gazetteer again(test::mini_index_with_extra());
    CHECK(find(again, "Talish")[0].place.id == talish[0].place.id);
}

TEST_CASE("users' vector files give points and polygons with extents", "[gazetteer][user]") {
    const Gazetteer g(test::mini_index_with_extra());
    const auto sector = find(g, "Sector North");
    REQUIRE_FALSE(sector.empty());
    const PlaceView& s = sector[0].place;
    REQUIRE(s.bbox.valid());
    CHECK(s.bbox.west == Approx(46.15).margin(0.01));
    CHECK(s.bbox.east == Approx(46.25).margin(0.01));
    CHECK(s.bbox.south == Approx(40.25).margin(0.01));
    CHECK(s.bbox.north == Approx(40.35).margin(0.01));
    CHECK(s.lat > 40.25);  // a point inside the polygon
    CHECK(s.lat < 40.35);
    CHECK(s.source == Source::User);
    CHECK_FALSE(find(g, "Position Kestrel").empty());
}
