// The renderer: visual regression against committed reference images, the
// label property (no two labels overlap), text kept as text in SVG and PDF.
//
// Reference images live in tests/data/map/reference. After a deliberate
// change of the look, regenerate them and review the diff:
//   CONFLICTMAP_REGENERATE_REFERENCES=1 build/conflictmap_tests "[visual]"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <catch2/catch.hpp>

#include "geo/canvas.hpp"
#include "render/basemap.hpp"
#include "render/map_data.hpp"
#include "render/map_renderer.hpp"
#include "render/style.hpp"
#include "support/fixtures.hpp"

namespace geo = conflictmap::geo;
namespace render = conflictmap::render;
namespace test = conflictmap::test;
namespace fs = std::filesystem;

namespace {

// The committed basemap fixture (Natural Earth 110m around the Caucasus),
// never the full data.
const render::Basemap& fixture_basemap() {
    static const render::Basemap b({test::kData + "/map/basemap", ""});
    return b;
}

render::MapData load(const std::string& file) {
    return render::load_map_data({test::kData + "/map/" + file}, {},
                                 []() -> const conflictmap::gazetteer::Gazetteer& {
                                     throw std::runtime_error("no gazetteer in this test");
                                 });
}

render::MapOptions small_png() {
    render::MapOptions o;
    o.width = 480;
    o.height = 320;
    o.date = "2024-01-01";  // the attribution's date, fixed for the references
    return o;
}

// Share of pixels whose colour differs by more than `threshold` in any
// channel: font rasterisation and anti-aliasing move a few edge pixels
// between library versions, a real change moves many.
double differing_share(const geo::RgbaImage& a, const geo::RgbaImage& b, int threshold = 48) {
    if (a.width != b.width || a.height != b.height) return 1;
    std::size_t differ = 0;
    for (std::size_t i = 0; i < a.rgba.size(); i += 4) {
        for (int c = 0; c < 4; ++c) {
            if (std::abs(int(a.rgba[i + c]) - int(b.rgba[i + c])) > threshold) {
                ++differ;
                break;
            }
        }
    }
    return static_cast<double>(differ) / (a.rgba.size() / 4);
}

void compare_with_reference(const std::string& name, const std::string& png) {
    const std::string ref = test::kData + "/map/reference/" + name + ".png";
    const char* regenerate = std::getenv("CONFLICTMAP_REGENERATE_REFERENCES");
    if ((regenerate && *regenerate && std::string(regenerate) != "0") || !fs::exists(ref)) {
        std::ofstream(ref, std::ios::binary) << png;
        WARN("wrote reference image " << ref);
        return;
    }
    const auto expected = geo::decode_png(test::slurp(ref));
    const auto actual = geo::decode_png(png);
    const double share = differing_share(expected, actual);
    if (share > 0.01) {
        const std::string out = test::temp_dir() + "/" + name + ".png";
        const std::string keep =
            (fs::temp_directory_path() / ("conflictmap-" + name + "-actual.png")).string();
        std::ofstream(keep, std::ios::binary) << png;
        FAIL_CHECK(name << ": " << share * 100 << "% of pixels differ from " << ref
                        << " (actual image: " << keep
                        << "; CONFLICTMAP_REGENERATE_REFERENCES=1 to accept)");
        (void)out;
    }
    CHECK(share <= 0.01);
}

}  // namespace

TEST_CASE("map: visual regression, light style", "[render][visual]") {
    const auto style = render::load_style("light");
    const render::MapRenderer r(style, fixture_basemap(), nullptr);
    auto o = small_png();
    o.title = "Karabakh";
    const auto result = r.render(load("places.csv"), o);
    CHECK(result.crs == "EPSG:3857");
    compare_with_reference("places-light", result.bytes);
}

TEST_CASE("map: visual regression, dark style with heatmap", "[render][visual]") {
    const auto style = render::load_style("dark");
    const render::MapRenderer r(style, fixture_basemap(), nullptr);
    auto o = small_png();
    o.heatmap = true;
    o.title = "Density";
    compare_with_reference("places-dark-heatmap", r.render(load("places.csv"), o).bytes);
}

TEST_CASE("map: visual regression, events by type on an equal-area map", "[render][visual]") {
    const auto style = render::load_style("light");
    const render::MapRenderer r(style, fixture_basemap(), nullptr);
    auto o = small_png();
    o.bbox = geo::LonLatBox{26, 30, 62, 50};
    o.crs = "+proj=laea +lat_0=40 +lon_0=44 +datum=WGS84";
    o.title = "Events";
    const auto result = r.render(load("events.geojson"), o);
    // Stepanakert, Fuzuli and Goris are a few pixels apart at this scale: one cluster.
    CHECK(result.symbols == 2);
    CHECK(result.clusters == 1);
    compare_with_reference("events-laea", result.bytes);
}

