// Render-only time of `conflictmap map` for scripts/bench-map: the same map
// drawn N times in one process (data loaded once per render, as the CLI
// does), reporting the median and minimum of each stage. Usage:
//   bench_map BASEMAP_DIR SOURCES_DIR MARKERS.csv png|svg|pdf [RUNS]

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "render/basemap.hpp"
#include "render/map_data.hpp"
#include "render/map_renderer.hpp"
#include "render/style.hpp"

using namespace conflictmap;

int main(int argc, char** argv) {
    if (argc < 5) {
        std::fprintf(stderr,
                     "usage: bench_map BASEMAP_DIR SOURCES_DIR MARKERS.csv png|svg|pdf [RUNS]\n");
        return 2;
    }
    const int runs = argc > 5 ? std::atoi(argv[5]) : 21;
    const render::Style style = render::load_style("light");
    const render::Basemap basemap({argv[1], argv[2]});
    const auto data = render::load_map_data({argv[3]}, {}, []() -> const gazetteer::Gazetteer& {
        throw std::runtime_error("no gazetteer");
    });
    render::MapOptions o;
    const std::string fmt = argv[4];
    o.format = fmt == "svg"   ? geo::OutputFormat::Svg
               : fmt == "pdf" ? geo::OutputFormat::Pdf
                              : geo::OutputFormat::Png;
    o.width = 1600;
    o.height = 1000;
    o.bbox = geo::LonLatBox{42, 37.5, 51.5, 43.5};
    o.crs = "EPSG:3857";
    o.resolution = "10m";
    o.title = "South Caucasus";
    const render::MapRenderer renderer(style, basemap, nullptr);
    std::map<std::string, std::vector<double>> stages;
    for (int i = 0; i < runs; ++i) {
        const auto r = renderer.render(data, o);
        stages["load"].push_back(r.load_ms);
        stages["render"].push_back(r.draw_ms);
        stages["encode"].push_back(r.encode_ms);
        stages["render+encode"].push_back(r.draw_ms + r.encode_ms);
        for (const auto& [name, ms] : r.phases) stages["stage " + name].push_back(ms);
    }
    for (auto& [name, v] : stages) {
        std::sort(v.begin(), v.end());
        std::printf("%s: median %.1f ms, min %.1f ms\n", name.c_str(), v[v.size() / 2], v.front());
    }
    return 0;
}
