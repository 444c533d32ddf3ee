// Checks on the full gazetteer built from the pinned sources (label "data").

#include <catch2/catch.hpp>

#include "gazetteer/feature_class.hpp"
#include "gazetteer/gazetteer.hpp"
#include "support/fixtures.hpp"
#include "text/normalizer.hpp"

using namespace conflictmap;
using namespace conflictmap::gazetteer;

namespace {
std::vector<Candidate> find(const Gazetteer& g, const std::string& name, std::size_t limit = 10) {
    text::Normalizer n;
    LookupOptions o;
    o.limit = limit;
    return g.lookup(name, o, n);
}
}  // namespace

TEST_CASE("Stepanakert in every spelling is Xankandi, AZ", "[data]") {
    test::require_full_index();
    const Gazetteer g(test::kFullIndex);
    for (const char* name : {"Stepanakert", "Степанакерт", "Xankəndi", "Khankendi"}) {
        INFO(name);
        const auto c = find(g, name);
        REQUIRE_FALSE(c.empty());
        CHECK(c[0].place.id == 146970);
        CHECK(c[0].place.country_code == "AZ");
    }
}

TEST_CASE("countries, states and demonyms from the npm sources", "[data]") {
    test::require_full_index();
    const Gazetteer g(test::kFullIndex);
    const auto georgia = find(g, "Georgia");
    REQUIRE(georgia.size() >= 2);
    CHECK(georgia[0].place.country_code == "GE");
    CHECK(is_country_code(georgia[0].place.feature_code));
    CHECK(georgia[1].place.country_code == "US");
    CHECK(georgia[1].place.feature_code == "ADM1");

    const auto paris = find(g, "Paris");
    CHECK(paris[0].place.id == 2988507);

    for (const char* d : {"Azerbaijani", "Azeri", "Azerbaijanis"}) {
        INFO(d);
        const auto az = find(g, d);
        REQUIRE_FALSE(az.empty());
        CHECK(az[0].place.country_code == "AZ");
        CHECK(az[0].match == MatchKind::Demonym);
        CHECK(is_country_code(az[0].place.feature_code));
    }
    CHECK(find(g, "Armenians")[0].place.country_code == "AM");
    CHECK(find(g, "Aserbaidschan")[0].place.country_code == "AZ");  // German, from the translations
    const auto us = find(g, "U.S.");
    CHECK(us[0].place.country_code == "US");
    CHECK(is_country_code(us[0].place.feature_code));

    // Natural Earth admin-1: a state with its extent.
    const auto texas = find(g, "Texas");
    CHECK(texas[0].place.feature_code == "ADM1");
    CHECK(texas[0].place.bbox.valid());
    // Russia's extent crosses the antimeridian: west > east, not a world box.
    const auto russia = find(g, "Russia");
    REQUIRE(russia[0].place.bbox.valid());
    CHECK(russia[0].place.bbox.west > russia[0].place.bbox.east);
}

TEST_CASE("the full index stays within its size target", "[data]") {
    test::require_full_index();
    const Gazetteer g(test::kFullIndex);
    CHECK(g.file_size() < 150u * 1024 * 1024);
    CHECK(g.place_count() > 200000);
    CHECK_NOTHROW(g.verify());
}