TEST_CASE("map: no two labels overlap, and none leaves the frame", "[render][labels]") {
    // 400 random named points around the Caucasus: most labels cannot be
    // placed; those that are must not touch.
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lon(40, 52), lat(37, 44);
    std::uniform_int_distribution<int> count(1, 9);
    render::MapData data;
    for (int i = 0; i < 400; ++i) {
        render::MapFeature f;
        f.lon = lon(rng);
        f.lat = lat(rng);
        f.count = count(rng);
        f.name = "Place " + std::to_string(i);
        f.kind = i % 7 == 0 ? render::FeatureKind::Region : render::FeatureKind::Place;
        data.features.push_back(f);
    }
    const auto style = render::load_style("light");
    const render::MapRenderer r(style, fixture_basemap(), nullptr);
    for (bool clusters : {true, false}) {
        auto o = small_png();
        o.width = 900;
        o.height = 600;
        o.clusters = clusters;
        const auto result = r.render(data, o);
        REQUIRE(result.labels.size() > 10);
        CHECK(result.dropped_labels > 0);
        for (std::size_t i = 0; i < result.labels.size(); ++i) {
            const auto& a = result.labels[i].box;
            CHECK(a.x0 >= 0);
            CHECK(a.y0 >= 0);
            CHECK(a.x1 <= result.device_width);
            CHECK(a.y1 <= result.device_height);
            for (std::size_t j = i + 1; j < result.labels.size(); ++j) {
                if (a.intersects(result.labels[j].box))
                    FAIL_CHECK(result.labels[i].text << " overlaps " << result.labels[j].text);
            }
        }
        if (clusters) CHECK(result.clusters > 0);
    }
}

TEST_CASE("map: SVG keeps labels as text in every script; PDF embeds fonts", "[render][svg]") {
    const auto style = render::load_style("light");
    const render::MapRenderer r(style, fixture_basemap(), nullptr);
    auto o = small_png();
    o.width = 1000;
    o.height = 700;
    o.format = geo::OutputFormat::Svg;
    o.clusters = false;
    const auto data = load("places.csv");
    const auto svg = r.render(data, o).bytes;
    CHECK_THAT(svg, Catch::StartsWith("<?xml"));
    // Armenian, Cyrillic, Persian (Arabic script), Azerbaijani ə.
    for (const char* name :
         {">Ստեփանակերտ</text>", ">Баку</text>", ">تبریز</text>", ">Gəncə</text>"})
        CHECK_THAT(svg, Catch::Contains(name));
    CHECK_THAT(svg, Catch::Contains("<g id=\"symbols\">"));
    CHECK_THAT(svg, Catch::Contains("paint-order=\"stroke\""));
    o.format = geo::OutputFormat::Pdf;
    const auto pdf = r.render(data, o).bytes;
    CHECK_THAT(pdf, Catch::StartsWith("%PDF-"));
    CHECK_THAT(pdf, Catch::Contains("/FontFile"));
    CHECK_THAT(pdf, Catch::Contains("/ToUnicode"));  // text stays text: searchable, copyable
}

TEST_CASE("map: mentions of one place merge; labels use the input's spelling", "[render][input]") {
    const auto data = load("places.csv");
    REQUIRE(data.features.size() == 8);
    CHECK(data.features[0].name == "Ստեփանակերտ");
    CHECK(data.features[0].count == 6);
    const auto events = load("events.geojson");
    REQUIRE(events.features.size() == 4);
    CHECK(events.features[0].kind == render::FeatureKind::Event);
    CHECK(events.dates.front() == "2023-09-19");
    CHECK(events.dates.back() == "2023-09-24");
}

TEST_CASE("map: a polygon across 180° does not streak across a world map", "[render][projection]") {
    // A box from 170°E to 170°W written the way world-atlas writes Chukotka:
    // its ring jumps from 180 to -180. On Equal Earth centred on 0° it must
    // sit at both edges of the map, not span the middle.
    const render::Basemap basemap({test::kData + "/map/antimeridian", ""});
    const auto style = render::load_style("light");
    const render::MapRenderer r(style, basemap, nullptr);
    auto o = small_png();
    o.width = 800;
    o.height = 400;
    o.bbox = geo::LonLatBox{-180, -60, 180, 80};
    o.inset = false;
    const auto result = r.render(render::MapData{}, o);
    CHECK(result.crs.find("eqearth") != std::string::npos);
    const auto img = geo::decode_png(result.bytes);
    auto is_land = [&](int x, int y) {
        const std::uint8_t* p = &img.rgba[(static_cast<std::size_t>(y) * img.width + x) * 4];
        return std::abs(p[0] - int(style.land.r * 255)) < 4 &&
               std::abs(p[1] - int(style.land.g * 255)) < 4 &&
               std::abs(p[2] - int(style.land.b * 255)) < 4;
    };
    // The world spans the middle 3/4 of the page (the map is as high as the
    // page allows): land in its left and right eighths, none in between.
    int land_in_middle = 0, land_at_edges = 0;
    for (int y = 0; y < img.height * 2 / 3; ++y) {
        for (int x = img.width * 5 / 16; x < img.width * 11 / 16; ++x)
            land_in_middle += is_land(x, y);
        for (int x = 0; x < img.width * 3 / 16; ++x) land_at_edges += is_land(x, y);
        for (int x = img.width * 13 / 16; x < img.width; ++x) land_at_edges += is_land(x, y);
    }
    CHECK(land_in_middle == 0);
    CHECK(land_at_edges > 100);
}
