#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geo/canvas.hpp"
#include "geo/vector_layer.hpp"
#include "render/basemap.hpp"
#include "render/map_data.hpp"
#include "render/style.hpp"
#include "render/view.hpp"

namespace conflictmap::gazetteer {
class Gazetteer;
}

namespace conflictmap::render {

struct MapOptions {
    geo::OutputFormat format = geo::OutputFormat::Png;
    // Output size in pixels (PNG, SVG); a PDF page is this size at `dpi`.
    double width = 1200;
    double height = 800;
    // Dots per inch: sizes in the style are pixels at 96 dpi, scaled by dpi/96.
    double dpi = 96;

    // The extent: a box, a centre and zoom, or (neither) the features.
    std::optional<geo::LonLatBox> bbox;
    std::optional<geo::LonLat> center;
    double zoom = 0;
    std::string crs;                  // empty: chosen from the extent
    std::string resolution = "auto";  // Natural Earth scale: auto, 10m, 50m, 110m

    std::string title;     // empty: from the input (an article's headline)
    std::string subtitle;  // empty: what the map shows
    std::string date;      // the map's date (YYYY-MM-DD); empty: today
    std::string source;    // the source line's "Source:"; empty: the input's titles

    bool heatmap = false;
    bool clusters = true;
    bool inset = true;
    bool legend = true;
    bool labels = true;
};

struct PlacedLabel {
    std::string text;
    Box box;
};

// What was drawn, for tests, --timings and the benchmark.
struct RenderResult {
    std::string bytes;  // the encoded PNG, SVG or PDF
    std::string crs;
    std::string resolution;
    double device_width = 0;
    double device_height = 0;
    double metres_per_unit = 0;  // ground metres per device unit at the centre
    double scale_bar_metres = 0;
    double scale_bar_units = 0;
    std::vector<PlacedLabel> labels;
    std::size_t dropped_labels = 0;
    std::size_t symbols = 0;
    std::size_t clusters = 0;
    std::vector<std::string> outside;  // features left out of the automatic extent
    double load_ms = 0;                // reading the basemap
    double draw_ms = 0;                // projecting, drawing, labelling
    double encode_ms = 0;              // PNG/PDF/SVG encoding
    std::vector<std::pair<std::string, double>>
        phases;  // each stage, ms (basemap and inset include loading)
};

// Draws maps: basemap, data layers, labels and furniture, through a Canvas.
// Stateless between calls apart from the style and basemap it borrows; a
// render uses a per-thread text shaper and its own projections, so several
// threads may each render with their own MapRenderer (the tile server).
class MapRenderer {
  public:
    // `gazetteer` (may be null) gives capitals and large cities for orientation.
    MapRenderer(const Style& style, const Basemap& basemap, const gazetteer::Gazetteer* gazetteer);

    RenderResult render(const MapData& data, const MapOptions& options) const;

  private:
    const Style& m_style;
    const Basemap& m_basemap;
    const gazetteer::Gazetteer* m_gazetteer;
};

// Ground metres per style pixel at zoom `zoom` and latitude `lat` (web maps).
double zoom_resolution(double zoom, double lat);

}  // namespace conflictmap::render
