// `conflictmap map`: report-ready maps of places and events as SVG, PNG or PDF.

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "build_config.hpp"
#include "cli/commands.hpp"
#include "core/error.hpp"
#include "gazetteer/data_locator.hpp"
#include "gazetteer/gazetteer.hpp"
#include "geo/canvas.hpp"
#include "geo/projection.hpp"
#include "io/atomic_file.hpp"
#include "render/basemap.hpp"
#include "render/map_data.hpp"
#include "render/map_renderer.hpp"
#include "render/style.hpp"

namespace conflictmap::cli {

namespace {

struct MapArgs {
    std::vector<std::string> inputs;
    std::string output;
    std::string format;
    std::string bbox;
    std::string center;
    double zoom = -1;
    double width = 1200;
    double height = 800;
    std::string paper;
    std::string orientation = "landscape";
    double dpi = 0;
    std::string crs;
    std::string style = "light";
    std::string title;
    std::string subtitle;
    std::string date;
    std::string source;
    std::string resolution = "auto";
    std::string input_format = "auto";
    std::optional<std::string> basemap;
    std::optional<std::string> sources;
    bool heatmap = false;
    bool no_clusters = false;
    bool no_inset = false;
    bool no_legend = false;
    bool no_labels = false;
    bool timings = false;
};

std::vector<double> numbers(const std::string& s, std::size_t n, const std::string& option) {
    std::vector<double> out;
    std::stringstream ss(s);
    std::string item;
    while (std::getline(ss, item, ',')) {
        char* end = nullptr;
        const double v = std::strtod(item.c_str(), &end);
        if (item.empty() || *end != '\0')
            throw CLI::ValidationError(option, "\"" + item + "\" is not a number");
        out.push_back(v);
    }
    if (out.size() != n)
        throw CLI::ValidationError(option,
                                   "expected " + std::to_string(n) + " comma-separated numbers");
    return out;
}

// Paper sizes in millimetres, portrait.
bool paper_size(const std::string& name, double& w, double& h) {
    static const struct {
        const char* name;
        double w, h;
    } sizes[] = {{"A5", 148, 210},         {"A4", 210, 297},         {"A3", 297, 420},
                 {"A2", 420, 594},         {"letter", 215.9, 279.4}, {"legal", 215.9, 355.6},
                 {"tabloid", 279.4, 431.8}};
    for (const auto& s : sizes) {
        if (strcasecmp(s.name, name.c_str()) == 0) {
            w = s.w;
            h = s.h;
            return true;
        }
    }
    return false;
}

geo::OutputFormat output_format(const MapArgs& a) {
    std::string f = a.format;
    if (f.empty()) {
        std::string ext = std::filesystem::path(a.output).extension().string();
        for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (ext == ".svg")
            f = "svg";
        else if (ext == ".png")
            f = "png";
        else if (ext == ".pdf")
            f = "pdf";
        else
            throw CLI::ValidationError("-o",
                                       "cannot tell the format from \"" + a.output +
                                           "\": end it in .svg, .png or .pdf, or give --format");
    }
    if (f == "svg") return geo::OutputFormat::Svg;
    if (f == "pdf") return geo::OutputFormat::Pdf;
    return geo::OutputFormat::Png;
}

std::string basemap_dir(const std::optional<std::string>& option) {
    if (option) return *option;
    if (const char* env = std::getenv("CONFLICTMAP_BASEMAP"); env && *env) return env;
    return build_config::kBasemapDir;
}

void run(const MapArgs& a, const CommonOptions& common) {
    render::MapOptions o;
    o.format = output_format(a);
    if (!a.bbox.empty() && !a.center.empty())
        throw CLI::ValidationError("--bbox", "give --bbox or --center, not both");
    if (!a.bbox.empty()) {
        const auto v = numbers(a.bbox, 4, "--bbox");
        if (!(v[1] < v[3]) || v[1] < -90 || v[3] > 90 || v[0] < -180 || v[0] > 180 || v[2] < -180 ||
            v[2] > 180)
            throw CLI::ValidationError(
                "--bbox", "expected WEST,SOUTH,EAST,NORTH in degrees with SOUTH < NORTH");
        o.bbox = geo::LonLatBox{v[0], v[1], v[2], v[3]};
    }
    if (!a.center.empty()) {
        const auto v = numbers(a.center, 2, "--center");
        if (std::abs(v[1]) > 90 || std::abs(v[0]) > 180)
            throw CLI::ValidationError("--center", "expected LON,LAT in degrees");
        if (a.zoom < 0) throw CLI::ValidationError("--center", "needs --zoom");
        o.center = geo::LonLat{v[0], v[1]};
        o.zoom = a.zoom;
    } else if (a.zoom >= 0) {
        throw CLI::ValidationError("--zoom", "needs --center");
    }
    o.dpi = a.dpi > 0 ? a.dpi : 96;
    if (!a.paper.empty()) {
        double w = 0, h = 0;
        if (!paper_size(a.paper, w, h))
            throw CLI::ValidationError("--paper", "unknown paper \"" + a.paper +
                                                      "\": A5, A4, A3, A2, letter, legal, tabloid");
        if (a.orientation == "landscape") std::swap(w, h);
        o.width = std::round(w / 25.4 * o.dpi);
        o.height = std::round(h / 25.4 * o.dpi);
    } else {
        // --dpi with pixel sizes scales the text and lines: the same map
        // for a high-density screen.
        o.width = a.width;
        o.height = a.height;
    }
    o.crs = a.crs;
    if (!o.crs.empty()) {
        try {
            geo::Projection check(o.crs);
        } catch (const LibraryError& e) {
            throw CLI::ValidationError("--crs", e.what());
        }
    }
    o.resolution = a.resolution;
    o.title = a.title;
    o.subtitle = a.subtitle;
    o.date = a.date;
    o.source = a.source;
    o.heatmap = a.heatmap;
    o.clusters = !a.no_clusters;
    o.inset = !a.no_inset;
    o.legend = !a.no_legend;
    o.labels = !a.no_labels;
    if (o.resolution != "auto") render::parse_resolution(o.resolution);

    const auto t0 = std::chrono::steady_clock::now();
    const auto fonts = geo::warm_up_fonts();  // while the inputs are read
    const render::Style style = render::load_style(a.style);

    // The gazetteer geocodes articles (required then) and gives capitals
    // for orientation (optional: a map of a CSV draws without it).
    std::unique_ptr<gazetteer::Gazetteer> gaz;
    std::string gaz_error;
    try {
        gaz = std::make_unique<gazetteer::Gazetteer>(gazetteer::locate_index(common.gazetteer));
    } catch (const MissingDataError& e) {
        gaz_error = e.what();
    }
    render::InputOptions io;
    io.format = a.input_format;
    const auto data = render::load_map_data(a.inputs, io, [&]() -> const gazetteer::Gazetteer& {
        if (!gaz) throw MissingDataError(gaz_error);
        return *gaz;
    });
    const double input_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

    render::Basemap basemap({basemap_dir(a.basemap), gazetteer::sources_dir(a.sources)});
    render::MapRenderer renderer(style, basemap, gaz.get());
    const auto result = renderer.render(data, o);

    const auto t_write = std::chrono::steady_clock::now();
    if (a.output == "-") {
        if (std::fwrite(result.bytes.data(), 1, result.bytes.size(), stdout) != result.bytes.size())
            throw IoError("standard output", "write to", errno);
    } else {
        io::AtomicFile file(a.output);
        file.write(result.bytes);
        file.commit();
    }
    const double write_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t_write)
            .count();

