// Projections, extents and the scale bar, against known coordinates and
// distances.

#include "render/view.hpp"

#include <cmath>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "geo/projection.hpp"

namespace geo = conflictmap::geo;
namespace render = conflictmap::render;

namespace {
const geo::LonLat kYerevan{44.5136, 40.1811};
const geo::LonLat kBaku{49.8920, 40.3777};
const geo::LonLat kLisbon{-9.1393, 38.7223};
const geo::LonLat kMoscow{37.6173, 55.7558};
}  // namespace

TEST_CASE("projection: Web Mercator and PROJ agree with known values", "[render][projection]") {
    const geo::Projection merc("EPSG:3857");
    CHECK(merc.is_web_mercator());
    const auto p = merc.forward({180, 0});
    CHECK(p.x == Approx(20037508.342789244));
    CHECK(p.y == Approx(0).margin(1e-6));
    const auto q = merc.forward({0, 85.0511287798066});
    CHECK(q.y == Approx(20037508.342789244));
    const auto back = merc.inverse(merc.forward(kBaku));
    CHECK(back.lon == Approx(kBaku.lon));
    CHECK(back.lat == Approx(kBaku.lat));
    // The shortcut equals PROJ's own pipeline.
    const geo::Projection proj_merc("+proj=webmerc +datum=WGS84");
    const auto a = merc.forward(kYerevan), b = proj_merc.forward(kYerevan);
    CHECK(a.x == Approx(b.x).epsilon(1e-9));
    CHECK(a.y == Approx(b.y).epsilon(1e-9));
    // A bare EPSG code and a PROJ string both work; nonsense is an error.
    const geo::Projection laea("3035");
    CHECK(laea.name().find("LAEA") != std::string::npos);
    CHECK(std::isnan(laea.seam_longitude()));
    CHECK(geo::Projection("+proj=eqearth +lon_0=20").seam_longitude() == Approx(-160));
    CHECK_THROWS_AS(geo::Projection("EPSG:999999"), conflictmap::LibraryError);
    // A point on the far side of an azimuthal projection is NaN, not garbage.
    const geo::Projection ortho("+proj=ortho +lat_0=40 +lon_0=45");
    CHECK(std::isnan(ortho.forward({-135, -40}).x));
}

TEST_CASE("projection: geodesic distances", "[render][projection]") {
    // Yerevan-Baku: 459 km on the WGS 84 ellipsoid (Karney).
    CHECK(geo::geodesic_distance(kYerevan, kBaku) == Approx(459'000).epsilon(0.01));
    // Lisbon-Moscow: 3,900 km.
    CHECK(geo::geodesic_distance(kLisbon, kMoscow) == Approx(3'905'000).epsilon(0.01));
    const auto d = geo::geodesic_destination(kYerevan, 90, 100'000);
    CHECK(geo::geodesic_distance(kYerevan, d) == Approx(100'000));
}

TEST_CASE("view: the CRS is chosen from the extent", "[render][projection]") {
    CHECK(render::auto_crs({42, 37.5, 51.5, 43.5}) == "EPSG:3857");
    // A continent: Lambert azimuthal equal-area centred on it.
    const auto europe = render::auto_crs({-12, 34, 45, 71});
    CHECK(europe.find("+proj=laea") != std::string::npos);
    CHECK(europe.find("+lon_0=16.50") != std::string::npos);
    // Near the pole even a small map is not Mercator.
    CHECK(render::auto_crs({10, 76, 30, 80}).find("laea") != std::string::npos);
    CHECK(render::auto_crs({-180, -60, 180, 80}).find("eqearth") != std::string::npos);
    // A local map across 180°: Mercator centred on it.
    CHECK(render::auto_crs({175, -20, -177, -14}) == "+proj=merc +lon_0=179.00 +datum=WGS84 +units=m +no_defs");
    // Points across 180°: the box goes the short way round.
    const auto b = render::bounds_of({{178, -17}, {-179, -18}});
    CHECK(b.west == 178);
    CHECK(b.east == -179);
}

TEST_CASE("view: the scale bar is right at the centre of the map", "[render][projection]") {
    const render::Box frame{0, 0, 1600, 1000};
    SECTION("Web Mercator, the South Caucasus") {
        render::ExtentRequest r;
        r.bbox = geo::LonLatBox{42, 37.5, 51.5, 43.5};
        const render::MapView view(r, frame, frame);
        CHECK(view.projection().is_web_mercator());
        // Yerevan and Baku lie near the centre's latitude: their distance
        // on the map, at the scale bar's metres per pixel, is their distance
        // on the ground (Mercator's scale changes 0.3% over their 0.2° of latitude).
        const auto a = view.device(kYerevan), b = view.device(kBaku);
        const double px = std::hypot(a.x - b.x, a.y - b.y);
        CHECK(px * view.metres_per_unit() ==
              Approx(geo::geodesic_distance(kYerevan, kBaku)).epsilon(0.01));
        // The box is taller than the page in Mercator (6° of latitude at
        // 40.5°N project to 882 km): 882 m a pixel on the projection, times
        // cos(40.5°) on the ground.
        CHECK(view.metres_per_unit() == Approx(669).epsilon(0.01));
        const auto [metres, units] = render::scale_bar_length(view.metres_per_unit(), 320);
        CHECK(metres == 200'000);
        CHECK(units * view.metres_per_unit() == Approx(200'000));
    }
    SECTION("Lambert azimuthal equal-area, Europe") {
        render::ExtentRequest r;
        r.bbox = geo::LonLatBox{-12, 34, 45, 71};
        const render::MapView view(r, frame, frame);
        CHECK(std::isnan(view.projection().seam_longitude()));
        // Along a line through the centre the projection's scale error is
        // small: 1% for Lisbon-Moscow.
        const auto a = view.device(kLisbon), b = view.device(kMoscow);
        const double px = std::hypot(a.x - b.x, a.y - b.y);
        CHECK(px * view.metres_per_unit() ==
              Approx(geo::geodesic_distance(kLisbon, kMoscow)).epsilon(0.03));
        CHECK(view.north_angle() == Approx(0).margin(0.01));
    }
    SECTION("centre and zoom") {
        render::ExtentRequest r;
        r.center = geo::LonLat{46.75, 39.82};
        r.zoom = 8;
        const render::MapView view(r, frame, frame);
        const auto c = view.centre();
        CHECK(c.lon == Approx(46.75));
        CHECK(c.lat == Approx(39.82));
        // Zoom 8: 611 m a pixel at the equator, times cos(latitude) on the ground.
        CHECK(view.metres_per_unit() == Approx(611.5 * std::cos(39.82 * M_PI / 180)).epsilon(0.01));
    }
}

TEST_CASE("view: scale bar lengths are round", "[render][projection]") {
    CHECK(render::scale_bar_length(1000, 250).first == 200'000);
    CHECK(render::scale_bar_length(1000, 99).first == 50'000);
    CHECK(render::scale_bar_length(3, 200).first == 500);
    CHECK(render::scale_bar_length(20000, 240).first == 2'000'000);
}