    if (!common.quiet && !result.outside.empty()) {
        std::cerr << "conflictmap: left off the map (far from the rest; --bbox to include):";
        for (const auto& s : result.outside) std::cerr << ' ' << s << ';';
        std::cerr << '\n';
    }
    if (a.timings) {
        std::fprintf(
            stderr,
            "input %.1f ms, basemap load %.1f ms, render %.1f ms, encode %.1f ms, write %.1f ms\n"
            "crs %s, Natural Earth %s, %.0f m/px, %zu symbols (%zu clusters), %zu labels (%zu "
            "dropped)\n",
            input_ms, result.load_ms, result.draw_ms, result.encode_ms, write_ms,
            result.crs.c_str(), result.resolution.c_str(), result.metres_per_unit, result.symbols,
            result.clusters, result.labels.size(), result.dropped_labels);
        std::string phases;
        for (const auto& [name, ms] : result.phases) {
            char buf[64];
            std::snprintf(buf, sizeof buf, "%s%s %.1f ms", phases.empty() ? "" : ", ", name.c_str(),
                          ms);
            phases += buf;
        }
        std::fprintf(stderr, "stages: %s\n", phases.c_str());
        for (const auto& f : basemap.files_used()) std::fprintf(stderr, "basemap: %s\n", f.c_str());
    }
}

}  // namespace

void register_map_command(CLI::App& app, CommonOptions& common) {
    auto a = std::make_shared<MapArgs>();
    CLI::App* m = app.add_subcommand(
        "map", "draw the places and events of articles or files as SVG, PNG or PDF");
    m->add_option(
        "INPUT", a->inputs,
        "articles (text or JSON lines, geocoded here), geocode/events output (JSON lines or "
        "GeoJSON), or any vector file GDAL reads (GeoPackage, Shapefile, GeoJSON, CSV with "
        "lon/lat); - or none for standard input");
    m->add_option("-o,--output", a->output,
                  "the map: .svg, .png or .pdf (written atomically); - for standard output")
        ->required();
    m->add_option("--format", a->format, "svg, png or pdf (else from the output's extension)")
        ->check(CLI::IsMember({"svg", "png", "pdf"}));
    m->add_option("--bbox", a->bbox, "extent W,S,E,N in degrees (else fitted to the features)")
        ->type_name("W,S,E,N");
    m->add_option("--center", a->center, "centre LON,LAT (with --zoom)")->type_name("LON,LAT");
    m->add_option("--zoom", a->zoom, "web-map zoom level at --center (0 world ... 18 street)")
        ->check(CLI::Range(0.0, 22.0));
    m->add_option("--width", a->width, "width in pixels")
        ->capture_default_str()
        ->check(CLI::Range(16.0, 30000.0));
    m->add_option("--height", a->height, "height in pixels")
        ->capture_default_str()
        ->check(CLI::Range(16.0, 30000.0));
    m->add_option("--paper", a->paper,
                  "paper size instead of pixels: A5, A4, A3, A2, letter, legal, tabloid");
    m->add_option("--orientation", a->orientation, "paper orientation: landscape or portrait")
        ->capture_default_str()
        ->check(CLI::IsMember({"landscape", "portrait"}));
    m->add_option("--dpi", a->dpi,
                  "dots per inch (96 by default; 300 for print): scales text and lines")
        ->check(CLI::Range(36.0, 1200.0));
    m->add_option("--crs", a->crs,
                  "projection: EPSG code or PROJ string (else Web Mercator for local maps, Lambert "
                  "equal-area "
                  "for continents, Equal Earth for the world)");
    m->add_option("--style", a->style, "style file, or a built-in style: light, dark")
        ->capture_default_str();
    m->add_option("--title", a->title, "title (else the article's headline)");
    m->add_option("--subtitle", a->subtitle, "subtitle");
    m->add_option("--date", a->date, "the map's date in the source line (else today)");
    m->add_option("--source", a->source, "the source line's \"Source:\" (else the input's titles)");
    m->add_flag("--heatmap", a->heatmap, "add a density layer of the places and events");
    m->add_flag("--no-clusters", a->no_clusters, "never merge overlapping symbols");
    m->add_flag("--no-inset", a->no_inset, "no locator map");
    m->add_flag("--no-legend", a->no_legend, "no legend");
    m->add_flag("--no-labels", a->no_labels, "no labels (symbols and furniture only)");
    m->add_option("--resolution", a->resolution, "Natural Earth scale: auto, 10m, 50m, 110m")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "10m", "50m", "110m"}));
    m->add_option("--input-format", a->input_format, "auto, text, jsonl, or vector (any OGR file)")
        ->capture_default_str()
        ->check(CLI::IsMember({"auto", "text", "jsonl", "vector"}));
    m->add_option(
         "--basemap", a->basemap,
         "prepared basemap folder (else $CONFLICTMAP_BASEMAP, else the build's data/basemap)")
        ->type_name("DIR");
    m->add_option("--sources", a->sources,
                  "fetched npm packages (else $CONFLICTMAP_SOURCES, else the build's)")
        ->type_name("DIR");
    m->add_flag("--timings", a->timings, "print the time of each stage on stderr");
    m->callback([a, &common] { run(*a, common); });
}

}  // namespace conflictmap::cli
